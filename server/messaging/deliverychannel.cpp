#include "messaging/deliverychannel.h"

#include "im/futures.h"
#include "messaging/wirecodec.h"
#include "socketio/socketiosocket.h"
#include "store/dbexecutor.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Im::Messaging {

namespace {

Q_LOGGING_CATEGORY(lcDelivery, "im.delivery")

constexpr int statusOk = 200;
// A failed page fetch (database unavailable) is tried again after this long.
constexpr auto fetchRetryDelay = std::chrono::seconds(1);

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

QueueStats &QueueStats::operator+=(const QueueStats &other)
{
    queued += other.queued;
    inFlight += other.inFlight;
    pushed += other.pushed;
    acked += other.acked;
    failed += other.failed;
    timedOut += other.timedOut;
    retried += other.retried;
    oldestWaitingMs = std::max(oldestWaitingMs, other.oldestWaitingMs);
    lastAckAtMs = std::max(lastAckAtMs, other.lastAckAtMs);
    return *this;
}

DeliveryChannel::DeliveryChannel(SocketIo::SocketIoSocket *socket, int userId, QString deviceId,
                                 qint64 cursor, Store::DbExecutor &database,
                                 const Settings &settings, DeliveryLatency &latency,
                                 QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_userId(userId)
    , m_deviceId(std::move(deviceId))
    , m_database(database)
    , m_settings(settings)
    , m_latency(latency)
    , m_cursor(cursor)
{
    // Pushes wait while the socket's buffer is over its cap, and resume once it drains.
    connect(socket, &SocketIo::SocketIoSocket::drained, this, &DeliveryChannel::pump);
}

void DeliveryChannel::start()
{
    m_started = true;
    maybeFetch();
}

void DeliveryChannel::onCommitted(const Store::StoredMessage &message, QByteArray &encoded,
                                  bool fromThisSocket)
{
    if (m_mode == Mode::CatchingUp) {
        if (fromThisSocket && message.id > m_cursor.highestTracked())
            m_ownWhileCatchingUp.insert(message.id);
        // The next page will contain it; a page being read may have missed it: read again.
        if (m_fetching)
            m_newDuringFetch = true;
        maybeFetch();
        return;
    }
    if (message.id <= m_cursor.highestTracked())
        return; // held or queued already (a sender's retry)
    if (fromThisSocket)
        return acknowledgeOwn(message.id);
    if (qsizetype(m_entries.size()) >= m_settings.maxPending) {
        // Leave it (and what follows) in the database until the queue drains.
        m_mode = Mode::CatchingUp;
        return;
    }
    enqueue(message, nowMs(), encoded);
    pump();
}

void DeliveryChannel::acknowledgeOwn(qint64 id)
{
    if (!m_cursor.track(id))
        return;
    if (m_cursor.acknowledge(id))
        Q_EMIT cursorAdvanced(m_userId, m_deviceId, m_cursor.value());
}

qint64 DeliveryChannel::heldBytes() const
{
    qint64 bytes = 0;
    for (const auto &[id, entry] : m_entries)
        bytes += entry.payload.size();
    return bytes;
}

QueueStats DeliveryChannel::stats() const
{
    QueueStats stats = m_stats;
    stats.inFlight = 0;
    stats.queued = 0;
    qint64 oldest = 0;
    for (const auto &[id, entry] : m_entries) {
        if (entry.state == EntryState::InFlight)
            ++stats.inFlight;
        else
            ++stats.queued;
        if (oldest == 0 || entry.queuedAtMs < oldest)
            oldest = entry.queuedAtMs;
    }
    stats.oldestWaitingMs = oldest == 0 ? 0 : nowMs() - oldest;
    return stats;
}

void DeliveryChannel::enqueue(const Store::StoredMessage &message, qint64 sentAtMs)
{
    QByteArray encoded;
    enqueue(message, sentAtMs, encoded);
}

void DeliveryChannel::enqueue(const Store::StoredMessage &message, qint64 sentAtMs,
                              QByteArray &encoded)
{
    if (!m_cursor.track(message.id))
        return;
    // Encoded once per message: the devices it goes to share the bytes (implicit sharing).
    if (encoded.isNull())
        encoded = WireCodec::encodeOutbound(message);
    Entry entry;
    entry.payload = encoded;
    entry.queuedAtMs = nowMs();
    entry.sentAtMs = sentAtMs;
    m_entries.emplace(message.id, std::move(entry));
    m_ready.insert(message.id);
}

void DeliveryChannel::pump()
{
    if (!m_socket)
        return;
    qsizetype inFlight = 0;
    for (const auto &[id, entry] : m_entries)
        inFlight += entry.state == EntryState::InFlight ? 1 : 0;
    // Never into a saturated socket, retries included: a client that does not read would only
    // make the buffer grow (the session closes it if it stays saturated).
    while (inFlight < m_settings.window && !m_ready.empty() && !m_socket->isSaturated()) {
        const qint64 id = *m_ready.begin();
        m_ready.erase(m_ready.begin());
        push(id, m_entries.at(id));
        ++inFlight;
    }
}

void DeliveryChannel::push(qint64 id, Entry &entry)
{
    entry.state = EntryState::InFlight;
    if (++entry.attempts > 1)
        ++m_stats.retried;
    ++m_stats.pushed;
    entry.pushedAt = std::chrono::steady_clock::now();
    if (entry.attempts == 1 && entry.sentAtMs != 0)
        m_latency.sendToPush.observe(double(nowMs() - entry.sentAtMs) / 1000.0);
    // The desktop client calls the ack callback unconditionally: always ask for one.
    auto acked = m_socket->sendWithAck(u"on-message"_s, { entry.payload }, m_settings.ackTimeout);
    whenFinished(acked, this, [this, id](SocketIo::AckResult result) { onAck(id, result); });
}

void DeliveryChannel::onAck(qint64 id, const SocketIo::AckResult &result)
{
    const auto found = m_entries.find(id);
    if (found == m_entries.end() || found->second.state != EntryState::InFlight)
        return;
    using Status = SocketIo::AckResult::Status;
    if (result.status == Status::Disconnected)
        return; // the channel goes with its socket; the cursor stays below this message
    if (result.status == Status::TimedOut) {
        ++m_stats.timedOut;
        scheduleRetry(id, found->second);
    } else {
        const std::optional<qint64> status = result.arguments.isEmpty()
            ? std::nullopt
            : WireCodec::ackStatus(result.arguments.first().toByteArray());
        if (status == statusOk) {
            ++m_stats.acked;
            m_latency.pushToAck.observe(
                std::chrono::duration<double>(std::chrono::steady_clock::now()
                                              - found->second.pushedAt)
                    .count());
            m_stats.lastAckAtMs = nowMs();
            if (found->second.sentAtMs != 0)
                m_latency.sendToAck.observe(double(m_stats.lastAckAtMs - found->second.sentAtMs)
                                            / 1000.0);
            m_entries.erase(found);
            if (m_cursor.acknowledge(id))
                Q_EMIT cursorAdvanced(m_userId, m_deviceId, m_cursor.value());
        } else {
            ++m_stats.failed;
            scheduleRetry(id, found->second);
        }
    }
    pump();
    maybeFetch();
}

void DeliveryChannel::scheduleRetry(qint64 id, Entry &entry)
{
    entry.state = EntryState::RetryWait;
    const int doublings = std::min(entry.attempts - 1, 16);
    const std::chrono::milliseconds delay = std::min<std::chrono::milliseconds>(
        m_settings.retryBase * (1LL << doublings), m_settings.retryMax);
    qCDebug(lcDelivery) << "push of" << id << "to user" << m_userId << "failed, retry in"
                        << delay.count() << "ms";
    QTimer::singleShot(delay, this, [this, id] {
        const auto found = m_entries.find(id);
        if (found == m_entries.end() || found->second.state != EntryState::RetryWait)
            return;
        found->second.state = EntryState::Queued;
        m_ready.insert(id);
        pump();
    });
}

void DeliveryChannel::maybeFetch()
{
    // Fetch when the queue runs low, so the window stays busy without holding every page.
    const bool lowWater = m_ready.size() < size_t(m_settings.window);
    if (m_started && m_mode == Mode::CatchingUp && !m_fetching && lowWater
        && qsizetype(m_entries.size()) < m_settings.maxPending) {
        fetchPage();
    }
}

void DeliveryChannel::fetchPage()
{
    m_fetching = true;
    m_newDuringFetch = false;
    auto page = m_database.run<QList<Store::StoredMessage>>(
        [user = m_userId, after = m_cursor.highestTracked(),
         limit = m_settings.pageSize](Store::DbSession &session) {
            return Store::visibleMessagesAfter(session, user, after, limit);
        });
    whenFinished(page, this, [this](Result<QList<Store::StoredMessage>> messages) {
        m_fetching = false;
        if (!messages) {
            qCWarning(lcDelivery).noquote() << "cannot read waiting messages of user" << m_userId
                                            << ":" << messages.error().message;
            QTimer::singleShot(fetchRetryDelay, this, [this] { maybeFetch(); });
            return;
        }
        onPage(messages.value());
    });
}

void DeliveryChannel::onPage(const QList<Store::StoredMessage> &messages)
{
    for (const Store::StoredMessage &message : messages) {
        if (m_ownWhileCatchingUp.erase(message.id) > 0)
            acknowledgeOwn(message.id);
        else
            enqueue(message, 0); // its send time is not known here
    }
    // Ids the cursor passed (sent again as a retry, say) will not come in a page any more.
    m_ownWhileCatchingUp.erase(m_ownWhileCatchingUp.begin(),
                               m_ownWhileCatchingUp.upper_bound(m_cursor.highestTracked()));
    // A short page read after every commit it could miss means nothing else waits.
    if (messages.size() < m_settings.pageSize && !m_newDuringFetch) {
        qCDebug(lcDelivery) << "user" << m_userId << "device" << m_deviceId << "caught up at"
                            << m_cursor.highestTracked();
        m_mode = Mode::Live;
    }
    pump();
    maybeFetch();
}

} // namespace Im::Messaging
