#include "socketio/socketioclient.h"

#include "im/futures.h"
#include "socketio/engineioserver.h"
#include "socketio/engineiosession.h"
#include "socketio/logging.h"
#include "socketio/sessionid.h"
#include "socketio/socketionamespace.h"
#include "socketio/socketioserver.h"
#include "socketio/socketiosocket.h"

#include <QTimerEvent>

using namespace Qt::StringLiterals;

namespace Im::SocketIo {

SocketIoClient::SocketIoClient(SocketIoServer *server, EngineIoSession *session,
                               std::chrono::milliseconds connectTimeout)
    : QObject(server)
    , m_server(server)
    , m_session(session)
    , m_decoder(server->engine().options().maxPayload)
    , m_connectTimeoutLength(connectTimeout)
{
    session->setReceiver(this);
    // A session that never joins a namespace only holds resources.
    m_connectTimeout.start(int(m_connectTimeoutLength.count()), this);
}

SocketIoClient::~SocketIoClient()
{
    if (m_session)
        m_session->setReceiver(nullptr);
}

void SocketIoClient::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_connectTimeout.timerId()) {
        QObject::timerEvent(event);
        return;
    }
    m_connectTimeout.stop();
    if (m_sockets.empty())
        closeSession(u"connect timeout"_s);
}

QList<SocketIoSocket *> SocketIoClient::sockets() const
{
    QList<SocketIoSocket *> sockets;
    sockets.reserve(qsizetype(m_sockets.size()));
    for (const auto &[nsp, socket] : m_sockets)
        sockets.append(socket);
    return sockets;
}

bool SocketIoClient::write(const SocketIoPacket &packet)
{
    if (!m_session || !m_session->isOpen())
        return false;
    const EncodedPacket encoded = encodeSocketIoPacket(packet);
    if (!m_session->sendText(QString::fromUtf8(encoded.text)))
        return false;
    for (const QByteArray &attachment : encoded.attachments) {
        if (!m_session->sendBinary(attachment))
            return false;
    }
    return true;
}

void SocketIoClient::detach(SocketIoSocket *socket, bool sendDisconnect)
{
    const QString nsp = socket->socketNamespace()->name();
    const auto it = m_sockets.find(nsp);
    if (it == m_sockets.end() || it->second != socket)
        return;
    m_sockets.erase(it);
    // A session left without a namespace is held to the connect timeout again, or a client could
    // keep sessions that no cap counts by leaving its namespace.
    if (m_sockets.empty())
        m_connectTimeout.start(int(m_connectTimeoutLength.count()), this);
    if (sendDisconnect)
        write({ SocketIoPacket::Type::Disconnect, nsp, std::nullopt, QVariant() });
}

void SocketIoClient::closeSession(const QString &reason)
{
    if (m_session)
        m_session->close(reason);
}

void SocketIoClient::sessionText(const QString &text)
{
    switch (m_decoder.feedText(text.toUtf8())) {
    case SocketIoDecoder::Status::Packet:
        handle(m_decoder.takePacket());
        return;
    case SocketIoDecoder::Status::NeedAttachments:
        return;
    case SocketIoDecoder::Status::Invalid:
        protocolError(m_decoder.errorString());
        return;
    }
}

void SocketIoClient::sessionBinary(const QByteArray &data)
{
    switch (m_decoder.feedBinary(data)) {
    case SocketIoDecoder::Status::Packet:
        handle(m_decoder.takePacket());
        return;
    case SocketIoDecoder::Status::NeedAttachments:
        return;
    case SocketIoDecoder::Status::Invalid:
        protocolError(m_decoder.errorString());
        return;
    }
}

void SocketIoClient::handle(const SocketIoPacket &packet)
{
    using Type = SocketIoPacket::Type;
    if (packet.type == Type::Connect) {
        handleConnect(packet);
        return;
    }
    const auto found = m_sockets.find(packet.nsp);
    SocketIoSocket *socket = found != m_sockets.end() ? found->second : nullptr;
    switch (packet.type) {
    case Type::Disconnect:
        if (socket) {
            detach(socket, false);
            socket->markDisconnected(u"client namespace disconnect"_s);
        }
        return;
    case Type::Event:
    case Type::BinaryEvent:
        if (socket)
            socket->dispatchEvent(packet.data.toList(), packet.ackId);
        return;
    case Type::Ack:
    case Type::BinaryAck:
        if (socket && packet.ackId)
            socket->dispatchAck(*packet.ackId, packet.data.toList());
        return;
    case Type::ConnectError:
    case Type::Connect:
        protocolError(u"unexpected packet type from a client"_s);
        return;
    }
}

void SocketIoClient::handleConnect(const SocketIoPacket &packet)
{
    const QString nsp = packet.nsp;
    SocketIoNamespace *ns = m_server->m_namespaces.value(nsp);
    if (!ns) {
        refuse(nsp, u"Invalid namespace"_s);
        return;
    }
    if (m_sockets.count(nsp) > 0 || !m_connecting.insert(nsp).second)
        return; // a repeated CONNECT changes nothing
    ConnectRequest request { m_session->handshake(), packet.data, m_session->id() };
    // The decision may come after the client left (a slow hook): whenFinished then drops it.
    whenFinished(
        ns->decide(request), this, [this, ns, nsp, auth = packet.data](ConnectDecision decision) {
            if (!m_session || !m_session->isOpen())
                return;
            m_connecting.erase(nsp);
            if (!decision.accepted) {
                refuse(nsp, decision.message);
                return;
            }
            auto *socket = new SocketIoSocket(this, ns, randomSessionId(), auth, decision.userData);
            m_sockets.emplace(nsp, socket);
            ns->add(socket);
            m_connectTimeout.stop();
            m_session->markJoined(); // authenticated: off the unjoined-session caps
            // Never a `pid`: it would turn on the client's connection-state recovery, which needs
            // offsets this server does not keep.
            write({ SocketIoPacket::Type::Connect, nsp, std::nullopt,
                    QVariantMap { { u"sid"_s, socket->id() } } });
            Q_EMIT ns->connected(socket);
        });
}

void SocketIoClient::refuse(const QString &nsp, const QString &message)
{
    qCDebug(lcSocketIo) << "CONNECT to" << nsp << "refused:" << message;
    write({ SocketIoPacket::Type::ConnectError, nsp, std::nullopt,
            QVariantMap { { u"message"_s, message } } });
}

void SocketIoClient::protocolError(const QString &reason)
{
    qCInfo(lcSocketIo) << "closing session" << (m_session ? m_session->id() : QString())
                       << "on a malformed packet:" << reason;
    ++m_server->m_protocolErrors;
    closeSession(u"parse error"_s);
}

void SocketIoClient::sessionDrained()
{
    // What a socket's listeners do may detach (or delete) a socket: not over the map itself.
    QList<QPointer<SocketIoSocket>> sockets;
    for (const auto &[nsp, socket] : m_sockets)
        sockets.append(socket);
    for (const QPointer<SocketIoSocket> &socket : std::as_const(sockets)) {
        if (socket)
            Q_EMIT socket->drained();
    }
}

void SocketIoClient::sessionClosed(const QString &reason)
{
    const QList<SocketIoSocket *> sockets = this->sockets();
    m_sockets.clear();
    for (SocketIoSocket *socket : sockets)
        socket->markDisconnected(reason);
    m_server->m_clients.remove(m_session ? m_session->id() : QString());
    deleteLater();
}

} // namespace Im::SocketIo
