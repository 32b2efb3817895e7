#pragma once

#include "im/devicelink.h"

#include <QPointer>

namespace Im::SocketIo {
class SocketIoSocket;
}
namespace Im::Core {
class DeliveryHub;
}

namespace Im::Messaging {

//! A device as the messaging domain sees it, on a client's Socket.IO socket: a push is the
//! `on-message` event with its protobuf payload and an ack, whose first argument is decoded as the
//! client's status; a read receipt is `on-message:read` without an ack (the desktop client has no
//! listener for it). A child of the socket: it goes with it.
class SocketDeviceLink final : public Core::DeviceLink
{
    Q_OBJECT
public:
    explicit SocketDeviceLink(SocketIo::SocketIoSocket *socket);

    [[nodiscard]] SocketIo::SocketIoSocket *socket() const;

    QString linkId() const override;
    bool isConnected() const override;
    bool isSaturated() const override;
    void push(const QByteArray &payload, std::chrono::milliseconds timeout,
              AckHandler onAck) override;
    void pushReadReceipt(const QByteArray &payload) override;
    void close() override;

private:
    QPointer<SocketIo::SocketIoSocket> m_socket;
};

//! The socket under \a link: nullptr when it is no socket's link or the socket is gone.
[[nodiscard]] SocketIo::SocketIoSocket *socketOf(const Core::DeviceLink *link);
//! The connected sockets of \a userId's live channels in \a hub.
[[nodiscard]] QList<SocketIo::SocketIoSocket *> socketsOf(const Core::DeliveryHub &hub, int userId);

} // namespace Im::Messaging
