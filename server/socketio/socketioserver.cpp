#include "socketio/socketioserver.h"

#include "socketio/engineioserver.h"
#include "socketio/engineiosession.h"
#include "socketio/socketioclient.h"
#include "socketio/socketionamespace.h"
#include "socketio/socketiosocket.h"

namespace Im::SocketIo {

SocketIoServer::SocketIoServer(EngineIoServer &engine, Options options, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_options(options)
{
    connect(&engine, &EngineIoServer::sessionOpened, this, &SocketIoServer::onSessionOpened);
}

SocketIoServer::~SocketIoServer() = default;

SocketIoNamespace *SocketIoServer::of(const QString &name)
{
    const QString key = name.isEmpty() ? QStringLiteral("/") : name;
    auto it = m_namespaces.find(key);
    if (it == m_namespaces.end())
        it = m_namespaces.insert(key, new SocketIoNamespace(key, this));
    return *it;
}

void SocketIoServer::onSessionOpened(EngineIoSession *session)
{
    m_clients.insert(session->id(), new SocketIoClient(this, session, m_options.connectTimeout));
}

QList<SessionInfo> SocketIoServer::sessions() const
{
    QList<SessionInfo> list;
    const auto sessions = m_engine.sessions();
    list.reserve(sessions.size());
    for (const EngineIoSession *session : sessions) {
        SessionInfo info = session->info();
        if (const SocketIoClient *client = m_clients.value(session->id())) {
            for (const SocketIoSocket *socket : client->sockets()) {
                info.pendingAcks += socket->pendingAcks();
                info.namespaces.append(socket->socketNamespace()->name());
            }
        }
        list.append(info);
    }
    return list;
}

ServerCounters SocketIoServer::counters() const
{
    ServerCounters counters = m_engine.counters();
    counters.acksTimedOut = m_acksTimedOut;
    counters.protocolErrors += m_protocolErrors;
    return counters;
}

} // namespace Im::SocketIo
