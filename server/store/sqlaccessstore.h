#pragma once

#include "im/accessstore.h"
#include "store/userchange.h"

namespace Im::Store {

class DbExecutor;

//! The access domain's AccessStore on the SQL database (permissionqueries); every call is one job
//! of the executor, retried once on a lost connection (each is a single transaction). A user's
//! new role calls \a changed inside the job (see UserChanged).
class SqlAccessStore final : public Core::AccessStore
{
public:
    SqlAccessStore(DbExecutor &database, UserChanged changed);

    QFuture<Result<Core::AccessEntry>> createPermission(const QString &name,
                                                        const QString &description) override;
    QFuture<Result<Core::AccessEntry>> createRole(const QString &name, const QString &description,
                                                  const QList<int> &permissionIds) override;
    QFuture<Result<void>> setUserRole(int userId, int roleId) override;

private:
    DbExecutor &m_database;
    UserChanged m_changed;
};

} // namespace Im::Store
