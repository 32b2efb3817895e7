#pragma once

#include "socketio/socketiotypes.h"

#include <QFuture>
#include <QHash>
#include <QObject>
#include <QSet>

#include <functional>
#include <set>

namespace Im::SocketIo {

class SocketIoServer;
class SocketIoSocket;

//! What an authentication hook sees of a namespace CONNECT.
struct ConnectRequest
{
    Handshake handshake; //!< The Engine.IO handshake request (headers, query, remote address).
    QVariant auth; //!< The CONNECT payload (socket.io-client's `auth`), or null.
    QString engineSessionId;
};

//! An authentication hook's answer.
struct ConnectDecision
{
    bool accepted = true;
    QVariant userData; //!< Kept on the socket when accepted (SocketIoSocket::userData()).
    QString message; //!< Sent as CONNECT_ERROR `{"message": ...}` when refused.

    static ConnectDecision accept(QVariant userData = {})
    {
        return { true, std::move(userData), {} };
    }
    static ConnectDecision refuse(QString message) { return { false, {}, std::move(message) }; }
};

//! One namespace ("/" or "/custom"): its authentication hook, its sockets and its rooms.
class SocketIoNamespace : public QObject
{
    Q_OBJECT
public:
    using Authenticator = std::function<QFuture<ConnectDecision>(const ConnectRequest &)>;

    [[nodiscard]] QString name() const { return m_name; }

    //! Decides every CONNECT to this namespace; may answer later (a database lookup). Without
    //! one, every CONNECT is accepted.
    void setAuthenticator(Authenticator authenticator);

    //! Sends \a event to every socket of the namespace, or of \a room when it is not empty.
    //! Returns how many sockets it was handed to.
    int broadcast(const QString &event, const QVariantList &arguments, const QString &room = {});
    [[nodiscard]] QList<SocketIoSocket *> sockets() const;
    [[nodiscard]] QList<SocketIoSocket *> socketsIn(const QString &room) const;

Q_SIGNALS:
    //! A client connected and was accepted; register its event handlers here.
    void connected(Im::SocketIo::SocketIoSocket *socket);

private:
    friend class SocketIoServer;
    friend class SocketIoClient;
    friend class SocketIoSocket;

    SocketIoNamespace(QString name, SocketIoServer *server);
    QFuture<ConnectDecision> decide(const ConnectRequest &request) const;
    void add(SocketIoSocket *socket);
    void remove(SocketIoSocket *socket);
    void joinRoom(SocketIoSocket *socket, const QString &room);
    void leaveRoom(SocketIoSocket *socket, const QString &room);

    QString m_name;
    SocketIoServer *m_server;
    Authenticator m_authenticator;
    QHash<QString, SocketIoSocket *> m_sockets;
    //! A room's members in a node set: most rooms are one user's one or two sockets, and a QSet
    //! would allocate room for 48 (Qt 6.4) for each.
    QHash<QString, std::set<SocketIoSocket *>> m_rooms;
};

} // namespace Im::SocketIo
