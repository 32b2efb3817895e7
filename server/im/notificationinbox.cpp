#include "im/notificationinbox.h"

using namespace Qt::StringLiterals;

namespace Im::Core {

namespace {

template<typename T>
QFuture<Result<T>> refused(const QString &why)
{
    return QtFuture::makeReadyFuture(Result<T>(Error { ErrorCode::Malformed, why }));
}

} // namespace

NotificationInbox::NotificationInbox(NotificationStore &store)
    : m_store(store)
{ }

QFuture<Result<QList<PendingNotification>>> NotificationInbox::pending(int receiver, int limit)
{
    if (receiver < 1 || limit < 1 || limit > maxPending)
        return refused<QList<PendingNotification>>(u"Incorrect request parameter."_s);
    return m_store.pending(receiver, limit);
}

QFuture<Result<void>> NotificationInbox::advance(int receiver, const QString &notifyId, int status)
{
    const bool knownStatus = status == NotifyStatus::Received || status == NotifyStatus::Readed;
    if (receiver < 1 || !knownStatus || notifyId.isEmpty() || notifyId.size() > maxNotifyIdLength)
        return refused<void>(u"Incorrect request parameter."_s);
    return m_store.advance(receiver, notifyId, status);
}

} // namespace Im::Core
