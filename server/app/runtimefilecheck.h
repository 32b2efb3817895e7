#pragma once

#include "config/serverconfig.h"

#include <QStringList>

namespace Im::App {

//! The files outside the database that \a config makes the server use at run time and that are
//! missing, one readable line each: Swagger UI's files for /api/docs, and ffmpeg for video
//! uploads. The server starts without them (those features answer 503), so
//! `--check-config` names them rather than refusing the configuration.
[[nodiscard]] QStringList missingRuntimeFiles(const Config::ServerConfig &config);

} // namespace Im::App
