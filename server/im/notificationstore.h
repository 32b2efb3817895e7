#pragma once

#include "im/notification.h"
#include "im/result.h"

#include <QFuture>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace Im::Core {

//! A notification still waiting for its receiver: as it is pushed, and as the receiver's list
//! shows it (the stored row with the sender's public info, D-27).
struct PendingNotification
{
    Notification notification;
    QJsonObject listed;
};

//! Where notifications are kept: the messaging domain's view of them. Results come back as
//! futures (finished on another thread); callers continue them on their own.
class NotificationStore
{
public:
    virtual ~NotificationStore() = default;

    //! The notifications addressed to \a receiver that are still Initial, oldest first, at most
    //! \a limit.
    virtual QFuture<Result<QList<PendingNotification>>> pending(int receiver, int limit) = 0;
    //! Moves \a receiver's notification \a notifyId forward to \a status (never backwards);
    //! NotFound when no notification with that id is addressed to \a receiver.
    virtual QFuture<Result<void>> advance(int receiver, const QString &notifyId, int status) = 0;
};

} // namespace Im::Core
