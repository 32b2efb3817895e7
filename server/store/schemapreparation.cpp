#include "store/schemapreparation.h"

#include "store/originalcleanup.h"
#include "store/originalinspection.h"
#include "store/seeder.h"

#include <QScopeGuard>

using namespace Qt::StringLiterals;

namespace Im::Store {

namespace {

//! The report's part that is read before anything changes (and all a dry run reads).
Result<UpgradeReport> survey(DbSession &session, const UpgradeOptions &options, bool dryRun)
{
    UpgradeReport report;
    report.dryRun = dryRun;
    auto version = recordedSchemaVersion(session);
    if (!version)
        return version.error();
    report.migration.versionBefore = report.migration.versionAfter = version.value();
    auto original = holdsOriginalData(session, version.value());
    if (!original)
        return original.error();
    report.fromOriginal = original.value();
    if (!report.fromOriginal)
        return report;

    auto rows = countOriginalRows(session);
    if (!rows)
        return rows.error();
    report.rowsBefore = rows.value();
    auto cleanups = countCleanups(session);
    if (!cleanups)
        return cleanups.error();
    report.cleanups = cleanups.value();
    auto admins = listOriginalAdmins(session, options.keepAdmins);
    if (!admins)
        return admins.error();
    report.admins = admins.value();
    if (options.files)
        report.files = options.files(dryRun);
    return report;
}

//! The rows the upgrade would leave: those before, less what the cleanup rules remove.
QList<Tally> expectedRows(const UpgradeReport &report)
{
    const auto removedBy = [&report](const RowCleanup &rule) {
        for (const Tally &removed : report.cleanups) {
            if (removed.what == rule.kind)
                return removed.count;
        }
        return qint64(0);
    };
    QList<Tally> rows = report.rowsBefore;
    for (Tally &table : rows) {
        for (const RowCleanup &rule : cleanupsOf(table.what))
            table.count -= removedBy(rule);
    }
    return rows;
}

} // namespace

Result<MigrationReport> prepareSchema(DbSession &session)
{
    auto report = upgradeSchema(session, {});
    if (!report)
        return report.error();
    return report->migration;
}

Result<UpgradeReport> upgradeSchema(DbSession &session, const UpgradeOptions &options)
{
    // The Migrator takes the lock too (it nests): here it also covers the survey and the files,
    // so a second server starting at the same time finds them done.
    if (auto locked = takeMigrationLock(session); !locked)
        return locked.error();
    auto releaseLock = qScopeGuard([&session] { releaseMigrationLock(session); });

    auto surveyed = survey(session, options, false);
    if (!surveyed)
        return surveyed;
    UpgradeReport report = surveyed.value();
    auto migrated = Migrator(session).migrate(migrationsFor(session.dialect(), options.keepAdmins));
    if (!migrated)
        return migrated.error();
    report.migration = migrated.value();
    if (auto seeded = seedRolesAndPermissions(session); !seeded)
        return seeded.error();
    if (report.fromOriginal) {
        auto after = countOriginalRows(session);
        if (!after)
            return after.error();
        report.rowsAfter = after.value();
    }
    return report;
}

Result<UpgradeReport> previewUpgrade(DbSession &session, const UpgradeOptions &options)
{
    auto surveyed = survey(session, options, true);
    if (!surveyed)
        return surveyed;
    UpgradeReport report = surveyed.value();
    const QList<Migration> migrations = migrationsFor(session.dialect());
    if (report.migration.versionBefore > migrations.last().version) {
        return makeError(ErrorCode::Conflict,
                         u"The database schema is at version %1, newer than this server's %2."_s
                             .arg(report.migration.versionBefore)
                             .arg(migrations.last().version));
    }
    for (const Migration &migration : migrations) {
        if (migration.version > report.migration.versionBefore)
            report.migration.applied.append(migration.version);
    }
    if (!report.migration.applied.isEmpty())
        report.migration.versionAfter = report.migration.applied.last();
    report.rowsAfter = expectedRows(report);
    return report;
}

} // namespace Im::Store
