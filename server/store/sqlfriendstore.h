#pragma once

#include "im/friendstore.h"

#include <QList>

#include <functional>

namespace Im::Store {

class DbExecutor;

//! The friends domain's FriendStore on the SQL database (friendqueries); every call is one job of
//! the executor. A change that alters friend lists calls \a listsChanged with the users whose list
//! changed, inside its job after the commit and before the job's answer, so whatever keeps those
//! lists (the API cache) drops them before the change is answered.
class SqlFriendStore final : public Core::FriendStore
{
public:
    using ListsChanged = std::function<void(const QList<int> &userIds)>;

    SqlFriendStore(DbExecutor &database, ListsChanged listsChanged);

    QFuture<Result<Core::StoredNotify>> createRequest(int me, int target, const QVariant &remark,
                                                      const QVariant &ext) override;
    QFuture<Result<Core::StoredNotify>> answerRequest(int me, const QString &notifyId,
                                                      bool agree) override;
    QFuture<Result<Core::StoredNotify>> endFriendship(int me, int friendId) override;
    QFuture<Result<bool>> updateSettings(int me, int friendId,
                                         const Core::FriendSettingsUpdate &update) override;
    QFuture<Result<std::optional<Core::FriendSettings>>> settings(int me, int friendId) override;
    QFuture<Result<QList<Core::StoredNotify>>> sentRequests(int me, int limit) override;

private:
    DbExecutor &m_database;
    ListsChanged m_listsChanged;
};

} // namespace Im::Store
