#pragma once

#include "config/serverconfig.h"
#include "im/result.h"

namespace Im::Config {

//! Makes sure `config.secretKey` is set, and returns it.
//! - A key that is already set is kept as is.
//! - Production without a key is an error: a generated key would silently invalidate every
//!   session on each new machine, so production must configure SECRET_KEY.
//! - Development without a key uses `config.secretKeyFile()`: an existing file is read (trimmed;
//!   it must hold at least 32 printable, non-space ASCII characters, otherwise it is reported as
//!   corrupt rather than replaced); a missing file is created (with its directory) holding
//!   32 random bytes as 64 hex characters, readable and writable by the owner only.
//! The key is never logged and never part of an error message.
[[nodiscard]] Result<QString> ensureSecretKey(ServerConfig &config);

} // namespace Im::Config
