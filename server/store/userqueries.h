#pragma once

#include "im/result.h"
#include "im/user.h"
#include "store/dbsession.h"

#include <QString>
#include <QVariant>

#include <optional>

namespace Im::Store {

Result<std::optional<Core::User>> findUserByAccount(DbSession &session, const QString &account);
Result<std::optional<Core::User>> findUserById(DbSession &session, int id);

//! Inserts a user with the seeded role \a roleName; returns the new id. Duplicate when the account
//! or e-mail is taken.
Result<int> insertUser(DbSession &session, const QString &account, const QString &passwordHash,
                       const QVariant &email, const QVariant &avatar, QLatin1StringView roleName);

Result<void> updatePasswordHash(DbSession &session, int userId, const QString &passwordHash);

//! Returns the number of users changed (0: no such live user). Duplicate for a taken e-mail.
Result<int> updateProfile(DbSession &session, int userId, const Core::ProfileChanges &changes);

//! Deletes an account in one transaction: its friendships, settings, notifications, group
//! memberships and cursors go; the Users row stays with no account, password, e-mail or role, so
//! it can never log in again while the messages it sent keep their sender. NotFound when absent.
Result<void> deleteAccount(DbSession &session, int userId);

} // namespace Im::Store
