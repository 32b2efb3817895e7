#include "net/livefeed.h"

#include "socketio/enginepacket.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace Im::Admin {

using SocketIo::EnginePacket;
using SocketIo::SocketIoPacket;

namespace {

//! The Engine.IO endpoint of \a baseUrl (below its path, if any) for the WebSocket transport.
QUrl engineUrl(const QUrl &baseUrl)
{
    QUrl url = baseUrl;
    url.setScheme(baseUrl.scheme() == "https"_L1 ? u"wss"_s : u"ws"_s);
    QString basePath = url.path();
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    url.setPath(basePath + u"/socket/v1/IM/"_s);
    url.setQuery(u"EIO=4&transport=websocket"_s);
    return url;
}

} // namespace

LiveFeed::LiveFeed(QObject *parent)
    : LiveFeed(u"/admin"_s, parent)
{ }

LiveFeed::LiveFeed(const QString &nameSpace, QObject *parent)
    : QObject(parent)
    , m_namespace(nameSpace)
{
    m_silenceTimer.setSingleShot(true);
    connect(&m_silenceTimer, &QTimer::timeout, this, [this] {
        fail(m_state == State::Connected ? tr("the server stopped answering")
                                         : tr("the server did not accept the live feed in time"));
    });
}

LiveFeed::~LiveFeed()
{
    close();
}

void LiveFeed::open(const QUrl &baseUrl, int userId, const QString &token)
{
    close();
    m_state = State::Opening;
    m_heartbeatMs = handshakeTimeoutMs;
    restartHeartbeat();

    auto *socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    socket->setMaxAllowedIncomingMessageSize(quint64(maxMessageBytes));
    m_socket = socket;
    connect(socket, &QWebSocket::textMessageReceived, this, &LiveFeed::onTextMessage);
    connect(socket, &QWebSocket::binaryMessageReceived, this, &LiveFeed::onBinaryMessage);
    connect(socket, &QWebSocket::disconnected, this, [this, socket] {
        const QString reason =
            socket->closeReason().isEmpty() ? socket->errorString() : socket->closeReason();
        fail(reason.isEmpty() ? tr("the connection was closed") : reason);
    });

    QNetworkRequest request(engineUrl(baseUrl));
    request.setRawHeader("userid", QByteArray::number(userId));
    request.setRawHeader("authorization", token.toUtf8());
    socket->open(request);
}

void LiveFeed::close()
{
    m_state = State::Closed;
    m_silenceTimer.stop();
    m_decoder.reset();
    if (QWebSocket *socket = m_socket) {
        m_socket = nullptr;
        disconnect(socket, nullptr, this, nullptr);
        socket->close();
        socket->deleteLater();
    }
}

void LiveFeed::fail(const QString &reason)
{
    if (m_state == State::Closed)
        return;
    close();
    Q_EMIT disconnected(reason);
}

void LiveFeed::restartHeartbeat()
{
    m_silenceTimer.start(m_heartbeatMs);
}

void LiveFeed::onTextMessage(const QString &message)
{
    const auto packet = SocketIo::decodeTextFrame(message.toUtf8());
    if (!packet) {
        fail(tr("the server sent an invalid packet"));
        return;
    }
    switch (packet->type) {
    case EnginePacket::Type::Open:
        onEngineOpen(packet->data);
        break;
    case EnginePacket::Type::Ping:
        // v4: the server pings, the client answers; each ping proves the server is alive.
        restartHeartbeat();
        if (m_socket)
            m_socket->sendTextMessage(QString::fromUtf8(
                SocketIo::encodeText(EnginePacket::text(EnginePacket::Type::Pong))));
        break;
    case EnginePacket::Type::Message:
        onSocketIoStatus(m_decoder.feedText(packet->data));
        break;
    case EnginePacket::Type::Close:
        fail(tr("the server closed the connection"));
        break;
    case EnginePacket::Type::Pong:
    case EnginePacket::Type::Upgrade:
    case EnginePacket::Type::Noop:
        break;
    }
}

void LiveFeed::onBinaryMessage(const QByteArray &message)
{
    onSocketIoStatus(m_decoder.feedBinary(SocketIo::decodeBinaryFrame(message).data));
}

void LiveFeed::onEngineOpen(const QByteArray &handshake)
{
    if (m_state != State::Opening) {
        fail(tr("the server sent an unexpected handshake"));
        return;
    }
    const QJsonObject open = QJsonDocument::fromJson(handshake).object();
    const int interval = open.value(u"pingInterval"_s).toInt();
    const int timeout = open.value(u"pingTimeout"_s).toInt();
    if (interval > 0 && timeout > 0)
        m_heartbeatMs = interval + timeout;
    m_state = State::Joining;
    SocketIoPacket connectPacket;
    connectPacket.type = SocketIoPacket::Type::Connect;
    connectPacket.nsp = m_namespace;
    sendEngineMessage(SocketIo::encodeSocketIoPacket(connectPacket).text);
    // The namespace must be accepted within the handshake time, then pings keep it alive.
    m_silenceTimer.start(handshakeTimeoutMs);
}

void LiveFeed::onSocketIoStatus(SocketIo::SocketIoDecoder::Status status)
{
    switch (status) {
    case SocketIo::SocketIoDecoder::Status::Packet:
        onSocketIoPacket(m_decoder.takePacket());
        break;
    case SocketIo::SocketIoDecoder::Status::NeedAttachments:
        break;
    case SocketIo::SocketIoDecoder::Status::Invalid:
        fail(tr("the server sent an invalid packet: %1").arg(m_decoder.errorString()));
        break;
    }
}

void LiveFeed::onSocketIoPacket(const SocketIoPacket &packet)
{
    if (packet.nsp != m_namespace)
        return;
    switch (packet.type) {
    case SocketIoPacket::Type::Connect:
        if (m_state == State::Joining) {
            m_state = State::Connected;
            restartHeartbeat();
            Q_EMIT connected();
        }
        break;
    case SocketIoPacket::Type::ConnectError: {
        const QVariant data = packet.data;
        const QString message = data.typeId() == QMetaType::QString
            ? data.toString()
            : data.toMap().value(u"message"_s).toString();
        close();
        Q_EMIT refused(message);
        break;
    }
    case SocketIoPacket::Type::Event:
    case SocketIoPacket::Type::BinaryEvent:
        if (m_state == State::Connected) {
            const QVariantList arguments = SocketIo::eventArguments(packet);
            Q_EMIT eventReceived(SocketIo::eventName(packet),
                                 arguments.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                     : QJsonValue::fromVariant(arguments.first()));
        }
        break;
    case SocketIoPacket::Type::Disconnect:
        fail(tr("the server closed the live feed"));
        break;
    case SocketIoPacket::Type::Ack:
    case SocketIoPacket::Type::BinaryAck:
        break;
    }
}

void LiveFeed::sendEngineMessage(const QByteArray &text)
{
    if (m_socket)
        m_socket->sendTextMessage(QString::fromUtf8(
            SocketIo::encodeText(EnginePacket::text(EnginePacket::Type::Message, text))));
}

} // namespace Im::Admin
