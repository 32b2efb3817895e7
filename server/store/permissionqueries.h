#pragma once

#include "im/accessentry.h"
#include "im/result.h"
#include "store/dbsession.h"

#include <QList>
#include <QString>

#include <optional>

namespace Im::Store {

//! Inserts a permission and returns the stored row; Duplicate when the name is taken.
Result<Core::AccessEntry> insertPermission(DbSession &session, const QString &name,
                                           const QString &description);

//! Inserts a role holding \a permissionIds (repeats are ignored) in one transaction and returns
//! the stored row. Duplicate when the name is taken; NotFound naming the unknown ids when a
//! permission does not exist, and then nothing is created.
Result<Core::AccessEntry> insertRole(DbSession &session, const QString &name,
                                     const QString &description, const QList<int> &permissionIds);

//! Gives user \a userId the role \a roleId. NotFound (`No user found with id <id>` or
//! `No role found with id <id>`) when either does not exist.
Result<void> setUserRole(DbSession &session, int userId, int roleId);

} // namespace Im::Store
