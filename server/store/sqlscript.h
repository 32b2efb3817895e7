#pragma once

#include <QString>
#include <QStringList>

namespace Im::Store {

//! Splits an SQL script into statements at `;`, ignoring semicolons inside quotes, backticks and
//! comments, and dropping comments and empty statements. Migrations are shipped as such scripts.
[[nodiscard]] QStringList splitSqlScript(QStringView script);

} // namespace Im::Store
