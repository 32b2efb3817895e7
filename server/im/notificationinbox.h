#pragma once

#include "im/notificationstore.h"

namespace Im::Core {

//! A user's notifications with their rules: listed by their receiver only, at most
//! NotificationInbox::maxPending at a time, and moved forward by their receiver only, to Received
//! (the device holds it) or Readed (the user saw it); a notify id is at most maxNotifyIdLength
//! characters (the column). Refusals are Malformed, before the store is asked.
class NotificationInbox
{
public:
    static constexpr int maxPending = 1000;
    static constexpr qsizetype maxNotifyIdLength = Core::maxNotifyIdLength;

    explicit NotificationInbox(NotificationStore &store);

    //! \a receiver's Initial notifications, oldest first, at most \a limit (1..maxPending).
    QFuture<Result<QList<PendingNotification>>> pending(int receiver, int limit = maxPending);
    //! \a receiver got (\a status Received) or read (Readed) the notification \a notifyId.
    QFuture<Result<void>> advance(int receiver, const QString &notifyId, int status);

private:
    NotificationStore &m_store;
};

} // namespace Im::Core
