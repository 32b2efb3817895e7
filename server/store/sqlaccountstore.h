#pragma once

#include "im/accountstore.h"
#include "store/userchange.h"

namespace Im::Store {

class DbExecutor;

//! The account domain's AccountStore on the SQL database (userqueries); every call is one job of
//! the executor, and every change calls \a changed inside it (see UserChanged).
class SqlAccountStore final : public Core::AccountStore
{
public:
    SqlAccountStore(DbExecutor &database, UserChanged changed);

    QFuture<Result<std::optional<Core::User>>>
    updateProfile(int userId, const Core::ProfileChanges &changes) override;
    QFuture<Result<void>> deleteAccount(int userId) override;

private:
    DbExecutor &m_database;
    UserChanged m_changed;
};

} // namespace Im::Store
