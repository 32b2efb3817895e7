#pragma once

#include "im/notificationsink.h"

#include <QObject>

#include <chrono>

namespace Im::SocketIo {
class SocketIoSocket;
struct AckResult;
} // namespace Im::SocketIo

namespace Im::Core {
class DeliveryHub;
class DeviceLink;
class NotificationInbox;
} // namespace Im::Core

namespace Im::Messaging {

//! Pushes notifications (friend requests, deletes, answers) as `on-notify` to every socket of the
//! receiver, with an ack request, as the desktop client expects. An ack 200 moves an Initial
//! notification to Received; a missing ack is normal (the real client never acks) and is neither
//! retried nor a reason to disconnect. A connecting socket gets the receiver's pending (Initial)
//! notifications.
class NotificationPusher : public QObject, public Core::NotificationSink
{
    Q_OBJECT
public:
    NotificationPusher(Core::DeliveryHub &hub, Core::NotificationInbox &inbox,
                       std::chrono::milliseconds ackTimeout, QObject *parent = nullptr);

    void deliver(const Core::Notification &notification) override;

    [[nodiscard]] qint64 pushed() const { return m_pushed; }
    [[nodiscard]] qint64 acknowledged() const { return m_acknowledged; }

private:
    void push(SocketIo::SocketIoSocket *socket, const Core::Notification &notification);
    //! A receipt of status 200 moves a new notification to "received" in the database.
    void onAcknowledged(const Core::Notification &notification, const SocketIo::AckResult &result);
    void pushPending(Core::DeviceLink *link, int userId);

    Core::DeliveryHub &m_hub;
    Core::NotificationInbox &m_inbox;
    const std::chrono::milliseconds m_ackTimeout;
    qint64 m_pushed = 0;
    qint64 m_acknowledged = 0;
};

} // namespace Im::Messaging
