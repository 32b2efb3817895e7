#pragma once

#include "im/friendstore.h"

#include <QJsonObject>
#include <QObject>

namespace Im::Core {

class NotificationSink;

//! Friendships with their rules, on a FriendStore: a request goes to another user, only its
//! receiver answers it, and every user changes and reads only their own settings. Each committed
//! change is pushed to the other party through the NotificationSink: a request and the end of a
//! friendship to the friend, an answer back to the requester. Refusals are Malformed, before the
//! store is asked; the store's NotFound, PermissionDenied and Conflict are passed on. Lives on the
//! network thread, which is where its futures finish.
class FriendsService : public QObject
{
public:
    static constexpr int maxSentRequests = 100;

    //! The signed-in user acting, with the public info their notifications carry.
    struct Caller
    {
        int id = 0;
        QJsonObject publicInfo;
    };

    FriendsService(FriendStore &store, NotificationSink &notifications, QObject *parent = nullptr);

    //! \a caller asks \a target to become friends.
    QFuture<Result<void>> request(const Caller &caller, int target, const QVariant &remark,
                                  const QVariant &ext);
    //! \a caller agrees to or rejects the request \a notifyId addressed to them.
    QFuture<Result<void>> answer(const Caller &caller, const QString &notifyId, bool agree);
    //! \a caller ends the friendship with \a friendId.
    QFuture<Result<void>> remove(const Caller &caller, int friendId);
    //! \a me changes their settings for \a friendId: NotFound when they have none.
    QFuture<Result<void>> updateSettings(int me, int friendId, const FriendSettingsUpdate &update);
    //! \a me's settings for \a friendId: NotFound when they have none.
    QFuture<Result<FriendSettings>> settings(int me, int friendId);
    //! The requests \a me sent, newest first, at most maxSentRequests.
    QFuture<Result<QList<StoredNotify>>> sentRequests(int me);

private:
    //! Passes the committed \a notify on to \a receiver as sent by \a sender.
    QFuture<Result<void>> notifyWhenStored(const QFuture<Result<StoredNotify>> &stored,
                                           const Caller &sender, bool toRequester);

    FriendStore &m_store;
    NotificationSink &m_notifications;
};

} // namespace Im::Core
