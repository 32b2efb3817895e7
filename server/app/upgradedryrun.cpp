#include "app/upgradedryrun.h"

#include "app/logging.h"
#include "app/originalupgrade.h"
#include "store/dbexecutor.h"

#include <QFileInfo>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace Im::App {

int runUpgradeDryRun(const Config::ServerConfig &config)
{
    QTextStream out(stdout);
    const Store::DatabaseSettings settings = Store::DatabaseSettings::fromConfig(config);
    if (settings.dialect == Store::Dialect::Sqlite && !QFileInfo::exists(settings.sqlitePath)) {
        // Opening it would create it.
        out << "Dry run, nothing changed. No database at " << settings.sqlitePath
            << " yet: the first start creates it." << Qt::endl;
        return 0;
    }
    qCInfo(lcApp).noquote() << "dry run of the upgrade of" << settings.describe();
    Store::DbExecutor database(settings);
    auto preview = database.run<Store::UpgradeReport>(
        [options = upgradeOptionsFor(config)](Store::DbSession &session) {
            return Store::previewUpgrade(session, options);
        });
    const Result<Store::UpgradeReport> report = preview.result();
    database.stop();
    if (!report) {
        QTextStream(stderr) << "Cannot inspect the database: " << report.error().message
                            << Qt::endl;
        return 1;
    }
    for (const QString &line : report->lines()) {
        out << line << '\n';
        qCInfo(lcApp).noquote() << "upgrade dry run:" << line;
    }
    out << Qt::flush;
    return 0;
}

} // namespace Im::App
