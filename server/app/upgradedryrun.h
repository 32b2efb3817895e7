#pragma once

#include "config/serverconfig.h"

namespace Im::App {

//! `im-server --upgrade-dry-run`: what the next start would find and do to the database (and the
//! original's files), printed to standard output and logged, with nothing changed: no migration,
//! no role change, no file moved, not even the migration history table created. An SQLite file
//! that does not exist yet is not created. Runs before any event loop, so it may block. Returns
//! the process exit code.
int runUpgradeDryRun(const Config::ServerConfig &config);

} // namespace Im::App
