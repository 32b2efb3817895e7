#pragma once

#include <QObject>

namespace Im::Auth {
class AuthService;
}

namespace Im::SocketIo {
class SocketIoServer;
class SocketIoSocket;
} // namespace Im::SocketIo

namespace Im::Realtime {

//! The desktop client's Socket.IO entrance (namespace "/"): a CONNECT is accepted only for the
//! session named by the `userid` + `authorization` headers of the Engine.IO handshake (the first
//! polling request: the browser's WebSocket upgrade carries no headers), else refused with
//! CONNECT_ERROR `Authentication error`, after which socket.io-client does not retry. Every socket
//! of a user joins the room `user:<id>`, so a push reaches all of that user's devices.
class SocketGateway : public QObject
{
    Q_OBJECT
public:
    SocketGateway(SocketIo::SocketIoServer &io, Auth::AuthService &auth, QObject *parent = nullptr);

    //! The room that holds every socket of \a userId.
    [[nodiscard]] static QString userRoom(int userId);

private:
    void onConnected(SocketIo::SocketIoSocket *socket);

    Auth::AuthService &m_auth;
};

} // namespace Im::Realtime
