#pragma once

#include <QString>

namespace Im::Config {

//! The read-only files an installed im-server uses live in `<prefix>/share/im-server`, found from
//! the executable's own directory (`<prefix>/bin`). The build tree has the same layout (the build
//! links `share/im-server/swagger-ui` to the npm copy), so a package, `cmake --install` to any
//! prefix and a build folder all work and no source path is compiled into the binary.
//! Needs a QCoreApplication.
[[nodiscard]] QString installedDataDir();

//! Swagger UI's files (npm's swagger-ui-dist) below installedDataDir(): the default of
//! SWAGGER_UI_DIR.
[[nodiscard]] QString defaultSwaggerUiDir();

} // namespace Im::Config
