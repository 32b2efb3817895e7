#pragma once

#include "im/result.h"
#include "store/dbsession.h"

#include <QString>

namespace Im::Store {

//! Names of the seeded permissions. `userGet` and `userDel` keep the original's ids 1 and 2; the
//! others guard the admin-only parts of the API.
namespace Permission {
inline constexpr QLatin1StringView UserGet { "userGet" };
inline constexpr QLatin1StringView UserDel { "userDel" };
inline constexpr QLatin1StringView PermissionManage { "permissionManage" };
inline constexpr QLatin1StringView ElectronManage { "electronManage" };
inline constexpr QLatin1StringView AdminConsole { "adminConsole" };
} // namespace Permission

namespace Role {
inline constexpr QLatin1StringView User { "user" };
inline constexpr QLatin1StringView Admin { "admin" };
} // namespace Role

//! Makes sure the roles `user` and `admin` and the permissions above exist, and that `admin` holds
//! every one of them. Matches by name, so it is a no-op on a database that has them already (also
//! one created by the original server, whose ids are kept). Runs in one transaction.
Result<void> seedRolesAndPermissions(DbSession &session);

} // namespace Im::Store
