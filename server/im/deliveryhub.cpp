#include "im/deliveryhub.h"

#include "im/futures.h"
#include "im/messagestore.h"

#include <QLoggingCategory>

namespace Im::Core {

namespace {

Q_LOGGING_CATEGORY(lcHub, "im.delivery.hub")

} // namespace

DeliveryHub::DeliveryHub(MessageStore &messages, CursorStore &cursors, Clock &clock,
                         PayloadEncoders encoders, DeliveryChannel::Settings settings,
                         QObject *parent)
    : QObject(parent)
    , m_cursorStore(cursors)
    , m_clock(clock)
    , m_encoders(std::move(encoders))
    , m_settings(settings)
    , m_context { messages,
                  clock,
                  m_latency,
                  m_encoders.message,
                  [this](int userId, const QString &deviceId, qint64 cursor) {
                      m_cursors.note(userId, deviceId, cursor);
                  },
                  [this](DeliveryChannel *channel) { closeChannel(channel->userId(), channel); } }
    , m_cursors(cursors, clock, cursorFlushing)
{ }

DeliveryHub::~DeliveryHub() = default;

void DeliveryHub::attach(DeviceLink *link, int userId, const QString &deviceId)
{
    QPointer<DeviceLink> guard(link);
    const QString linkId = link->linkId();
    // The device may send before its cursor is loaded: what it sends then, it holds already.
    m_sentWhileAttaching.insert(linkId, {});
    auto loaded = m_cursorStore.loadOrRecord(userId, deviceId);
    whenFinished(loaded, this, [this, guard, linkId, userId, deviceId](Result<qint64> stored) {
        const QList<qint64> sentMeanwhile = m_sentWhileAttaching.take(linkId);
        if (!guard || !guard->isConnected())
            return;
        if (!stored) {
            qCWarning(lcHub).noquote()
                << "cannot load the cursor of user" << userId << ":" << stored.error().message;
            guard->close(); // the client reconnects and we try again
            return;
        }
        // A cursor not written yet is newer than the stored one.
        const qint64 cursor = std::max(stored.value(), m_cursors.unwritten(userId, deviceId));
        startChannel(guard, userId, deviceId, cursor, sentMeanwhile);
    });
}

void DeliveryHub::startChannel(DeviceLink *link, int userId, const QString &deviceId, qint64 cursor,
                               const QList<qint64> &sentMeanwhile)
{
    auto *channel =
        new DeliveryChannel(link, userId, deviceId, cursor, m_context, m_settings, this);
    for (qint64 id : sentMeanwhile)
        channel->noteSentByThisDevice(id);
    m_byUser.insert(userId, { link, channel });
    // The channel hears when its link ends (disconnected, or destroyed without a disconnect when
    // its owner went) and closes through the context's channelEnded.
    qCDebug(lcHub) << "delivering to user" << userId << "device" << deviceId << "from cursor"
                   << cursor;
    channel->start();
    Q_EMIT attached(link, userId);
}

void DeliveryHub::closeChannel(int userId, DeliveryChannel *channel)
{
    for (auto it = m_byUser.find(userId); it != m_byUser.end() && it.key() == userId; ++it) {
        if (it->channel != channel)
            continue;
        const QueueStats figures = channel->stats();
        m_closed += figures;
        m_closed.queued = m_closed.inFlight = 0;
        m_closed.oldestWaitingMs = 0;
        m_history.noteClosed(userId, channel->deviceId(), figures, m_clock.wallMs());
        m_byUser.erase(it);
        Q_EMIT released(channel->heldBytes());
        channel->deleteLater();
        return;
    }
}

void DeliveryHub::dispatchReadReceipt(int userId, const ReadReceipt &receipt)
{
    const QList<DeviceLink *> links = linksOf(userId);
    if (links.isEmpty())
        return;
    const QByteArray payload = m_encoders.readReceipt(receipt);
    for (DeviceLink *link : links)
        link->pushReadReceipt(payload);
}

void DeliveryHub::dispatch(const StoreOutcome &outcome, const QString &originLinkId)
{
    // The push payload, encoded by the first channel that queues the message and shared by all.
    QByteArray encoded;
    if (const auto attaching = m_sentWhileAttaching.find(originLinkId);
        attaching != m_sentWhileAttaching.end()) {
        attaching->append(outcome.message.id);
    }
    for (int recipient : outcome.recipients) {
        for (auto it = m_byUser.find(recipient); it != m_byUser.end() && it.key() == recipient;
             ++it) {
            const bool fromThisLink = it->link && it->link->linkId() == originLinkId;
            it->channel->onCommitted(outcome.message, encoded, fromThisLink);
        }
    }
}

QList<DeviceLink *> DeliveryHub::linksOf(int userId) const
{
    QList<DeviceLink *> links;
    for (auto it = m_byUser.find(userId); it != m_byUser.end() && it.key() == userId; ++it) {
        if (it->link && it->link->isConnected())
            links.append(it->link);
    }
    return links;
}

QList<ChannelInfo> DeliveryHub::channels() const
{
    QList<ChannelInfo> infos;
    infos.reserve(m_byUser.size());
    for (const Live &live : m_byUser) {
        infos.append({ live.link ? live.link->linkId() : QString(), live.channel->userId(),
                       live.channel->deviceId(), live.channel->cursor(),
                       live.channel->isCatchingUp(), live.channel->stats() });
    }
    return infos;
}

QueueStats DeliveryHub::totals() const
{
    QueueStats totals = m_closed;
    for (const Live &live : m_byUser)
        totals += live.channel->stats();
    return totals;
}

} // namespace Im::Core
