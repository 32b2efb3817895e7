#pragma once

#include "im/result.h"
#include "store/dbsession.h"
#include "store/migrator.h"

namespace Im::Store {

//! What every start (and `--create-admin`) does to a database before use: apply the pending
//! migrations, then seed the roles and permissions. Runs on a DbExecutor worker.
Result<MigrationReport> prepareSchema(DbSession &session);

} // namespace Im::Store
