#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>

namespace Im::Auth {

//! Who made an authenticated request (the original's `req.user`): the user as the database holds
//! it now, role and permissions included, not the snapshot the session's JWT took at login.
struct UserContext
{
    int id = 0;
    QJsonObject info; //!< UserInfo: id, account, ..., roleId, roleName, roleDesc, permissions
    //! When the session ends unless it is used again: the earlier of the JWT's `exp` and the
    //! store's sliding expiry.
    QDateTime sessionExpiresAt;

    //! UserPublic (`{id, account, avatar, email, regisTime, updateTime, roleId}`): what others may
    //! see of the user, as pushes and notifications carry it (D-27).
    [[nodiscard]] QJsonObject publicInfo() const
    {
        QJsonObject pub;
        for (const char *key :
             { "id", "account", "avatar", "email", "regisTime", "updateTime", "roleId" }) {
            const QLatin1StringView name(key);
            if (info.contains(name))
                pub.insert(name, info.value(name));
        }
        pub.insert(QLatin1StringView("id"), id);
        return pub;
    }

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
