#pragma once

#include "im/result.h"
#include "store/dbsession.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace Im::Store {

//! A row of `Permissions` or `Roles`: both tables have the same columns.
struct NamedRow
{
    int id = 0;
    QString name;
    QString description;
    QString createdAt; //!< `YYYY-MM-DD HH:mm:ss`, empty when the column is null
    QString updatedAt;

    //! `{id, name, desc, createdAt, updatedAt}`, as the original answers a created row; each date
    //! is formatted from its own column (D-15).
    [[nodiscard]] QJsonObject toJson() const;
};

//! Inserts a permission and returns the stored row; Duplicate when the name is taken.
Result<NamedRow> insertPermission(DbSession &session, const QString &name,
                                  const QString &description);

//! Inserts a role holding \a permissionIds (repeats are ignored) in one transaction and returns
//! the stored row. Duplicate when the name is taken; NotFound naming the unknown ids when a
//! permission does not exist, and then nothing is created.
Result<NamedRow> insertRole(DbSession &session, const QString &name, const QString &description,
                            const QList<int> &permissionIds);

//! Gives user \a userId the role \a roleId. NotFound (`No user found with id <id>` or
//! `No role found with id <id>`) when either does not exist.
Result<void> setUserRole(DbSession &session, int userId, int roleId);

} // namespace Im::Store
