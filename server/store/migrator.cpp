#include "store/migrator.h"

#include "store/logging.h"

#include <QDateTime>
#include <QScopeGuard>

using namespace Qt::StringLiterals;

namespace Im::Store {

namespace {

// GET_LOCK names are global to the MariaDB server, so the name carries the database: servers of
// other databases on the same instance (other deployments, parallel tests) never wait for ours.
// Names are at most 64 characters; a cut name only makes two databases take turns.
const QString lockNameSql = u"LEFT(CONCAT('im_server.migrations.', DATABASE()), 64)"_s;

} // namespace

Result<void> takeMigrationLock(DbSession &session)
{
    if (!session.isMariaDb())
        return {};
    auto locked = session.scalar(u"SELECT GET_LOCK(%1, 300)"_s.arg(lockNameSql));
    if (!locked)
        return locked.error();
    if (locked.value().toInt() != 1)
        return makeError(ErrorCode::Unavailable, u"Timed out waiting for the migration lock."_s);
    return {};
}

void releaseMigrationLock(DbSession &session)
{
    if (session.isMariaDb())
        (void)session.run(u"DO RELEASE_LOCK(%1)"_s.arg(lockNameSql));
}

Migrator::Migrator(DbSession &session)
    : m_session(session)
{ }

Result<void> Migrator::ensureHistoryTable()
{
    return m_session.run(
        u"CREATE TABLE IF NOT EXISTS `SchemaMigrations` (`version` INT NOT NULL PRIMARY KEY, "
        "`name` VARCHAR(255) NOT NULL, `appliedAt` VARCHAR(32) NOT NULL)"_s);
}

Result<int> Migrator::currentVersion()
{
    if (auto created = ensureHistoryTable(); !created)
        return created.error();
    auto version = m_session.scalar(u"SELECT MAX(`version`) FROM `SchemaMigrations`"_s);
    if (!version)
        return version.error();
    return version.value().isNull() ? 0 : version.value().toInt();
}

Result<MigrationReport> Migrator::migrate(const QList<Migration> &migrations)
{
    // DDL is not transactional on MariaDB: two servers starting together take turns.
    if (auto locked = takeMigrationLock(m_session); !locked)
        return locked.error();
    auto releaseLock = qScopeGuard([this] { releaseMigrationLock(m_session); });

    auto before = currentVersion();
    if (!before)
        return before.error();
    MigrationReport report;
    report.versionBefore = report.versionAfter = before.value();
    const int newestKnown = migrations.isEmpty() ? 0 : migrations.last().version;
    if (report.versionBefore > newestKnown) {
        return makeError(ErrorCode::Conflict,
                         u"The database schema is at version %1, newer than this server's %2."_s
                             .arg(report.versionBefore)
                             .arg(newestKnown));
    }
    for (const Migration &migration : migrations) {
        if (migration.version <= report.versionAfter)
            continue;
        qCInfo(lcStore).noquote() << "applying migration" << migration.version << migration.name;
        if (auto applied = applyOne(migration); !applied) {
            qCCritical(lcStore).noquote()
                << "migration" << migration.version << migration.name << "failed";
            return applied.error();
        }
        report.applied.append(migration.version);
        report.versionAfter = migration.version;
    }
    return report;
}

Result<void> Migrator::applyOne(const Migration &migration)
{
    const auto record = [&]() -> Result<void> {
        return m_session.run(
            u"INSERT INTO `SchemaMigrations` (`version`, `name`, `appliedAt`) VALUES (?, ?, ?)"_s,
            { migration.version, migration.name,
              QDateTime::currentDateTimeUtc().toString(Qt::ISODate) });
    };
    if (m_session.isMariaDb()) {
        // Steps are idempotent, so a crash between the step and its record only replays it.
        if (auto applied = migration.apply(m_session); !applied)
            return applied;
        return record();
    }
    return m_session.transaction([&]() -> Result<void> {
        if (auto applied = migration.apply(m_session); !applied)
            return applied;
        return record();
    });
}

} // namespace Im::Store
