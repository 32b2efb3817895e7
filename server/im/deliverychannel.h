#pragma once

#include "im/chatmessage.h"
#include "im/clock.h"
#include "im/cumulativecursor.h"
#include "im/deliverylatency.h"
#include "im/devicelink.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>

#include <chrono>
#include <functional>
#include <map>
#include <set>

namespace Im::Core {

class MessageStore;

//! Figures of one device's delivery queue (and, summed, of all of them).
struct QueueStats
{
    qsizetype queued = 0; //!< waiting for a free slot in the window (or for a retry)
    qsizetype inFlight = 0; //!< pushed, ack awaited
    qint64 pushed = 0;
    qint64 acked = 0;
    qint64 failed = 0; //!< acked with a status other than 200
    qint64 timedOut = 0;
    qint64 retried = 0;
    qint64 oldestWaitingMs = 0; //!< age of the oldest unacknowledged message, 0 when none
    qint64 lastAckAtMs = 0; //!< wall clock of the latest ack 200, 0 when none (a sum takes the max)

    QueueStats &operator+=(const QueueStats &other);
};

class DeliveryChannel;

//! What every channel of a hub shares: where waiting messages are read, the clock, the latency
//! figures, how a message becomes its push payload, and whom a channel tells of its cursor and
//! its end.
struct ChannelContext
{
    MessageStore &messages;
    Clock &clock;
    DeliveryLatency &latency;
    std::function<QByteArray(const StoredMessage &)> encode;
    //! A device's cursor moved up (a call, not a signal: a connection per channel costs every
    //! session memory).
    std::function<void(int userId, const QString &deviceId, qint64 cursor)> cursorAdvanced;
    //! A channel's link ended: the channel is done (may be empty).
    std::function<void(DeliveryChannel *channel)> channelEnded;
};

//! Delivers a user's messages to one link (one device) in id order and keeps that device's
//! cumulative cursor. On start it pushes everything above the stored cursor, fetched from the
//! database page by page ("catching up"; the desktop client has no pull), then follows live
//! messages. At most `window` pushes await their ack at once; a failed or timed-out push is retried
//! with backoff while the link lives, and the cursor never passes it. When more than
//! `maxPending` messages wait, live ones are left in the database and fetched again later, so a
//! device with 100 000 waiting messages is neither flooded nor stalled. Nothing is pushed while the
//! link is saturated (its buffer over the cap): pushes resume when it drains.
class DeliveryChannel : public QObject, private DeviceLink::Observer
{
    Q_OBJECT
public:
    struct Settings
    {
        int window = 32;
        int pageSize = 200;
        int maxPending = 2000;
        std::chrono::milliseconds ackTimeout { 6000 };
        std::chrono::milliseconds retryBase { 1000 };
        std::chrono::milliseconds retryMax { 30000 };
    };

    //! \a context is shared with the hub's other channels and outlives this one.
    DeliveryChannel(DeviceLink *link, int userId, QString deviceId, qint64 cursor,
                    const ChannelContext &context, const Settings &settings,
                    QObject *parent = nullptr);
    ~DeliveryChannel() override;

    //! Begins catching up from the cursor.
    void start();
    //! This device sent message \a id itself (it was committed before the channel started, or
    //! while it catches up): when a page brings it, the cursor passes it without a push.
    void noteSentByThisDevice(qint64 id);
    //! A message for this channel's user was committed (called in id order). \a fromThisDevice:
    //! this device sent it, so it holds it already. \a encoded is the message's push payload,
    //! encoded once for every device: empty, the first channel that queues the message fills it,
    //! and the others share its bytes.
    void onCommitted(const StoredMessage &message, QByteArray &encoded, bool fromThisDevice);

    [[nodiscard]] int userId() const { return m_userId; }
    [[nodiscard]] const QString &deviceId() const { return m_deviceId; }
    [[nodiscard]] qint64 cursor() const { return m_cursor.value(); }
    [[nodiscard]] bool isCatchingUp() const { return m_mode == Mode::CatchingUp; }
    [[nodiscard]] QueueStats stats() const;
    //! Payload bytes of the messages it holds (queued, in flight, waiting for a retry).
    [[nodiscard]] qint64 heldBytes() const;

private:
    void linkDrained() override;
    void linkEnded() override;

    enum class Mode { CatchingUp, Live };
    enum class EntryState { Queued, InFlight, RetryWait };
    struct Entry
    {
        QByteArray payload;
        int attempts = 0;
        qint64 queuedAtMs = 0;
        qint64 sentAtMs = 0; //!< when it reached this channel live, 0 when read while catching up
        Clock::TimePoint pushedAt; //!< of the latest attempt
        EntryState state = EntryState::Queued;
    };

    //! \a encoded: the payload if known (shared), filled otherwise.
    void enqueue(const StoredMessage &message, qint64 sentAtMs, QByteArray &encoded);
    void enqueue(const StoredMessage &message, qint64 sentAtMs);
    void pump();
    void push(qint64 id, Entry &entry);
    void onAck(qint64 id, const PushOutcome &outcome);
    void scheduleRetry(qint64 id, Entry &entry);
    void maybeFetch();
    void fetchPage();
    void onPage(const QList<StoredMessage> &messages);
    //! Counts \a id as delivered without pushing it: this device sent it.
    void acknowledgeOwn(qint64 id);

    QPointer<DeviceLink> m_link;
    const int m_userId;
    const QString m_deviceId;
    const ChannelContext &m_context;
    const Settings m_settings;
    CumulativeCursor m_cursor;
    Mode m_mode = Mode::CatchingUp;
    bool m_started = false;
    bool m_fetching = false;
    bool m_newDuringFetch = false;
    std::map<qint64, Entry> m_entries; //!< unacknowledged messages by id
    std::set<qint64> m_ready; //!< ids of Queued entries: the lowest goes first
    //! Messages this device sent while catching up: its pages hold them, but the device has them.
    std::set<qint64> m_ownWhileCatchingUp;
    QueueStats m_stats;
};

} // namespace Im::Core
