#include "im/deliverychannel.h"

#include "im/futures.h"
#include "im/messagestore.h"

#include <QLoggingCategory>

namespace Im::Core {

namespace {

Q_LOGGING_CATEGORY(lcDelivery, "im.delivery")

// A failed page fetch (database unavailable) is tried again after this long.
constexpr auto fetchRetryDelay = std::chrono::seconds(1);

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

DeliveryChannel::DeliveryChannel(DeviceLink *link, int userId, QString deviceId, qint64 cursor,
                                 const ChannelContext &context, const Settings &settings,
                                 QObject *parent)
    : QObject(parent)
    , m_link(link)
    , m_userId(userId)
    , m_deviceId(std::move(deviceId))
    , m_context(context)
    , m_settings(settings)
    , m_cursor(cursor)
{
    // Pushes wait while the link's buffer is over its cap, and resume once it drains.
    link->setObserver(this);
}

DeliveryChannel::~DeliveryChannel()
{
    if (m_link)
        m_link->setObserver(nullptr);
}

void DeliveryChannel::linkDrained()
{
    pump();
}

void DeliveryChannel::linkEnded()
{
    if (m_context.channelEnded)
        m_context.channelEnded(this);
}

void DeliveryChannel::start()
{
    m_started = true;
    maybeFetch();
}

void DeliveryChannel::onCommitted(const StoredMessage &message, QByteArray &encoded,
                                  bool fromThisDevice)
{
    if (m_mode == Mode::CatchingUp) {
        if (fromThisDevice)
            noteSentByThisDevice(message.id);
        // The next page will contain it; a page being read may have missed it: read again.
        if (m_fetching)
            m_newDuringFetch = true;
        maybeFetch();
        return;
    }
    if (message.id <= m_cursor.highestTracked())
        return; // held or queued already (a sender's retry)
    if (fromThisDevice)
        return acknowledgeOwn(message.id);
    if (qsizetype(m_entries.size()) >= m_settings.maxPending) {
        // Leave it (and what follows) in the database until the queue drains.
        m_mode = Mode::CatchingUp;
        return;
    }
    enqueue(message, m_context.clock.wallMs(), encoded);
    pump();
}

void DeliveryChannel::noteSentByThisDevice(qint64 id)
{
    if (id > m_cursor.highestTracked())
        m_ownWhileCatchingUp.insert(id);
}

void DeliveryChannel::acknowledgeOwn(qint64 id)
{
    if (!m_cursor.track(id))
        return;
    if (m_cursor.acknowledge(id))
        m_context.cursorAdvanced(m_userId, m_deviceId, m_cursor.value());
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
    stats.oldestWaitingMs = oldest == 0 ? 0 : m_context.clock.wallMs() - oldest;
    return stats;
}

void DeliveryChannel::enqueue(const StoredMessage &message, qint64 sentAtMs)
{
    QByteArray encoded;
    enqueue(message, sentAtMs, encoded);
}

void DeliveryChannel::enqueue(const StoredMessage &message, qint64 sentAtMs, QByteArray &encoded)
{
    if (!m_cursor.track(message.id))
        return;
    // Encoded once per message: the devices it goes to share the bytes (implicit sharing).
    if (encoded.isNull())
        encoded = m_context.encode(message);
    Entry entry;
    entry.payload = encoded;
    entry.queuedAtMs = m_context.clock.wallMs();
    entry.sentAtMs = sentAtMs;
    m_entries.emplace(message.id, std::move(entry));
    m_ready.insert(message.id);
}

void DeliveryChannel::pump()
{
    if (!m_link)
        return;
    qsizetype inFlight = 0;
    for (const auto &[id, entry] : m_entries)
        inFlight += entry.state == EntryState::InFlight ? 1 : 0;
    // Never into a saturated socket, retries included: a client that does not read would only
    // make the buffer grow (the session closes it if it stays saturated).
    while (inFlight < m_settings.window && !m_ready.empty() && !m_link->isSaturated()) {
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
    entry.pushedAt = m_context.clock.now();
    if (entry.attempts == 1 && entry.sentAtMs != 0)
        m_context.latency.sendToPush.observe(double(m_context.clock.wallMs() - entry.sentAtMs)
                                             / 1000.0);
    // The desktop client calls the ack callback unconditionally: always ask for one.
    // The link drops the handler with itself; the channel goes with its link (see the hub).
    m_link->push(entry.payload, m_settings.ackTimeout,
                 [self = QPointer(this), id](const PushOutcome &outcome) {
                     if (self)
                         self->onAck(id, outcome);
                 });
}

void DeliveryChannel::onAck(qint64 id, const PushOutcome &outcome)
{
    const auto found = m_entries.find(id);
    if (found == m_entries.end() || found->second.state != EntryState::InFlight)
        return;
    if (outcome.kind == PushOutcome::Kind::Disconnected)
        return; // the channel goes with its link; the cursor stays below this message
    if (outcome.kind == PushOutcome::Kind::TimedOut) {
        ++m_stats.timedOut;
        scheduleRetry(id, found->second);
    } else if (outcome.isDelivered()) {
        ++m_stats.acked;
        m_context.latency.pushToAck.observe(
            std::chrono::duration<double>(m_context.clock.now() - found->second.pushedAt).count());
        m_stats.lastAckAtMs = m_context.clock.wallMs();
        if (found->second.sentAtMs != 0)
            m_context.latency.sendToAck.observe(double(m_stats.lastAckAtMs - found->second.sentAtMs)
                                                / 1000.0);
        m_entries.erase(found);
        if (m_cursor.acknowledge(id))
            m_context.cursorAdvanced(m_userId, m_deviceId, m_cursor.value());
    } else {
        ++m_stats.failed;
        scheduleRetry(id, found->second);
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
    m_context.clock.callAfter(delay, this, [this, id] {
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
    auto page =
        m_context.messages.visibleAfter(m_userId, m_cursor.highestTracked(), m_settings.pageSize);
    whenFinished(page, this, [this](Result<QList<StoredMessage>> messages) {
        m_fetching = false;
        if (!messages) {
            qCWarning(lcDelivery).noquote() << "cannot read waiting messages of user" << m_userId
                                            << ":" << messages.error().message;
            m_context.clock.callAfter(fetchRetryDelay, this, [this] { maybeFetch(); });
            return;
        }
        onPage(messages.value());
    });
}

void DeliveryChannel::onPage(const QList<StoredMessage> &messages)
{
    for (const StoredMessage &message : messages) {
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

} // namespace Im::Core
