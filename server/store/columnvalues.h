#pragma once

#include "im/jsonvalues.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

namespace Im::Store {

//! Turning column values into wire values, the same way for every table.

//! The stored DATETIME as the wire writes it (`YYYY-MM-DD HH:mm:ss`), whatever the driver returns
//! (QDateTime from MariaDB, text from SQLite); empty for NULL.
[[nodiscard]] QString wireDate(const QVariant &value);
//! wireDate(), or JSON null for NULL.
[[nodiscard]] QJsonValue wireDateOrNull(const QVariant &value);
//! The value as JSON, or JSON null for NULL.
using Core::jsonOrNull;
//! A text column as a QString QVariant, or a null QVariant (drivers differ in what NULL looks
//! like).
[[nodiscard]] QVariant textOrNull(const QVariant &value);

//! The UserPublic columns of the `Users` table under the alias \a alias, in the order
//! publicUserFrom() reads them: id, account, avatar, email, regisTime, updateTime, roleId.
[[nodiscard]] QString publicUserColumns(QStringView alias);
//! UserPublic (`{id, account, avatar, email, regisTime, updateTime, roleId}`) from the
//! publicUserColumns() starting at column \a first of \a query.
[[nodiscard]] QJsonObject publicUserFrom(const QSqlQuery &query, int first);

} // namespace Im::Store
