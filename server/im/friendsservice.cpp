#include "im/friendsservice.h"

#include "im/futures.h"
#include "im/notificationsink.h"
#include "im/requestchecks.h"

using namespace Qt::StringLiterals;

namespace Im::Core {

FriendsService::FriendsService(FriendStore &store, NotificationSink &notifications, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_notifications(notifications)
{ }

QFuture<Result<void>> FriendsService::request(const Caller &caller, int target,
                                              const QVariant &remark, const QVariant &ext)
{
    if (caller.id < 1 || target < 1 || target == caller.id || !isTextOrNull(remark)
        || !isTextOrNull(ext)) {
        return readyError<void>(incorrectParameter());
    }
    return notifyWhenStored(m_store.createRequest(caller.id, target, remark, ext), caller, false);
}

QFuture<Result<void>> FriendsService::answer(const Caller &caller, const QString &notifyId,
                                             bool agree)
{
    if (caller.id < 1 || notifyId.isEmpty() || notifyId.size() > maxNotifyIdLength)
        return readyError<void>(incorrectParameter());
    // The answer travels back to the requester under the request's id (spec §12).
    return notifyWhenStored(m_store.answerRequest(caller.id, notifyId, agree), caller, true);
}

QFuture<Result<void>> FriendsService::remove(const Caller &caller, int friendId)
{
    if (caller.id < 1 || friendId < 1)
        return readyError<void>(incorrectParameter());
    return notifyWhenStored(m_store.endFriendship(caller.id, friendId), caller, false);
}

QFuture<Result<void>> FriendsService::updateSettings(int me, int friendId,
                                                     const FriendSettingsUpdate &update)
{
    if (me < 1 || friendId < 1 || update.isEmpty()
        || (update.remark && !isTextOrNull(*update.remark))) {
        return readyError<void>(incorrectParameter());
    }
    return thenReady(m_store.updateSettings(me, friendId, update), this,
                     [](Result<bool> updated) -> Result<void> {
                         if (!updated)
                             return updated.error();
                         if (!updated.value())
                             return makeError(ErrorCode::NotFound, u"No resources are updated."_s);
                         return {};
                     });
}

QFuture<Result<FriendSettings>> FriendsService::settings(int me, int friendId)
{
    if (me < 1 || friendId < 1)
        return readyError<FriendSettings>(incorrectParameter());
    return thenReady(m_store.settings(me, friendId), this,
                     [](Result<std::optional<FriendSettings>> found) -> Result<FriendSettings> {
                         if (!found)
                             return found.error();
                         if (!found.value())
                             return makeError(ErrorCode::NotFound, u"Not found."_s);
                         return *found.value();
                     });
}

QFuture<Result<QList<StoredNotify>>> FriendsService::sentRequests(int me)
{
    if (me < 1)
        return readyError<QList<StoredNotify>>(incorrectParameter());
    return m_store.sentRequests(me, maxSentRequests);
}

QFuture<Result<void>> FriendsService::notifyWhenStored(const QFuture<Result<StoredNotify>> &stored,
                                                       const Caller &sender, bool toRequester)
{
    return thenReady(
        stored, this, [this, sender, toRequester](Result<StoredNotify> notify) -> Result<void> {
            if (!notify)
                return notify.error();
            const int receiver = toRequester ? notify->sender : notify->receiver;
            m_notifications.deliver(notify->toNotification(sender.id, sender.publicInfo, receiver));
            return {};
        });
}

} // namespace Im::Core
