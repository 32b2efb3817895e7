#pragma once

#include <QObject>

namespace Im::Auth {
class AuthService;
}

namespace Im::SocketIo {
class SocketIoServer;
class SocketIoSocket;
} // namespace Im::SocketIo

namespace Im::Messaging {
class DeliveryHub;
}

namespace Im::Realtime {

class ChatEvents;

//! The desktop client's Socket.IO entrance (namespace "/"): a CONNECT is accepted only for the
//! session named by the `userid` + `authorization` headers of the Engine.IO handshake (the first
//! polling request: the browser's WebSocket upgrade carries no headers), else refused with
//! CONNECT_ERROR `Authentication error`, after which socket.io-client does not retry. Every socket
//! of a user joins the room `user:<id>`, and is handed to the delivery hub as the device named by
//! the optional `deviceid` header (several devices per user; pushes reach all of them), and its
//! chat events are bound.
class SocketGateway : public QObject
{
    Q_OBJECT
public:
    SocketGateway(SocketIo::SocketIoServer &io, Auth::AuthService &auth,
                  Messaging::DeliveryHub &hub, ChatEvents &events, QObject *parent = nullptr);

    //! The room that holds every socket of \a userId.
    [[nodiscard]] static QString userRoom(int userId);

private:
    void onConnected(SocketIo::SocketIoSocket *socket);

    Auth::AuthService &m_auth;
    Messaging::DeliveryHub &m_hub;
    ChatEvents &m_events;
};

} // namespace Im::Realtime
