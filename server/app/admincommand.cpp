#include "app/admincommand.h"

#include "app/originalupgrade.h"
#include "auth/accountrules.h"
#include "auth/passwordhasher.h"
#include "store/adminaccounts.h"
#include "store/dbexecutor.h"

#include <QTextStream>

#include <termios.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Im::App {

namespace {

// Longest password line read; the rules allow 16 characters, the rest only guards the buffer.
constexpr int maxPasswordLine = 1024;

QString readPasswordLine(FILE *input)
{
    const int descriptor = fileno(input);
    termios saved {};
    const bool terminal = isatty(descriptor) && tcgetattr(descriptor, &saved) == 0;
    if (terminal) {
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(descriptor, TCSANOW, &quiet);
        QTextStream prompt(stderr);
        prompt << "Password: " << Qt::flush;
    }
    char buffer[maxPasswordLine] = {};
    const bool read = fgets(buffer, sizeof buffer, input) != nullptr;
    if (terminal) {
        tcsetattr(descriptor, TCSANOW, &saved);
        QTextStream newline(stderr);
        newline << Qt::endl;
    }
    QString line = read ? QString::fromUtf8(buffer) : QString();
    while (line.endsWith(u'\n') || line.endsWith(u'\r'))
        line.chop(1);
    return line;
}

} // namespace

int runCreateAdmin(const Config::ServerConfig &config, const QString &account, FILE *input)
{
    QTextStream err(stderr);
    if (!Auth::isValidAccount(account)) {
        err << "The account must be a mobile number matching ^1[3-9]\\d{9}$ (the client's rule)."
            << Qt::endl;
        return 2;
    }
    const QString password = readPasswordLine(input);
    if (!Auth::isValidPassword(password)) {
        err << "The password must be 6 to 16 characters from [a-zA-Z0-9-*/+.~!@#$%^&*()] with at "
               "least one letter and one digit."
            << Qt::endl;
        return 2;
    }
    auto hash = Auth::PasswordHasher::hash(password);
    if (!hash) {
        err << hash.error().message << Qt::endl;
        return 1;
    }

    Store::DbExecutor database(Store::DatabaseSettings::fromConfig(config));
    auto outcome = database.run<Store::AdminAccountChange>(
        [&](Store::DbSession &session) -> Result<Store::AdminAccountChange> {
            // Run before the first start, this is the upgrade of the original's database.
            auto prepared = Store::upgradeSchema(session, upgradeOptionsFor(config));
            if (!prepared)
                return prepared.error();
            logUpgradeReport(prepared.value());
            return Store::createOrPromoteAdmin(session, account, hash.value());
        });
    const Result<Store::AdminAccountChange> result = outcome.result();
    database.stop();
    if (!result) {
        err << "Cannot create the admin account: " << result.error().message << Qt::endl;
        return 1;
    }
    QTextStream out(stdout);
    out << (result.value() == Store::AdminAccountChange::Created
                ? u"Created admin account %1."_s.arg(account)
                : u"Account %1 is now an admin, with the new password."_s.arg(account))
        << Qt::endl;
    return 0;
}

} // namespace Im::App
