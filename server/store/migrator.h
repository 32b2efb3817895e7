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

//! Brings the schema to the newest version, recording each applied step in `SchemaMigrations`.
//! Concurrent servers on one MariaDB wait for each other on a named lock; a database whose
//! recorded version is newer than this binary knows is refused rather than touched.
class Migrator
{
public:
    explicit Migrator(DbSession &session);

    //! Applies the pending steps of migrationsFor(dialect) in order.
    Result<MigrationReport> migrate();
    //! Applies the pending steps of \a migrations (tests use their own lists).
    Result<MigrationReport> migrate(const QList<Migration> &migrations);

    //! The highest recorded version, 0 for a database without the table.
    Result<int> currentVersion();

private:
    Result<void> ensureHistoryTable();
    Result<void> applyOne(const Migration &migration);

    DbSession &m_session;
};

} // namespace Im::Store
