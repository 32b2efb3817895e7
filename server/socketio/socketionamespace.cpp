#include "socketio/socketionamespace.h"

#include "socketio/socketioserver.h"
#include "socketio/socketiosocket.h"

#include <QFuture>

namespace Im::SocketIo {

SocketIoNamespace::SocketIoNamespace(QString name, SocketIoServer *server)
    : QObject(server)
    , m_name(std::move(name))
    , m_server(server)
{ }

void SocketIoNamespace::setAuthenticator(Authenticator authenticator)
{
    m_authenticator = std::move(authenticator);
}

void SocketIoNamespace::on(const QString &event, EventHandler handler)
{
    m_handlers.insert_or_assign(event, std::move(handler));
}

const SocketIoNamespace::EventHandler *SocketIoNamespace::handlerOf(const QString &event) const
{
    const auto found = m_handlers.find(event);
    return found == m_handlers.end() ? nullptr : &found->second;
}

QFuture<ConnectDecision> SocketIoNamespace::decide(const ConnectRequest &request) const
{
    if (!m_authenticator)
        return QtFuture::makeReadyFuture(ConnectDecision::accept());
    return m_authenticator(request);
}

int SocketIoNamespace::broadcast(const QString &event, const QVariantList &arguments,
                                 const QString &room)
{
    int handed = 0;
    const QList<SocketIoSocket *> targets = room.isEmpty() ? sockets() : socketsIn(room);
    for (SocketIoSocket *socket : targets) {
        if (socket->send(event, arguments))
            ++handed;
    }
    return handed;
}

QList<SocketIoSocket *> SocketIoNamespace::sockets() const
{
    return m_sockets.values();
}

QList<SocketIoSocket *> SocketIoNamespace::socketsIn(const QString &room) const
{
    const auto it = m_rooms.constFind(room);
    if (it == m_rooms.cend())
        return {};
    return { it->cbegin(), it->cend() };
}

void SocketIoNamespace::add(SocketIoSocket *socket)
{
    m_sockets.insert(socket->id(), socket);
}

void SocketIoNamespace::remove(SocketIoSocket *socket)
{
    m_sockets.remove(socket->id());
}

void SocketIoNamespace::joinRoom(SocketIoSocket *socket, const QString &room)
{
    m_rooms[room].insert(socket);
}

void SocketIoNamespace::leaveRoom(SocketIoSocket *socket, const QString &room)
{
    auto it = m_rooms.find(room);
    if (it == m_rooms.end())
        return;
    it->erase(socket);
    if (it->empty())
        m_rooms.erase(it);
}

} // namespace Im::SocketIo
