#pragma once

#include "im/friendship.h"
#include "im/result.h"
#include "im/storednotify.h"

#include <QFuture>
#include <QList>
#include <QString>
#include <QVariant>

#include <optional>

namespace Im::Core {

//! Where friendships, friend requests and friend settings are kept: the friends domain's view of
//! them. Every change is one transaction, and the notify it stores (a request, its answer, the end
//! of a friendship) is returned once committed. Results come back as futures finished on another
//! thread; callers continue them on their own.
class FriendStore
{
public:
    virtual ~FriendStore() = default;

    //! Stores a friend request from \a me to \a target: NotFound for an unknown target,
    //! PermissionDenied when already friends, Conflict when one from me to them is still pending.
    virtual QFuture<Result<StoredNotify>> createRequest(int me, int target, const QVariant &remark,
                                                        const QVariant &ext) = 0;
    //! Answers the request \a notifyId addressed to \a me: NotFound when unknown or already
    //! answered, PermissionDenied when it is not mine or we are already friends. Agreeing stores
    //! the friendship with both settings rows. Returns the answered request.
    virtual QFuture<Result<StoredNotify>> answerRequest(int me, const QString &notifyId,
                                                        bool agree) = 0;
    //! Ends the friendship with both settings rows and stores a DelFriend notify from \a me to
    //! \a friendId: PermissionDenied when we are not friends.
    virtual QFuture<Result<StoredNotify>> endFriendship(int me, int friendId) = 0;
    //! Applies \a update to my settings for \a friendId; false when I have no such row.
    virtual QFuture<Result<bool>> updateSettings(int me, int friendId,
                                                 const FriendSettingsUpdate &update) = 0;
    //! My settings for \a friendId, if I have them.
    virtual QFuture<Result<std::optional<FriendSettings>>> settings(int me, int friendId) = 0;
    //! The requests \a me sent, newest first, at most \a limit, with their current status.
    virtual QFuture<Result<QList<StoredNotify>>> sentRequests(int me, int limit) = 0;
};

} // namespace Im::Core
