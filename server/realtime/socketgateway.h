#pragma once

#include "socketio/deadlinequeue.h"

#include <QDateTime>
#include <QHash>
#include <QObject>

#include <functional>
#include <optional>

namespace Im::Auth {
class AuthService;
}

namespace Im::SocketIo {
class SocketIoServer;
class SocketIoSocket;
} // namespace Im::SocketIo

namespace Im::Core {
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
//!
//! A socket lives no longer than its session: it is disconnected at once when the session ends
//! (logout, the account deleted, an administrator's revoke: AuthService's signals), and at the
//! session's expiry, when a timer checks the store again (the session may have slid meanwhile).
//!
//! Sockets are capped per user (devices) and per remote address: a CONNECT over a cap is refused
//! with CONNECT_ERROR `Too many connections`.
class SocketGateway : public QObject
{
    Q_OBJECT
public:
    struct Limits
    {
        int maxPerUser = 10; //!< SOCKET_MAX_PER_USER; 0: no cap
        int maxPerAddress = 200; //!< SOCKET_MAX_PER_ADDRESS; 0: no cap
    };

    SocketGateway(SocketIo::SocketIoServer &io, Auth::AuthService &auth, Core::DeliveryHub &hub,
                  ChatEvents &events, Limits limits, QObject *parent = nullptr);

    //! The room that holds every socket of \a userId.
    [[nodiscard]] static QString userRoom(int userId);

private:
    struct Tracked
    {
        int userId = 0;
        //! The session's token hash as raw bytes (half the hex text's size; one per socket); the
        //! token itself stays in the handshake.
        QByteArray tokenHash;
        QString address; //!< the handshake's, as counted in m_perAddress
    };

    //! Why one more socket of \a userId from \a address is refused, if it is.
    [[nodiscard]] std::optional<QString> overCap(int userId, const QString &address) const;

    void onConnected(SocketIo::SocketIoSocket *socket);
    void armExpiry(SocketIo::SocketIoSocket *socket, const QDateTime &expiresAt);
    void checkExpiry(SocketIo::SocketIoSocket *socket);
    void endSockets(const std::function<bool(const Tracked &)> &ended, const QString &reason);

    Auth::AuthService &m_auth;
    Core::DeliveryHub &m_hub;
    ChatEvents &m_events;
    const Limits m_limits;
    QHash<SocketIo::SocketIoSocket *, Tracked> m_sockets;
    QHash<int, int> m_perUser;
    QHash<QString, int> m_perAddress;
    //! When each socket's session is checked again: one timer for all sockets (see
    //! DeadlineQueue) rather than a QTimer per socket.
    SocketIo::DeadlineQueue<SocketIo::SocketIoSocket *> m_expiries;
};

} // namespace Im::Realtime
