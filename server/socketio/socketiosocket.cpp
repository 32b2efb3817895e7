#include "socketio/socketiosocket.h"

#include "socketio/engineiosession.h"
#include "socketio/socketioclient.h"
#include "socketio/socketionamespace.h"
#include "socketio/socketioserver.h"

#include <QTimerEvent>

using namespace Qt::StringLiterals;

namespace Im::SocketIo {

void Ack::operator()(const QVariantList &arguments) const
{
    if (m_send)
        (*m_send)(arguments);
}

SocketIoSocket::SocketIoSocket(SocketIoClient *client, SocketIoNamespace *ns, QString id,
                               QVariant auth, QVariant userData)
    : QObject(ns)
    , m_client(client)
    , m_namespace(ns)
    , m_id(std::move(id))
    , m_auth(std::move(auth))
    , m_userData(std::move(userData))
{ }

QString SocketIoSocket::engineSessionId() const
{
    return m_client && m_client->session() ? m_client->session()->id() : QString();
}

bool SocketIoSocket::isSaturated() const
{
    return m_client && m_client->session() && m_client->session()->isSaturated();
}

const Handshake &SocketIoSocket::handshake() const
{
    static const Handshake none;
    return m_client && m_client->session() ? m_client->session()->handshake() : none;
}

void SocketIoSocket::on(const QString &event, EventHandler handler)
{
    m_handlers.insert_or_assign(event, std::move(handler));
}

bool SocketIoSocket::send(const QString &event, const QVariantList &arguments)
{
    if (!m_connected || !m_client)
        return false;
    QVariantList payload { event };
    payload.append(arguments);
    return m_client->write(
        { SocketIoPacket::Type::Event, m_namespace->name(), std::nullopt, payload });
}

void SocketIoSocket::sendWithAck(const QString &event, const QVariantList &arguments,
                                 std::chrono::milliseconds timeout, AckCallback onAck)
{
    if (!m_connected || !m_client)
        return completeAck(std::move(onAck), { AckResult::Status::Disconnected, {} });
    const qint64 ackId = m_nextAckId++;
    QVariantList payload { event };
    payload.append(arguments);
    if (!m_client->write({ SocketIoPacket::Type::Event, m_namespace->name(), ackId, payload }))
        return completeAck(std::move(onAck), { AckResult::Status::Disconnected, {} });
    const auto deadline = m_ackDeadlines.emplace(std::chrono::steady_clock::now() + timeout, ackId);
    m_pendingAcks.emplace(ackId, PendingAck { std::move(onAck), deadline });
    armAckTimer();
}

void SocketIoSocket::completeAck(AckCallback onAck, AckResult result)
{
    // Queued, as a future's continuation was: the caller never runs inside its own send, nor
    // inside the packet loop that read the answer.
    QMetaObject::invokeMethod(
        this, [onAck = std::move(onAck), result = std::move(result)] { onAck(result); },
        Qt::QueuedConnection);
}

void SocketIoSocket::armAckTimer()
{
    if (m_ackDeadlines.empty())
        return;
    const auto earliest = m_ackDeadlines.begin()->first;
    // Same timeouts make later deadlines: the armed timer stays as it is.
    if (m_ackTimer.isActive() && m_ackTimerDue <= earliest)
        return;
    m_ackTimerDue = earliest;
    const auto wait =
        std::chrono::ceil<std::chrono::milliseconds>(earliest - std::chrono::steady_clock::now());
    m_ackTimer.start(int(std::max(wait, std::chrono::milliseconds(0)).count()), Qt::PreciseTimer,
                     this);
}

void SocketIoSocket::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_ackTimer.timerId()) {
        QObject::timerEvent(event);
        return;
    }
    m_ackTimer.stop();
    expireAcks();
}

void SocketIoSocket::expireAcks()
{
    const auto now = std::chrono::steady_clock::now();
    while (!m_ackDeadlines.empty() && m_ackDeadlines.begin()->first <= now) {
        const qint64 ackId = m_ackDeadlines.begin()->second;
        m_ackDeadlines.erase(m_ackDeadlines.begin());
        const auto timedOut = m_pendingAcks.find(ackId);
        if (timedOut == m_pendingAcks.end())
            continue;
        ++m_namespace->m_server->m_acksTimedOut;
        AckCallback onAck = std::move(timedOut->second.onAck);
        m_pendingAcks.erase(timedOut);
        completeAck(std::move(onAck), { AckResult::Status::TimedOut, {} });
    }
    armAckTimer();
}

void SocketIoSocket::join(const QString &room)
{
    if (!m_connected || !m_rooms.insert(room).second)
        return;
    m_namespace->joinRoom(this, room);
}

void SocketIoSocket::leave(const QString &room)
{
    if (m_rooms.erase(room) == 0)
        return;
    m_namespace->leaveRoom(this, room);
}

void SocketIoSocket::disconnect(bool closeTransport)
{
    if (!m_connected)
        return;
    if (m_client) {
        m_client->detach(this, true);
        if (closeTransport || m_client->sockets().isEmpty())
            m_client->closeSession(u"server namespace disconnect"_s);
    }
    markDisconnected(u"server namespace disconnect"_s);
}

void SocketIoSocket::dispatchEvent(const QVariantList &payload, std::optional<qint64> ackId)
{
    const QString event = payload.value(0).toString();
    const QVariantList arguments = payload.mid(1);
    Ack ack;
    if (ackId) {
        QPointer<SocketIoSocket> self(this);
        auto answered = std::make_shared<bool>(false);
        ack.m_send = std::make_shared<std::function<void(const QVariantList &)>>(
            [self, answered, id = *ackId](const QVariantList &reply) {
                if (*answered || !self || !self->m_connected || !self->m_client)
                    return;
                *answered = true;
                self->m_client->write(
                    { SocketIoPacket::Type::Ack, self->m_namespace->name(), id, reply });
            });
    }
    if (const auto own = m_handlers.find(event); own != m_handlers.end())
        return own->second(arguments, ack);
    if (const SocketIoNamespace::EventHandler *shared = m_namespace->handlerOf(event))
        (*shared)(this, arguments, ack);
}

void SocketIoSocket::dispatchAck(qint64 ackId, const QVariantList &arguments)
{
    const auto pending = m_pendingAcks.find(ackId);
    if (pending == m_pendingAcks.end())
        return; // late (already timed out) or unknown: nothing waits for it
    m_ackDeadlines.erase(pending->second.deadline);
    AckCallback onAck = std::move(pending->second.onAck);
    m_pendingAcks.erase(pending);
    completeAck(std::move(onAck), { AckResult::Status::Acknowledged, arguments });
}

void SocketIoSocket::markDisconnected(const QString &reason)
{
    if (!m_connected)
        return;
    m_connected = false;
    const auto rooms = m_rooms;
    for (const QString &room : rooms)
        leave(room);
    m_namespace->remove(this);
    auto pending = std::exchange(m_pendingAcks, {});
    m_ackDeadlines.clear();
    m_ackTimer.stop();
    for (auto &[ackId, ack] : pending)
        completeAck(std::move(ack.onAck), { AckResult::Status::Disconnected, {} });
    Q_EMIT disconnected(reason);
    // Deleted only after those reports ran: they are queued before this call, and a deletion
    // first (QTest::qWait, for one, sends deferred deletes ahead of other posted events) would
    // drop them.
    QMetaObject::invokeMethod(this, &QObject::deleteLater, Qt::QueuedConnection);
}

} // namespace Im::SocketIo
