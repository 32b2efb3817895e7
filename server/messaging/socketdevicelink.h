#pragma once

#include "im/devicelink.h"

#include <QPointer>

namespace Im::SocketIo {
class SocketIoSocket;
}

namespace Im::Messaging {

//! A device as the messaging domain sees it, on a client's Socket.IO socket: a push is the
//! `on-message` event with its protobuf payload and an ack, whose first argument is decoded as the
//! client's status. A child of the socket: it goes with it.
class SocketDeviceLink final : public Core::DeviceLink
{
    Q_OBJECT
public:
    explicit SocketDeviceLink(SocketIo::SocketIoSocket *socket);

    [[nodiscard]] SocketIo::SocketIoSocket *socket() const { return m_socket; }

    QString linkId() const override;
    bool isConnected() const override;
    bool isSaturated() const override;
    void push(const QByteArray &payload, std::chrono::milliseconds timeout,
              AckHandler onAck) override;

private:
    QPointer<SocketIo::SocketIoSocket> m_socket;
};

} // namespace Im::Messaging
