#pragma once

#include <QString>

namespace Im {

//! The project version, as set in the top-level CMakeLists.txt.
[[nodiscard]] QString versionString();

} // namespace Im
