#include "socketio/websocketclient.h"

#include "socketio/enginepacket.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace Im::SocketIo {

WebSocketClient::WebSocketClient(QObject *parent)
    : QObject(parent)
{
    m_silenceTimer.setSingleShot(true);
    connect(&m_silenceTimer, &QTimer::timeout, this, [this] {
        fail(m_state == State::Connected ? tr("the server stopped answering")
                                         : tr("the server did not accept the connection in time"));
    });
}

WebSocketClient::~WebSocketClient()
{
    close();
}

QUrl WebSocketClient::engineUrl(const QUrl &baseUrl, const QString &socketPath)
{
    QUrl url = baseUrl;
    url.setScheme(baseUrl.scheme() == "https"_L1 ? u"wss"_s : u"ws"_s);
    QString basePath = url.path();
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    url.setPath(basePath + socketPath);
    url.setQuery(u"EIO=4&transport=websocket"_s);
    return url;
}

void WebSocketClient::open(const QUrl &engineUrl, const QString &nameSpace, const Headers &headers)
{
    close();
    m_namespace = nameSpace;
    m_state = State::Opening;
    m_heartbeatMs = handshakeTimeoutMs;
    m_silenceTimer.start(handshakeTimeoutMs);

    auto *socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    socket->setMaxAllowedIncomingMessageSize(quint64(maxMessageBytes));
    m_socket = socket;
    connect(socket, &QWebSocket::textMessageReceived, this, &WebSocketClient::onTextMessage);
    connect(socket, &QWebSocket::binaryMessageReceived, this, &WebSocketClient::onBinaryMessage);
    connect(socket, &QWebSocket::disconnected, this, [this, socket] {
        const QString reason =
            socket->closeReason().isEmpty() ? socket->errorString() : socket->closeReason();
        fail(reason.isEmpty() ? tr("the connection was closed") : reason);
    });
    connect(socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this, socket](QAbstractSocket::SocketError) { fail(socket->errorString()); });

    QNetworkRequest request(engineUrl);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    socket->open(request);
}

void WebSocketClient::close()
{
    m_state = State::Closed;
    m_silenceTimer.stop();
    m_decoder.reset();
    const auto pending = std::exchange(m_pendingAcks, {});
    for (const AckHandler &onAck : pending)
        onAck(std::nullopt);
    if (QWebSocket *socket = m_socket) {
        m_socket = nullptr;
        disconnect(socket, nullptr, this, nullptr);
        socket->close();
        socket->deleteLater();
    }
}

void WebSocketClient::fail(const QString &reason)
{
    if (m_state == State::Closed)
        return;
    close();
    Q_EMIT disconnected(reason);
}

void WebSocketClient::emitWithAck(const QString &event, const QVariantList &arguments,
                                  AckHandler onAck)
{
    if (m_state != State::Connected) {
        onAck(std::nullopt);
        return;
    }
    SocketIoPacket packet;
    packet.type = SocketIoPacket::Type::Event; // the encoder makes it binary when it has to
    packet.nsp = m_namespace;
    packet.ackId = m_nextAckId++;
    packet.data = QVariantList { event } + arguments;
    m_pendingAcks.insert(*packet.ackId, std::move(onAck));
    sendPacket(packet);
}

void WebSocketClient::onTextMessage(const QString &message)
{
    const auto packet = decodeTextFrame(message.toUtf8());
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
        if (m_state != State::Opening)
            m_silenceTimer.start(m_heartbeatMs);
        sendEngineText(encodeText(EnginePacket::text(EnginePacket::Type::Pong)));
        break;
    case EnginePacket::Type::Message:
        onDecoded(m_decoder.feedText(packet->data));
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

void WebSocketClient::onBinaryMessage(const QByteArray &message)
{
    onDecoded(m_decoder.feedBinary(decodeBinaryFrame(message).data));
}

void WebSocketClient::onEngineOpen(const QByteArray &handshake)
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
    sendPacket({ SocketIoPacket::Type::Connect, m_namespace, std::nullopt, {} });
    // The namespace must be accepted within the handshake time, then pings keep it alive.
    m_silenceTimer.start(handshakeTimeoutMs);
}

void WebSocketClient::onDecoded(SocketIoDecoder::Status status)
{
    switch (status) {
    case SocketIoDecoder::Status::Packet:
        onPacket(m_decoder.takePacket());
        break;
    case SocketIoDecoder::Status::NeedAttachments:
        break;
    case SocketIoDecoder::Status::Invalid:
        fail(tr("the server sent an invalid packet: %1").arg(m_decoder.errorString()));
        break;
    }
}

void WebSocketClient::onPacket(const SocketIoPacket &packet)
{
    if (packet.nsp != m_namespace)
        return;
    using Type = SocketIoPacket::Type;
    switch (packet.type) {
    case Type::Connect:
        if (m_state == State::Joining) {
            m_state = State::Connected;
            m_silenceTimer.start(m_heartbeatMs);
            Q_EMIT connected();
        }
        break;
    case Type::ConnectError: {
        const QString message = packet.data.typeId() == QMetaType::QString
            ? packet.data.toString()
            : packet.data.toMap().value(u"message"_s).toString();
        close();
        Q_EMIT refused(message);
        break;
    }
    case Type::Disconnect:
        fail(tr("the server disconnected the socket"));
        break;
    case Type::Ack:
    case Type::BinaryAck:
        if (packet.ackId) {
            if (const AckHandler onAck = m_pendingAcks.take(*packet.ackId))
                onAck(eventArguments(packet));
        }
        break;
    case Type::Event:
    case Type::BinaryEvent: {
        if (m_state != State::Connected)
            break;
        const QVariantList answer =
            m_onEvent ? m_onEvent(eventName(packet), eventArguments(packet)) : QVariantList();
        if (packet.ackId && m_state == State::Connected)
            sendPacket({ Type::Ack, m_namespace, packet.ackId, answer });
        break;
    }
    }
}

void WebSocketClient::sendPacket(const SocketIoPacket &packet)
{
    const EncodedPacket encoded = encodeSocketIoPacket(packet);
    sendEngineText(encodeText(EnginePacket::text(EnginePacket::Type::Message, encoded.text)));
    for (const QByteArray &attachment : encoded.attachments) {
        if (m_socket)
            m_socket->sendBinaryMessage(attachment); // a binary frame is the attachment itself
    }
}

void WebSocketClient::sendEngineText(const QByteArray &packet)
{
    if (m_socket)
        m_socket->sendTextMessage(QString::fromUtf8(packet));
}

} // namespace Im::SocketIo
