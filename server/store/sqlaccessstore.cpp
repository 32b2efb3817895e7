#include "store/sqlaccessstore.h"

#include "store/dbexecutor.h"
#include "store/permissionqueries.h"

namespace Im::Store {

SqlAccessStore::SqlAccessStore(DbExecutor &database, UserChanged changed)
    : m_database(database)
    , m_changed(std::move(changed))
{ }

QFuture<Result<Core::AccessEntry>> SqlAccessStore::createPermission(const QString &name,
                                                                    const QString &description)
{
    return m_database.run<Core::AccessEntry>([name, description](DbSession &session) {
        return insertPermission(session, name, description);
    });
}

QFuture<Result<Core::AccessEntry>> SqlAccessStore::createRole(const QString &name,
                                                              const QString &description,
                                                              const QList<int> &permissionIds)
{
    return m_database.run<Core::AccessEntry>(
        [name, description, permissionIds](DbSession &session) {
            return insertRole(session, name, description, permissionIds);
        },
        Retry::OnConnectionLoss);
}

QFuture<Result<void>> SqlAccessStore::setUserRole(int userId, int roleId)
{
    return m_database.run<void>(
        [userId, roleId, changed = m_changed](DbSession &session) {
            return changeUser(session, userId, changed,
                              [&] { return Store::setUserRole(session, userId, roleId); });
        },
        Retry::OnConnectionLoss);
}

} // namespace Im::Store
