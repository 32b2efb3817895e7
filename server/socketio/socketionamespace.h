#pragma once

#include "socketio/socketiotypes.h"

#include <QFuture>
#include <QHash>
#include <QObject>
#include <QSet>

#include <functional>
#include <map>
#include <set>

namespace Im::SocketIo {

class Ack;
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
    using EventHandler =
        std::function<void(SocketIoSocket *socket, const QVariantList &arguments, const Ack &ack)>;

    [[nodiscard]] QString name() const { return m_name; }

    //! Decides every CONNECT to this namespace; may answer later (a database lookup). Without
    //! one, every CONNECT is accepted.
    void setAuthenticator(Authenticator authenticator);
    //! Registers the handler of \a event for every socket of the namespace (one per event; a
    //! later one replaces it). A socket's own handler of the event (SocketIoSocket::on) goes
    //! first. One handler for all sockets: a handler per socket costs every socket memory.
    void on(const QString &event, EventHandler handler);

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
    //! The namespace's handler of \a event, or nullptr.
    [[nodiscard]] const EventHandler *handlerOf(const QString &event) const;

    QString m_name;
    SocketIoServer *m_server;
    Authenticator m_authenticator;
    std::map<QString, EventHandler> m_handlers;
    QHash<QString, SocketIoSocket *> m_sockets;
    //! A room's members in a node set: most rooms are one user's one or two sockets, and a QSet
    //! would allocate room for 48 (Qt 6.4) for each.
    QHash<QString, std::set<SocketIoSocket *>> m_rooms;
};

} // namespace Im::SocketIo
