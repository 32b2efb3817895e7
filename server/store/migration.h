#pragma once

#include "config/adminkeeplist.h"
#include "im/result.h"
#include "store/dbsession.h"

#include <QList>
#include <QString>

#include <functional>

namespace Im::Store {

//! One step of the schema history. A step is either an SQL script from the embedded resources
//! (`:/migrations/<dialect>/NNNN_name.sql`) or C++ code when it must inspect the database first.
//! Every step must be safe to run again after a crash part-way (MariaDB DDL is not transactional).
struct Migration
{
    int version = 0;
    QString name;
    std::function<Result<void>(DbSession &)> apply;
};

//! The ordered migrations of \a dialect. On MariaDB, version 2 (the upgrade of the original's
//! schema) also moves the original's admin accounts that \a keepAdmins does not name to `user`.
[[nodiscard]] QList<Migration> migrationsFor(Dialect dialect,
                                             const Config::AdminKeepList &keepAdmins = {});
//! The versions of \a migrations, in order.
[[nodiscard]] QList<int> versionsOf(const QList<Migration> &migrations);

//! Runs the statements of an embedded SQL script one by one.
Result<void> runSqlResource(DbSession &session, const QString &resourcePath);

} // namespace Im::Store
