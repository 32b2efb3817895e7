#include "store/sqlaccountstore.h"

#include "store/dbexecutor.h"
#include "store/userqueries.h"

namespace Im::Store {

SqlAccountStore::SqlAccountStore(DbExecutor &database, UserChanged changed)
    : m_database(database)
    , m_changed(std::move(changed))
{ }

QFuture<Result<std::optional<Core::User>>>
SqlAccountStore::updateProfile(int userId, const Core::ProfileChanges &changes)
{
    return m_database.run<std::optional<Core::User>>(
        [userId, changes,
         changed = m_changed](DbSession &session) -> Result<std::optional<Core::User>> {
            auto count = changeUser(session, userId, changed,
                                    [&] { return Store::updateProfile(session, userId, changes); });
            if (!count)
                return count.error();
            // Read back rather than trust the count: MariaDB counts only rows whose values
            // changed, and a deleted account is not found.
            return findUserById(session, userId);
        });
}

QFuture<Result<void>> SqlAccountStore::deleteAccount(int userId)
{
    return m_database.run<void>([userId, changed = m_changed](DbSession &session) {
        return changeUser(session, userId, changed,
                          [&] { return Store::deleteAccount(session, userId); });
    });
}

} // namespace Im::Store
