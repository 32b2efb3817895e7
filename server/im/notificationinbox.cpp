#include "im/notificationinbox.h"

#include "im/futures.h"

using namespace Qt::StringLiterals;

namespace Im::Core {

NotificationInbox::NotificationInbox(NotificationStore &store)
    : m_store(store)
{ }

QFuture<Result<QList<PendingNotification>>> NotificationInbox::pending(int receiver, int limit)
{
    if (receiver < 1 || limit < 1 || limit > maxPending)
        return readyError<QList<PendingNotification>>(
            makeError(ErrorCode::Malformed, u"Incorrect request parameter."_s));
    return m_store.pending(receiver, limit);
}

QFuture<Result<void>> NotificationInbox::advance(int receiver, const QString &notifyId, int status)
{
    const bool knownStatus = status == NotifyStatus::Received || status == NotifyStatus::Readed;
    if (receiver < 1 || !knownStatus || notifyId.isEmpty() || notifyId.size() > maxNotifyIdLength)
        return readyError<void>(makeError(ErrorCode::Malformed, u"Incorrect request parameter."_s));
    return m_store.advance(receiver, notifyId, status);
}

} // namespace Im::Core
