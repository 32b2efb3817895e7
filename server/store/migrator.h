#pragma once

#include "im/result.h"
#include "store/dbsession.h"
#include "store/migration.h"

#include <QList>

namespace Im::Store {

//! What a migration run did.
struct MigrationReport
{
    int versionBefore = 0;
    int versionAfter = 0;
    QList<int> applied;
};

//! Takes the named lock under which servers sharing one MariaDB database migrate it in turn
//! (waiting up to 5 minutes); it nests, and is a no-op on SQLite. Release it with
//! releaseMigrationLock() on the same session.
Result<void> takeMigrationLock(DbSession &session);
void releaseMigrationLock(DbSession &session);

//! Brings the schema to the newest version, recording each applied step in `SchemaMigrations`.
//! Concurrent servers on one MariaDB wait for each other on a named lock; a database whose
//! recorded version is newer than this binary knows is refused rather than touched.
class Migrator
{
public:
    explicit Migrator(DbSession &session);

    //! Applies the pending steps of \a migrations (migrationsFor() the session's dialect, or a
    //! test's own list) in order.
    Result<MigrationReport> migrate(const QList<Migration> &migrations);

    //! The highest recorded version, 0 for a database without the table.
    Result<int> currentVersion();

private:
    Result<void> ensureHistoryTable();
    Result<void> applyOne(const Migration &migration);

    DbSession &m_session;
};

} // namespace Im::Store
