#include "store/migration.h"

#include "store/mariadbupgrade.h"
#include "store/originaladmins.h"
#include "store/sqlscript.h"

#include <QFile>

using namespace Qt::StringLiterals;

namespace Im::Store {

Result<void> runSqlResource(DbSession &session, const QString &resourcePath)
{
    QFile file(resourcePath);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Internal, u"Missing migration script %1."_s.arg(resourcePath));
    const QString script = QString::fromUtf8(file.readAll());
    for (const QString &statement : splitSqlScript(script)) {
        if (auto done = session.run(statement); !done)
            return done;
    }
    return {};
}

QList<Migration> migrationsFor(Dialect dialect, const Config::AdminKeepList &keepAdmins)
{
    const auto script = [](const QString &path) {
        return [path](DbSession &session) { return runSqlResource(session, path); };
    };
    if (dialect == Dialect::Sqlite) {
        return {
            { 1, u"initial schema"_s, script(u":/migrations/sqlite/0001_initial_schema.sql"_s) },
            { 2, u"sessions"_s, script(u":/migrations/sqlite/0002_sessions.sql"_s) },
            { 3, u"messaging"_s, script(u":/migrations/sqlite/0003_messaging.sql"_s) },
            { 4, u"conversation peers"_s,
              script(u":/migrations/sqlite/0004_conversation_peers.sql"_s) },
        };
    }
    return {
        { 1, u"baseline of the original schema"_s,
          script(u":/migrations/mariadb/0001_baseline.sql"_s) },
        // The roles in the same step as the schema: a crash before it is recorded replays both,
        // so no account chosen as admin at the original's sign-up slips through.
        { 2, u"upgrade to the port's schema"_s,
          [keepAdmins](DbSession &session) -> Result<void> {
              if (auto upgraded = upgradeOriginalSchema(session); !upgraded)
                  return upgraded;
              if (auto reviewed = demoteOriginalAdmins(session, keepAdmins); !reviewed)
                  return reviewed.error();
              return {};
          } },
        { 3, u"sessions"_s, script(u":/migrations/mariadb/0003_sessions.sql"_s) },
        { 4, u"messaging"_s, script(u":/migrations/mariadb/0004_messaging.sql"_s) },
        { 5, u"conversation peers"_s,
          script(u":/migrations/mariadb/0005_conversation_peers.sql"_s) },
    };
}

QList<int> versionsOf(const QList<Migration> &migrations)
{
    QList<int> versions;
    for (const Migration &migration : migrations)
        versions.append(migration.version);
    return versions;
}

} // namespace Im::Store
