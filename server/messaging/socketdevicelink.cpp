#include "messaging/socketdevicelink.h"

#include "im/deliveryhub.h"
#include "messaging/wirecodec.h"
#include "socketio/socketiosocket.h"

using namespace Qt::StringLiterals;

namespace Im::Messaging {

namespace {

Core::PushOutcome outcomeOf(const SocketIo::AckResult &result)
{
    using Status = SocketIo::AckResult::Status;
    using Kind = Core::PushOutcome::Kind;
    switch (result.status) {
    case Status::TimedOut:
        return { Kind::TimedOut, std::nullopt };
    case Status::Disconnected:
        return { Kind::Disconnected, std::nullopt };
    case Status::Acknowledged:
        break;
    }
    return { Kind::Answered,
             result.arguments.isEmpty()
                 ? std::nullopt
                 : WireCodec::ackStatus(result.arguments.first().toByteArray()) };
}

} // namespace

SocketDeviceLink::SocketDeviceLink(SocketIo::SocketIoSocket *socket)
    : Core::DeviceLink(socket)
    , m_socket(socket)
{
    connect(socket, &SocketIo::SocketIoSocket::drained, this, &SocketDeviceLink::reportDrained);
    connect(socket, &SocketIo::SocketIoSocket::disconnected, this,
            &SocketDeviceLink::reportDisconnected);
}

SocketIo::SocketIoSocket *SocketDeviceLink::socket() const
{
    return m_socket;
}

QString SocketDeviceLink::linkId() const
{
    return m_socket ? m_socket->id() : QString();
}

bool SocketDeviceLink::isConnected() const
{
    return m_socket && m_socket->isConnected();
}

bool SocketDeviceLink::isSaturated() const
{
    return m_socket && m_socket->isSaturated();
}

void SocketDeviceLink::push(const QByteArray &payload, std::chrono::milliseconds timeout,
                            AckHandler onAck)
{
    if (!m_socket) {
        onAck({ Core::PushOutcome::Kind::Disconnected, std::nullopt });
        return;
    }
    // The desktop client calls the ack callback unconditionally: always ask for one.
    m_socket->sendWithAck(u"on-message"_s, { payload }, timeout,
                          [onAck = std::move(onAck)](const SocketIo::AckResult &result) {
                              onAck(outcomeOf(result));
                          });
}

void SocketDeviceLink::pushReadReceipt(const QByteArray &payload)
{
    if (m_socket)
        m_socket->send(u"on-message:read"_s, { payload });
}

void SocketDeviceLink::close()
{
    if (m_socket)
        m_socket->disconnect(true);
}

SocketIo::SocketIoSocket *socketOf(const Core::DeviceLink *link)
{
    const auto *socketLink = qobject_cast<const SocketDeviceLink *>(link);
    return socketLink ? socketLink->socket() : nullptr;
}

QList<SocketIo::SocketIoSocket *> socketsOf(const Core::DeliveryHub &hub, int userId)
{
    QList<SocketIo::SocketIoSocket *> sockets;
    for (const Core::DeviceLink *link : hub.linksOf(userId)) {
        if (SocketIo::SocketIoSocket *socket = socketOf(link))
            sockets.append(socket);
    }
    return sockets;
}

} // namespace Im::Messaging
