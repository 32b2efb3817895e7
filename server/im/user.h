#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QVariant>

#include <optional>

namespace Im::Core {

//! A permission as a user's role grants it.
struct PermissionInfo
{
    int id = 0;
    QString name;
    QString description;
};

//! A user with its role and the role's permissions: the original's "UserInfo".
struct User
{
    int id = 0;
    QString account;
    QString passwordHash; //!< Never leaves the server: toJson() leaves it out.
    QVariant avatar; //!< null or string
    QVariant email; //!< null or string
    QString regisTime; //!< `YYYY-MM-DD HH:mm:ss`
    QString updateTime;
    QVariant roleId; //!< null or int
    QString roleName;
    QString roleDescription;
    QList<PermissionInfo> permissions;

    //! `{id, account, avatar, email, regisTime, updateTime, roleId, roleName, roleDesc,
    //! permissions:[{id, name, desc}]}`, as the original's login answers and JWT payload.
    [[nodiscard]] QJsonObject toJson() const;
};

//! The profile fields a user may change; a set optional is written (null clears the column).
struct ProfileChanges
{
    std::optional<QVariant> email;
    std::optional<QVariant> avatar;
};

//! Longest e-mail address (and any other text) the VARCHAR(255) columns of `Users` take.
inline constexpr qsizetype maxUserTextLength = 255;

//! `local@domain.tld` without spaces, at most maxUserTextLength characters.
[[nodiscard]] bool isValidEmail(const QString &email);

} // namespace Im::Core
