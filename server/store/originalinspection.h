#pragma once

#include "im/result.h"
#include "store/dbsession.h"
#include "store/upgradereport.h"

#include <QList>
#include <QStringList>

namespace Im::Store {

//! Read-only looks at a database before the migrations run, for the upgrade report and its dry
//! run: none of these changes anything, not even the migration history table.

//! The tables the original server created (the same names in the port).
[[nodiscard]] const QStringList &originalTableNames();

//! The highest version recorded in `SchemaMigrations`; 0 when the table is missing or empty.
Result<int> recordedSchemaVersion(DbSession &session);

//! True for a MariaDB database at schema version \a version that holds the original server's
//! tables and has not been through the upgrade of version 2 yet.
Result<bool> holdsOriginalData(DbSession &session, int version);

//! The rows of each of the original's tables that exist, in originalTableNames() order.
Result<QList<Tally>> countOriginalRows(DbSession &session);

//! The rows each cleanup rule (originalcleanup.h) would remove, by its kind.
Result<QList<Tally>> countCleanups(DbSession &session);

} // namespace Im::Store
