#pragma once

#include "im/result.h"
#include "store/dbsession.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QVariant>

#include <optional>

namespace Im::Store {

struct PermissionRecord
{
    int id = 0;
    QString name;
    QString description;
};

//! A user with its role and the role's permissions: the original's "UserInfo".
struct UserRecord
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
    QList<PermissionRecord> permissions;

    //! `{id, account, avatar, email, regisTime, updateTime, roleId, roleName, roleDesc,
    //! permissions:[{id, name, desc}]}`, as the original's login answers and JWT payload.
    [[nodiscard]] QJsonObject toJson() const;
};

Result<std::optional<UserRecord>> findUserByAccount(DbSession &session, const QString &account);
Result<std::optional<UserRecord>> findUserById(DbSession &session, int id);

//! Inserts a user with the seeded role \a roleName; returns the new id. Duplicate when the account
//! or e-mail is taken.
Result<int> insertUser(DbSession &session, const QString &account, const QString &passwordHash,
                       const QVariant &email, const QVariant &avatar, QLatin1StringView roleName);

Result<void> updatePasswordHash(DbSession &session, int userId, const QString &passwordHash);

//! The profile fields a user may change; a set optional is written (null clears the column).
struct ProfileChanges
{
    std::optional<QVariant> email;
    std::optional<QVariant> avatar;
};

//! Returns the number of users changed (0: no such live user). Duplicate for a taken e-mail.
Result<int> updateProfile(DbSession &session, int userId, const ProfileChanges &changes);

//! Deletes an account in one transaction: its friendships, settings, notifications, group
//! memberships and cursors go; the Users row stays with no account, password, e-mail or role, so
//! it can never log in again while the messages it sent keep their sender. NotFound when absent.
Result<void> deleteAccount(DbSession &session, int userId);

} // namespace Im::Store
