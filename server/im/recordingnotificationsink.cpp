#include "im/recordingnotificationsink.h"

#include <QLoggingCategory>
#include <QMutexLocker>

#include <algorithm>

namespace Im::Core {

namespace {
Q_LOGGING_CATEGORY(lcCore, "im.core")
} // namespace

RecordingNotificationSink::RecordingNotificationSink(qsizetype capacity)
    : m_capacity(std::max<qsizetype>(capacity, 1))
{ }

void RecordingNotificationSink::deliver(const Notification &notification)
{
    // Ids and numbers only: remark and ext are user text and stay out of the log.
    qCDebug(lcCore).nospace() << "notify " << notification.id << " type " << notification.type
                              << " status " << notification.status << " from "
                              << notification.senderId << " to " << notification.receiverId;
    const QMutexLocker locker(&m_mutex);
    ++m_total;
    m_recent.append(notification);
    if (m_recent.size() > m_capacity)
        m_recent.remove(0, m_recent.size() - m_capacity);
}

QList<Notification> RecordingNotificationSink::recent() const
{
    const QMutexLocker locker(&m_mutex);
    return m_recent;
}

qint64 RecordingNotificationSink::totalCount() const
{
    const QMutexLocker locker(&m_mutex);
    return m_total;
}

} // namespace Im::Core
