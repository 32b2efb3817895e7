#pragma once

#include "im/notificationsink.h"

#include <QList>
#include <QMutex>

namespace Im::Core {

//! The interim sink until the realtime layer pushes notifications over Socket.IO: it keeps the
//! last \c capacity notifications and counts all of them, for tests and the admin view. Safe to
//! read from any thread.
class RecordingNotificationSink final : public NotificationSink
{
public:
    explicit RecordingNotificationSink(qsizetype capacity = 1000);

    void deliver(const Notification &notification) override;

    //! The most recent notifications, oldest first; at most capacity().
    [[nodiscard]] QList<Notification> recent() const;
    //! Every notification delivered since construction, including those no longer kept.
    [[nodiscard]] qint64 totalCount() const;
    [[nodiscard]] qsizetype capacity() const { return m_capacity; }

private:
    const qsizetype m_capacity;
    mutable QMutex m_mutex;
    QList<Notification> m_recent;
    qint64 m_total = 0;
};

} // namespace Im::Core
