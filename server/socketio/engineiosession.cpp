#include "socketio/engineiosession.h"

#include "http/httpconnection.h"
#include "http/httprequest.h"
#include "http/httpresponse.h"
#include "socketio/engineioserver.h"
#include "socketio/logging.h"
#include "socketio/memoryreturn.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimerEvent>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace Im::SocketIo {

namespace {

Http::HttpResponse pollingAnswer(const QByteArray &payload)
{
    return { 200, "text/plain; charset=UTF-8", payload, {} };
}

Http::HttpResponse badRequest()
{
    return Http::HttpResponse::json(
        400, QJsonObject { { u"code"_s, 3 }, { u"message"_s, u"Bad request"_s } });
}

} // namespace

EngineIoSession::EngineIoSession(EngineIoServer *server, QString id, Handshake handshake,
                                 TransportKind transport)
    : QObject(server)
    , m_server(server)
    , m_id(std::move(id))
    , m_handshake(std::move(handshake))
    , m_transport(transport)
{
    m_stats.sid = m_id;
    m_stats.remoteAddress = m_handshake.remoteAddress;
    m_stats.connectedSince = m_handshake.issued;
    m_stats.lastPacketAt = m_handshake.issued;

    // v4 heartbeat: the server pings every pingInterval and expects a pong within pingTimeout.
    armHeartbeat(false);
}

EngineIoSession::~EngineIoSession()
{
    // Closed sessions left the heartbeats already (finish()), those of a server being destroyed
    // included: its queue may be gone by now.
    if (m_state != State::Closed)
        m_server->m_heartbeats.cancel(this);
    if (m_pendingGet) {
        m_pendingGet->addResult(
            pollingAnswer(encodePayload({ EnginePacket::text(EnginePacket::Type::Noop) })));
        m_pendingGet->finish();
    }
    if (m_webSocket)
        m_webSocket->abort();
}

EnginePacket EngineIoSession::openPacket() const
{
    const EngineOptions &options = m_server->options();
    QJsonArray upgrades;
    if (m_transport == TransportKind::Polling && options.allowUpgrades)
        upgrades.append(u"websocket"_s);
    const QJsonObject open {
        { u"sid"_s, m_id },
        { u"upgrades"_s, upgrades },
        { u"pingInterval"_s, qint64(options.pingInterval.count()) },
        { u"pingTimeout"_s, qint64(options.pingTimeout.count()) },
        { u"maxPayload"_s, options.maxPayload },
    };
    return EnginePacket::text(EnginePacket::Type::Open,
                              QJsonDocument(open).toJson(QJsonDocument::Compact));
}

bool EngineIoSession::canUpgrade() const
{
    return m_state == State::Open && m_transport == TransportKind::Polling && !m_upgrading
        && m_server->options().allowUpgrades;
}

SessionInfo EngineIoSession::info() const
{
    SessionInfo info = m_stats;
    info.transport = m_transport;
    info.bufferedBytes = bufferedBytes();
    return info;
}

qint64 EngineIoSession::bufferedBytes() const
{
    return m_outgoingBytes + (m_webSocket ? m_webSocket->bytesToWrite() : 0);
}

void EngineIoSession::markJoined()
{
    if (m_joined || m_state != State::Open)
        return;
    m_joined = true;
    m_server->m_unjoined.remove(m_handshake.remoteAddress);
}

void EngineIoSession::checkSaturated()
{
    if (m_state != State::Open || m_saturated
        || bufferedBytes() <= m_server->options().bufferCapBytes)
        return;
    m_saturated = true;
    m_saturationTimer.start(int(m_server->options().slowConsumerTimeout.count()), this);
}

void EngineIoSession::checkDrained()
{
    if (m_state != State::Open || !m_saturated
        || bufferedBytes() > m_server->options().bufferCapBytes)
        return;
    m_saturated = false;
    m_saturationTimer.stop();
    if (m_receiver)
        m_receiver->sessionDrained();
    Q_EMIT drained();
}

void EngineIoSession::closeSlowConsumer(const QString &why)
{
    ++m_server->m_counters.slowConsumersClosed;
    qCInfo(lcEngine).noquote() << "session" << m_id << "from"
                               << m_handshake.remoteAddress.toString()
                               << "closed as a slow consumer:" << why << "-" << bufferedBytes()
                               << "bytes buffered";
    finish(u"slow consumer"_s, false);
}

bool EngineIoSession::sendText(const QString &text)
{
    return enqueue(EnginePacket::text(EnginePacket::Type::Message, text.toUtf8()));
}

bool EngineIoSession::sendBinary(const QByteArray &data)
{
    return enqueue(EnginePacket::binaryMessage(data));
}

void EngineIoSession::close(const QString &reason)
{
    if (m_state == State::Open && m_transport == TransportKind::Polling && !m_probeAnswered
        && !m_outgoing.isEmpty()) {
        drainThenClose(reason);
        return;
    }
    finish(reason, true);
}

void EngineIoSession::drainThenClose(const QString &reason)
{
    m_state = State::Draining;
    m_closeReason = reason;
    m_server->m_heartbeats.cancel(this);
    m_saturationTimer.stop();
    if (m_webSocket)
        abandonProbe(u"the session is closing"_s);
    m_drainTimer.start(int(m_server->options().slowConsumerTimeout.count()), this);
    if (m_pendingGet) {
        answerPendingGet(std::exchange(m_outgoing, {}));
        m_outgoingBytes = 0;
    }
}

QFuture<Http::HttpResponse> EngineIoSession::handlePollingGet(const Http::HttpRequest &request)
{
    if (m_state == State::Closed || m_transport != TransportKind::Polling)
        return QtFuture::makeReadyFuture(badRequest());
    if (m_pendingGet) {
        // At most one long-poll per session: a second one is a broken or hostile client. The
        // held GET ends with a close packet, as the engine.io-protocol suite expects.
        protocolError(u"overlapping polling GET"_s, CloseNotice::Send);
        return QtFuture::makeReadyFuture(badRequest());
    }
    m_stats.lastPacketAt = QDateTime::currentDateTimeUtc();
    if (m_probeAnswered) {
        // The client is switching to the probed WebSocket: release this GET at once, or it waits
        // on it (sending nothing, not even pongs) until the ping is due.
        const QList<EnginePacket> noop { EnginePacket::text(EnginePacket::Type::Noop) };
        m_stats.packetsOut += 1;
        const QByteArray payload = encodePayload(noop);
        m_stats.bytesOut += payload.size();
        return QtFuture::makeReadyFuture(pollingAnswer(payload));
    }
    if (!m_outgoing.isEmpty() && !m_upgrading) {
        const QList<EnginePacket> packets = std::exchange(m_outgoing, {});
        m_outgoingBytes = 0;
        m_stats.packetsOut += packets.size();
        const QByteArray payload = encodePayload(packets);
        m_stats.bytesOut += payload.size();
        checkDrained();
        return QtFuture::makeReadyFuture(pollingAnswer(payload));
    }
    m_pendingGet = std::make_shared<QPromise<Http::HttpResponse>>();
    m_pendingGet->start();
    m_pendingGetConnection = request.connection;
    if (m_pendingGetConnection) {
        // A client gone in the middle of a long-poll is gone: close instead of queueing for it.
        connect(
            m_pendingGetConnection, &Http::HttpConnection::disconnected, this,
            [this] { finish(u"transport close"_s, false); }, Qt::SingleShotConnection);
    }
    auto answer = m_pendingGet->future();
    // Draining and nothing left: this GET takes the close packet.
    if (m_state == State::Draining)
        finish(m_closeReason, true);
    return answer;
}

Http::HttpResponse EngineIoSession::handlePollingPost(const Http::HttpRequest &request)
{
    if (m_state == State::Closed || m_transport != TransportKind::Polling)
        return badRequest();
    if (request.body.size() > m_server->options().maxPayload) {
        protocolError(u"payload too large"_s);
        return Http::HttpResponse::json(
            413, QJsonObject { { u"code"_s, 3 }, { u"message"_s, u"Payload too large"_s } });
    }
    const auto packets = decodePayload(request.body, m_server->options().maxPayload);
    if (!packets) {
        protocolError(u"malformed polling payload"_s);
        return badRequest();
    }
    m_stats.bytesIn += request.body.size();
    for (const EnginePacket &packet : *packets) {
        if (m_state == State::Closed)
            break;
        // A draining session reads nothing but the client's own close.
        if (m_state == State::Draining && packet.type != EnginePacket::Type::Close)
            continue;
        receive(packet);
    }
    return pollingAnswer("ok");
}

void EngineIoSession::scheduleFlush()
{
    // Packets queued in one turn of the event loop go out in one polling answer.
    if (m_flushScheduled || !m_pendingGet)
        return;
    m_flushScheduled = true;
    QMetaObject::invokeMethod(this, &EngineIoSession::flushPendingGet, Qt::QueuedConnection);
}

void EngineIoSession::flushPendingGet()
{
    m_flushScheduled = false;
    if (!m_pendingGet || m_outgoing.isEmpty() || m_upgrading)
        return;
    const QList<EnginePacket> packets = std::exchange(m_outgoing, {});
    m_outgoingBytes = 0;
    answerPendingGet(packets);
    checkDrained();
}

void EngineIoSession::answerPendingGet(const QList<EnginePacket> &packets)
{
    if (!m_pendingGet)
        return;
    auto promise = std::exchange(m_pendingGet, nullptr);
    if (m_pendingGetConnection)
        disconnect(m_pendingGetConnection, &Http::HttpConnection::disconnected, this, nullptr);
    m_pendingGetConnection.clear();
    const QByteArray payload = encodePayload(packets);
    m_stats.packetsOut += packets.size();
    m_stats.bytesOut += payload.size();
    promise->addResult(pollingAnswer(payload));
    promise->finish();
}

void EngineIoSession::attachWebSocket(QWebSocket *socket, bool upgrading)
{
    socket->setParent(this);
    if (m_webSocket && m_webSocket != socket) {
        // Only one transport at a time; a second WebSocket for the same sid is refused.
        socket->close(QWebSocketProtocol::CloseCodePolicyViolated, u"Bad request"_s);
        socket->deleteLater();
        return;
    }
    m_webSocket = socket;
    m_upgrading = upgrading;
    socket->setMaxAllowedIncomingMessageSize(quint64(m_server->options().maxPayload));
    connect(socket, &QWebSocket::textMessageReceived, this, &EngineIoSession::onWebSocketText);
    connect(socket, &QWebSocket::binaryMessageReceived, this, &EngineIoSession::onWebSocketBinary);
    connect(socket, &QWebSocket::disconnected, this, &EngineIoSession::onWebSocketDisconnected);
    connect(socket, &QWebSocket::bytesWritten, this, &EngineIoSession::checkDrained);
    if (!upgrading)
        writeToWebSocket(openPacket());
}

void EngineIoSession::onWebSocketText(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    m_stats.bytesIn += utf8.size();
    const auto packet = decodeTextFrame(utf8);
    if (!packet) {
        protocolError(u"malformed WebSocket frame"_s);
        return;
    }
    if (m_upgrading) {
        // The probe: only "2probe" and then "5" are expected on the new transport.
        if (packet->type == EnginePacket::Type::Ping && packet->data == "probe") {
            writeToWebSocket(EnginePacket::text(EnginePacket::Type::Pong, "probe"));
            m_probeAnswered = true;
            // The client pauses polling: release its pending GET so it can switch.
            answerPendingGet({ EnginePacket::text(EnginePacket::Type::Noop) });
        } else if (packet->type == EnginePacket::Type::Upgrade && m_probeAnswered) {
            completeUpgrade();
        } else if (packet->type == EnginePacket::Type::Upgrade) {
            // The probe proves the client reads this WebSocket; without it no switch.
            ++m_server->m_counters.upgradesRefused;
            abandonProbe(u"upgrade without a probe"_s);
        } else {
            abandonProbe(u"unexpected packet during upgrade"_s);
        }
        return;
    }
    receive(*packet);
}

void EngineIoSession::onWebSocketBinary(const QByteArray &data)
{
    m_stats.bytesIn += data.size();
    if (m_upgrading) {
        protocolError(u"binary frame during upgrade"_s);
        return;
    }
    receive(decodeBinaryFrame(data));
}

void EngineIoSession::onWebSocketDisconnected()
{
    auto *socket = qobject_cast<QWebSocket *>(sender());
    if (socket != m_webSocket)
        return;
    if (m_upgrading) {
        // A failed probe leaves the session on polling.
        m_webSocket.clear();
        m_upgrading = false;
        m_probeAnswered = false;
        socket->deleteLater();
        scheduleFlush();
        return;
    }
    finish(u"transport close"_s, false);
}

void EngineIoSession::abandonProbe(const QString &reason)
{
    qCDebug(lcEngine).noquote() << "session" << m_id << "stays on polling:" << reason;
    QWebSocket *probe = m_webSocket;
    m_webSocket.clear();
    m_upgrading = false;
    m_probeAnswered = false;
    probe->close(QWebSocketProtocol::CloseCodePolicyViolated);
    probe->deleteLater();
}

void EngineIoSession::completeUpgrade()
{
    m_upgrading = false;
    m_probeAnswered = false;
    m_transport = TransportKind::WebSocket;
    ++m_server->m_counters.upgrades;
    qCDebug(lcEngine) << "session" << m_id << "upgraded to WebSocket";
    // A GET that arrived during the probe is answered with noop; polling is over.
    answerPendingGet({ EnginePacket::text(EnginePacket::Type::Noop) });
    const QList<EnginePacket> queued = std::exchange(m_outgoing, {});
    m_outgoingBytes = 0;
    for (const EnginePacket &packet : queued)
        writeToWebSocket(packet);
    checkSaturated();
    Q_EMIT upgraded();
}

void EngineIoSession::receive(const EnginePacket &packet)
{
    ++m_stats.packetsIn;
    m_stats.lastPacketAt = QDateTime::currentDateTimeUtc();
    switch (packet.type) {
    case EnginePacket::Type::Message:
        if (packet.binary) {
            if (m_receiver)
                m_receiver->sessionBinary(packet.data);
            Q_EMIT binaryReceived(packet.data);
        } else {
            const QString text = QString::fromUtf8(packet.data);
            if (m_receiver)
                m_receiver->sessionText(text);
            Q_EMIT textReceived(text);
        }
        return;
    case EnginePacket::Type::Pong:
        armHeartbeat(false);
        return;
    case EnginePacket::Type::Close:
        finish(u"client close"_s, false);
        return;
    case EnginePacket::Type::Noop:
        return;
    case EnginePacket::Type::Ping:
        protocolError(u"invalid heartbeat direction"_s);
        return;
    case EnginePacket::Type::Open:
    case EnginePacket::Type::Upgrade:
        protocolError(u"unexpected packet"_s);
        return;
    }
}

bool EngineIoSession::enqueue(EnginePacket packet)
{
    if (m_state != State::Open)
        return false;
    const qint64 limit = m_server->options().maxBufferedBytes;
    if (m_transport == TransportKind::WebSocket && !m_upgrading && m_webSocket) {
        if (m_webSocket->bytesToWrite() > limit) {
            closeSlowConsumer(u"over the buffer limit"_s);
            return false;
        }
        writeToWebSocket(packet);
        checkSaturated();
        return true;
    }
    m_outgoingBytes += packet.wireSize();
    m_outgoing.append(std::move(packet));
    if (m_outgoingBytes > limit) {
        closeSlowConsumer(u"over the buffer limit"_s);
        return false;
    }
    checkSaturated();
    scheduleFlush();
    return true;
}

void EngineIoSession::writeToWebSocket(const EnginePacket &packet)
{
    if (!m_webSocket)
        return;
    ++m_stats.packetsOut;
    if (packet.binary) {
        m_stats.bytesOut += m_webSocket->sendBinaryMessage(packet.data);
    } else {
        m_stats.bytesOut += m_webSocket->sendTextMessage(QString::fromUtf8(encodeText(packet)));
    }
}

void EngineIoSession::armHeartbeat(bool awaitingPong)
{
    m_awaitingPong = awaitingPong;
    const auto wait =
        awaitingPong ? m_server->options().pingTimeout : m_server->options().pingInterval;
    m_server->m_heartbeats.schedule(this, wait);
}

void EngineIoSession::onHeartbeatDue()
{
    if (m_awaitingPong)
        onPingTimeout();
    else
        sendPing();
}

void EngineIoSession::timerEvent(QTimerEvent *event)
{
    if (event->timerId() == m_saturationTimer.timerId()) {
        m_saturationTimer.stop();
        closeSlowConsumer(u"over its buffer cap for too long"_s);
    } else if (event->timerId() == m_drainTimer.timerId()) {
        finish(m_closeReason, true);
    } else {
        QObject::timerEvent(event);
    }
}

void EngineIoSession::sendPing()
{
    if (m_state != State::Open)
        return;
    enqueue(EnginePacket::text(EnginePacket::Type::Ping));
    armHeartbeat(true);
}

void EngineIoSession::onPingTimeout()
{
    finish(u"ping timeout"_s, false);
}

void EngineIoSession::protocolError(const QString &reason, CloseNotice notice)
{
    ++m_server->m_counters.protocolErrors;
    qCInfo(lcEngine) << "session" << m_id << "closed on a protocol error:" << reason;
    finish(u"transport error"_s, notice == CloseNotice::Send);
}

void EngineIoSession::releaseWebSocket()
{
    // Deleting the session aborts its socket, and with it whatever a slow client had not taken
    // yet: the acks and the close packet queued just before a server-side disconnect. The socket
    // outlives the session instead, until the close handshake ends or, for a client that does
    // not read, SOCKET_SLOW_CLOSE_MS have passed.
    QWebSocket *socket = m_webSocket;
    m_webSocket.clear();
    QObject::disconnect(socket, nullptr, this, nullptr);
    socket->setParent(m_server);
    if (socket->state() == QAbstractSocket::UnconnectedState) {
        socket->deleteLater();
        return;
    }
    connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
    QTimer::singleShot(m_server->options().slowConsumerTimeout, socket, [socket] {
        socket->abort();
        socket->deleteLater();
    });
    socket->close();
}

void EngineIoSession::finish(const QString &reason, bool notifyClient)
{
    if (m_state == State::Closed)
        return;
    // What the client never took is freed with the session: a large release, worth returning.
    noteMemoryReleased(bufferedBytes());
    m_state = State::Closed;
    m_server->m_heartbeats.cancel(this);
    m_saturationTimer.stop();
    m_drainTimer.stop();
    // A server-side close delivers what was queued first, as engine.io drains before it closes
    // (see drainThenClose()). A client that went takes nothing.
    QList<EnginePacket> last = std::exchange(m_outgoing, {});
    m_outgoingBytes = 0;
    const EnginePacket noop = EnginePacket::text(EnginePacket::Type::Noop);
    // The client reads the WebSocket once it is upgraded or has the probe's answer (its polling
    // is paused then); before that, it still reads the long-poll.
    const bool clientReadsWebSocket = m_webSocket && (!m_upgrading || m_probeAnswered);
    if (notifyClient && clientReadsWebSocket) {
        // No close packet on a WebSocket, as engine.io: the client handles a Socket.IO packet a
        // tick after its frame, so a close packet read in the same turn would end the session
        // before the DISCONNECT (or the acks) just written were seen. Closing the WebSocket
        // after them reaches the client in a later turn.
        answerPendingGet({ noop });
        for (const EnginePacket &packet : std::as_const(last))
            writeToWebSocket(packet);
        releaseWebSocket();
    } else {
        if (notifyClient)
            last.append(EnginePacket::text(EnginePacket::Type::Close));
        answerPendingGet(notifyClient ? last : QList<EnginePacket> { noop });
        if (m_webSocket)
            m_webSocket->close();
    }
    qCDebug(lcEngine) << "session" << m_id << "closed:" << reason;
    if (Receiver *receiver = std::exchange(m_receiver, nullptr))
        receiver->sessionClosed(reason);
    Q_EMIT closed(reason);
    m_server->forget(this);
}

} // namespace Im::SocketIo
