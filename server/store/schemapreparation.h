#pragma once

#include "config/adminkeeplist.h"
#include "im/result.h"
#include "store/dbsession.h"
#include "store/migrator.h"
#include "store/upgradereport.h"

#include <functional>

namespace Im::Store {

//! What preparing a database made by the original server needs from outside the store.
struct UpgradeOptions
{
    //! The original's admin accounts that keep their role (UPGRADE_KEEP_ADMINS).
    Config::AdminKeepList keepAdmins;
    //! Brings the original's files into the server's layout (`false`) or only counts them (dry
    //! run, `true`); called once, before the schema changes, when the database is the original's.
    //! May be empty.
    std::function<QList<Tally>(bool dryRun)> files;
};

//! What every start (and `--create-admin`) does to a database before use: apply the pending
//! migrations, then seed the roles and permissions. Runs on a DbExecutor worker. On a database
//! made by the original server the default options move every admin account to `user`.
Result<MigrationReport> prepareSchema(DbSession &session);

//! prepareSchema() with \a options, reporting what it found and did. For a database made by the
//! original server the report is complete: rows per table are counted before and after, the
//! files step runs before anything changes, and everything happens under the migration lock.
Result<UpgradeReport> upgradeSchema(DbSession &session, const UpgradeOptions &options);

//! What upgradeSchema() would find and do, changing nothing at all (the files are only counted).
Result<UpgradeReport> previewUpgrade(DbSession &session, const UpgradeOptions &options);

} // namespace Im::Store
