#include "chatsocket.h"

#include "socketio/enginepacket.h"

#include <QNetworkRequest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace Im::Bench {

using SocketIo::EnginePacket;
using SocketIo::SocketIoDecoder;
using SocketIo::SocketIoPacket;

ChatSocket::ChatSocket(const QUrl &server, const QString &path, Session session,
                       QByteArray deviceId, QObject *parent)
    : QObject(parent)
    , m_url(server)
    , m_session(std::move(session))
    , m_deviceId(std::move(deviceId))
{
    m_url.setScheme(u"ws"_s);
    m_url.setPath(path);
    m_url.setQuery(QUrlQuery { { u"EIO"_s, u"4"_s }, { u"transport"_s, u"websocket"_s } });
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &ChatSocket::onText);
    connect(&m_socket, &QWebSocket::binaryMessageReceived, this, &ChatSocket::onBinary);
    connect(&m_socket, &QWebSocket::disconnected, this,
            [this] { fail(u"connection closed: %1"_s.arg(m_socket.closeReason())); });
    connect(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this](QAbstractSocket::SocketError) { fail(m_socket.errorString()); });
}

void ChatSocket::open()
{
    QNetworkRequest request(m_url);
    request.setRawHeader("userid", QByteArray::number(m_session.userId));
    request.setRawHeader("authorization", m_session.token);
    if (!m_deviceId.isEmpty())
        request.setRawHeader("deviceid", m_deviceId);
    m_state = State::Opening;
    m_socket.open(request);
}

void ChatSocket::close()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_socket.close();
}

void ChatSocket::emitWithAck(const QString &event, const QByteArray &payload, AckHandler onAck)
{
    if (m_state != State::Connected) {
        onAck(std::nullopt);
        return;
    }
    SocketIoPacket packet;
    packet.type = SocketIoPacket::Type::Event; // becomes a BinaryEvent: the payload is binary
    packet.ackId = m_nextAckId++;
    packet.data = QVariantList { event, payload };
    m_pendingAcks.insert(*packet.ackId, std::move(onAck));
    sendPacket(packet);
}

void ChatSocket::onText(const QString &frame)
{
    const auto packet = SocketIo::decodeTextFrame(frame.toUtf8());
    if (!packet)
        return fail(u"undecodable Engine.IO frame"_s);
    switch (packet->type) {
    case EnginePacket::Type::Open:
        m_state = State::Joining;
        sendEngineText(SocketIo::encodeText(
            EnginePacket::text(EnginePacket::Type::Message,
                               SocketIo::encodeSocketIoPacket(
                                   { SocketIoPacket::Type::Connect, u"/"_s, std::nullopt, {} })
                                   .text)));
        return;
    case EnginePacket::Type::Ping:
        sendEngineText(SocketIo::encodeText(EnginePacket::text(EnginePacket::Type::Pong)));
        return;
    case EnginePacket::Type::Close:
        return fail(u"the server closed the session"_s);
    case EnginePacket::Type::Message:
        return onDecoded(m_decoder.feedText(packet->data));
    case EnginePacket::Type::Pong:
    case EnginePacket::Type::Upgrade:
    case EnginePacket::Type::Noop:
        return;
    }
}

void ChatSocket::onBinary(const QByteArray &frame)
{
    onDecoded(m_decoder.feedBinary(SocketIo::decodeBinaryFrame(frame).data));
}

void ChatSocket::onDecoded(SocketIoDecoder::Status status)
{
    switch (status) {
    case SocketIoDecoder::Status::Packet:
        return onPacket(m_decoder.takePacket());
    case SocketIoDecoder::Status::NeedAttachments:
        return;
    case SocketIoDecoder::Status::Invalid:
        return fail(u"invalid Socket.IO packet: %1"_s.arg(m_decoder.errorString()));
    }
}

void ChatSocket::onPacket(const SocketIoPacket &packet)
{
    using Type = SocketIoPacket::Type;
    switch (packet.type) {
    case Type::Connect:
        m_state = State::Connected;
        Q_EMIT connected();
        return;
    case Type::ConnectError:
        return fail(
            u"connection refused: %1"_s.arg(packet.data.toMap().value(u"message"_s).toString()));
    case Type::Disconnect:
        return fail(u"the server disconnected the socket"_s);
    case Type::Ack:
    case Type::BinaryAck: {
        if (!packet.ackId)
            return;
        const AckHandler onAck = m_pendingAcks.take(*packet.ackId);
        if (onAck)
            onAck(SocketIo::eventArguments(packet));
        return;
    }
    case Type::Event:
    case Type::BinaryEvent: {
        const QByteArray answer = m_onEvent
            ? m_onEvent(SocketIo::eventName(packet), SocketIo::eventArguments(packet))
            : QByteArray();
        if (packet.ackId)
            sendPacket({ Type::Ack, u"/"_s, packet.ackId, QVariantList { answer } });
        return;
    }
    }
}

void ChatSocket::sendEngineText(const QByteArray &packet)
{
    m_socket.sendTextMessage(QString::fromUtf8(packet));
}

void ChatSocket::sendPacket(const SocketIoPacket &packet)
{
    const SocketIo::EncodedPacket encoded = SocketIo::encodeSocketIoPacket(packet);
    sendEngineText(
        SocketIo::encodeText(EnginePacket::text(EnginePacket::Type::Message, encoded.text)));
    for (const QByteArray &attachment : encoded.attachments)
        m_socket.sendBinaryMessage(attachment);
}

void ChatSocket::fail(const QString &reason)
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    const auto pending = std::exchange(m_pendingAcks, {});
    for (const AckHandler &onAck : pending)
        onAck(std::nullopt);
    Q_EMIT failed(reason);
    m_socket.abort();
}

} // namespace Im::Bench
