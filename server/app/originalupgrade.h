#pragma once

#include "config/serverconfig.h"
#include "store/schemapreparation.h"
#include "store/upgradereport.h"

namespace Im::App {

//! What preparing the database needs from the configuration: the original's admin accounts to
//! keep (UPGRADE_KEEP_ADMINS) and the move of the original's files under MULTER_DEST into the
//! server's layout (Media::adoptOriginalUploads).
[[nodiscard]] Store::UpgradeOptions upgradeOptionsFor(const Config::ServerConfig &config);

//! Logs \a report line by line under `im.app` when it is about a database made by the original
//! server (a start on the server's own database only logs its schema version).
void logUpgradeReport(const Store::UpgradeReport &report);

} // namespace Im::App
