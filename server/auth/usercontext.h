#pragma once

#include <QJsonArray>
#include <QJsonObject>

namespace Im::Auth {

//! Who made an authenticated request: the JWT payload of its session (the original's
//! `req.user`), a snapshot taken at login.
struct UserContext
{
    int id = 0;
    QJsonObject info; //!< UserInfo: id, account, ..., roleId, roleName, roleDesc, permissions

    [[nodiscard]] bool hasPermission(int permissionId) const
    {
        const QJsonArray permissions = info.value(QLatin1StringView("permissions")).toArray();
        for (const QJsonValue &permission : permissions) {
            if (permission.toObject().value(QLatin1StringView("id")).toInt() == permissionId)
                return true;
        }
        return false;
    }

    //! By name: for the port's own permissions, whose ids differ between a fresh database and one
    //! migrated from the original.
    [[nodiscard]] bool hasPermission(QLatin1StringView permissionName) const
    {
        const QJsonArray permissions = info.value(QLatin1StringView("permissions")).toArray();
        for (const QJsonValue &permission : permissions) {
            if (permission.toObject().value(QLatin1StringView("name")).toString() == permissionName)
                return true;
        }
        return false;
    }
};

} // namespace Im::Auth
