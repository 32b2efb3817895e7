#include "messaging/notificationpusher.h"

#include "im/deliveryhub.h"
#include "im/futures.h"
#include "im/notificationinbox.h"
#include "messaging/socketdevicelink.h"
#include "messaging/wirecodec.h"
#include "socketio/socketiosocket.h"

#include <QLoggingCategory>
#include <QPointer>

using namespace Qt::StringLiterals;

namespace Im::Messaging {

namespace {

Q_LOGGING_CATEGORY(lcNotify, "im.delivery.notify")

// Pending notifications pushed to a connecting socket; older ones stay for the REST pull.
constexpr int pendingOnConnect = 500;

} // namespace

NotificationPusher::NotificationPusher(Core::DeliveryHub &hub, Core::NotificationInbox &inbox,
                                       std::chrono::milliseconds ackTimeout, QObject *parent)
    : QObject(parent)
    , m_hub(hub)
    , m_inbox(inbox)
    , m_ackTimeout(ackTimeout)
{
    connect(&hub, &Core::DeliveryHub::attached, this, &NotificationPusher::pushPending);
}

void NotificationPusher::deliver(const Core::Notification &notification)
{
    for (SocketIo::SocketIoSocket *socket : socketsOf(m_hub, notification.receiverId))
        push(socket, notification);
}

void NotificationPusher::push(SocketIo::SocketIoSocket *socket,
                              const Core::Notification &notification)
{
    ++m_pushed;
    QPointer<NotificationPusher> self(this);
    socket->sendWithAck(u"on-notify"_s, { WireCodec::encodeNotify(notification) }, m_ackTimeout,
                        [self, notification](const SocketIo::AckResult &result) {
                            if (self)
                                self->onAcknowledged(notification, result);
                        });
}

void NotificationPusher::onAcknowledged(const Core::Notification &notification,
                                        const SocketIo::AckResult &result)
{
    if (result.status != SocketIo::AckResult::Status::Acknowledged) {
        qCDebug(lcNotify) << "notify" << notification.id << "not acknowledged";
        return;
    }
    const std::optional<qint64> status = result.arguments.isEmpty()
        ? std::nullopt
        : WireCodec::ackStatus(result.arguments.first().toByteArray());
    if (status != 200 || notification.status != Core::NotifyStatus::Initial)
        return;
    ++m_acknowledged;
    auto marked =
        m_inbox.advance(notification.receiverId, notification.id, Core::NotifyStatus::Received);
    whenFinished(marked, this, [id = notification.id](Result<void> done) {
        if (!done)
            qCWarning(lcNotify).noquote() << "cannot mark notify" << id << "received";
    });
}

void NotificationPusher::pushPending(Core::DeviceLink *link, int userId)
{
    QPointer<SocketIo::SocketIoSocket> guard(socketOf(link));
    if (!guard)
        return;
    auto pending = m_inbox.pending(userId, pendingOnConnect);
    whenFinished(pending, this,
                 [this, guard](Result<QList<Core::PendingNotification>> notifications) {
                     if (!guard || !guard->isConnected() || !notifications)
                         return;
                     for (const Core::PendingNotification &pendingOne : notifications.value())
                         push(guard, pendingOne.notification);
                 });
}

} // namespace Im::Messaging
