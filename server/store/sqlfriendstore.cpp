#include "store/sqlfriendstore.h"

#include "store/dbexecutor.h"
#include "store/friendqueries.h"

namespace Im::Store {

SqlFriendStore::SqlFriendStore(DbExecutor &database, ListsChanged listsChanged)
    : m_database(database)
    , m_listsChanged(std::move(listsChanged))
{ }

QFuture<Result<Core::StoredNotify>>
SqlFriendStore::createRequest(int me, int target, const QVariant &remark, const QVariant &ext)
{
    return m_database.run<Core::StoredNotify>(
        [me, target, remark, ext, changed = m_listsChanged](DbSession &session) {
            auto notify = createFriendRequest(session, me, target, remark, ext);
            if (notify) // a request changes no list; dropped anyway, should that ever change
                changed({ me, target });
            return notify;
        });
}

QFuture<Result<Core::StoredNotify>> SqlFriendStore::answerRequest(int me, const QString &notifyId,
                                                                  bool agree)
{
    return m_database.run<Core::StoredNotify>(
        [me, notifyId, agree, changed = m_listsChanged](DbSession &session) {
            auto notify = answerFriendRequest(session, me, notifyId, agree);
            if (notify)
                changed({ me, notify->sender, notify->receiver });
            return notify;
        });
}

QFuture<Result<Core::StoredNotify>> SqlFriendStore::endFriendship(int me, int friendId)
{
    return m_database.run<Core::StoredNotify>(
        [me, friendId, changed = m_listsChanged](DbSession &session) {
            auto notify = deleteFriendship(session, me, friendId);
            if (notify)
                changed({ me, friendId });
            return notify;
        });
}

QFuture<Result<bool>> SqlFriendStore::updateSettings(int me, int friendId,
                                                     const Core::FriendSettingsUpdate &update)
{
    return m_database.run<bool>(
        [me, friendId, update, changed = m_listsChanged](DbSession &session) {
            auto done = updateFriendSettings(session, me, friendId, update);
            if (done)
                changed({ me, friendId });
            return done;
        });
}

QFuture<Result<std::optional<Core::FriendSettings>>> SqlFriendStore::settings(int me, int friendId)
{
    return m_database.run<std::optional<Core::FriendSettings>>(
        [me, friendId](DbSession &session) { return findFriendSettings(session, me, friendId); },
        Retry::OnConnectionLoss);
}

QFuture<Result<QList<Core::StoredNotify>>> SqlFriendStore::sentRequests(int me, int limit)
{
    return m_database.run<QList<Core::StoredNotify>>(
        [me, limit](DbSession &session) { return sentFriendRequests(session, me, limit); },
        Retry::OnConnectionLoss);
}

} // namespace Im::Store
