#pragma once

#include "im/cursorflusher.h"
#include "im/deliverychannel.h"
#include "im/deliverylatency.h"
#include "im/devicehistory.h"
#include "im/messagefanout.h"

#include <QMultiHash>
#include <QObject>
#include <QPointer>

#include <functional>

namespace Im::Core {

class CursorStore;
class MessageStore;

//! One live device channel as the admin console lists it.
struct ChannelInfo
{
    QString linkId;
    int userId = 0;
    QString deviceId;
    qint64 cursor = 0;
    bool catchingUp = false;
    QueueStats queue;
};

//! How the hub turns what it sends into payloads (the wire format is not the domain's).
struct PayloadEncoders
{
    std::function<QByteArray(const StoredMessage &)> message;
    std::function<QByteArray(const ReadReceipt &)> readReceipt;
};

//! Every user's live delivery channels (one per device link), the fan-out of committed messages
//! to them in commit order, read receipts to a user's links, and the batched, monotonic
//! persistence of their cursors (its CursorFlusher, the cursors' one owner). Knows links, not
//! sockets. Network thread.
class DeliveryHub : public QObject, public MessageFanOut
{
    Q_OBJECT
public:
    //! How long advanced cursors are gathered into one write, and the wait before a failed write
    //! is tried again.
    static constexpr CursorFlusher::Settings cursorFlushing { std::chrono::milliseconds(50),
                                                              std::chrono::milliseconds(1000) };

    DeliveryHub(MessageStore &messages, CursorStore &cursors, Clock &clock,
                PayloadEncoders encoders, DeliveryChannel::Settings settings,
                QObject *parent = nullptr);
    ~DeliveryHub() override;

    //! Starts delivering to \a link, the device \a deviceId of \a userId: loads the device's
    //! cursor (recording a 0 cursor for a new device, so it is listed before it ever acks), then
    //! pushes everything above it. The link stays its creator's; the channel goes when the link
    //! disconnects. A cursor that cannot be loaded closes the link (the client comes back).
    //! What the link sends while its cursor loads is not pushed back to it.
    void attach(DeviceLink *link, int userId, const QString &deviceId);

    //! Hands a committed message to every live channel of its recipients, in commit order.
    //! \a originLinkId is the sending link (it holds the message already).
    void dispatch(const StoreOutcome &outcome, const QString &originLinkId) override;
    //! Sends the receipt to every live link of \a userId, encoded once.
    void dispatchReadReceipt(int userId, const ReadReceipt &receipt) override;

    //! The connected links of \a userId's live channels.
    [[nodiscard]] QList<DeviceLink *> linksOf(int userId) const;
    [[nodiscard]] QList<ChannelInfo> channels() const;
    [[nodiscard]] QueueStats totals() const;
    //! How many channels are live; cheaper than channels().size().
    [[nodiscard]] qsizetype channelCount() const { return m_byUser.size(); }
    //! Seconds from a push to its ack 200, over every channel.
    [[nodiscard]] const Metrics::Histogram &ackSeconds() const { return m_latency.pushToAck; }
    //! The send → push, send → ack and push → ack times, over every channel.
    [[nodiscard]] const DeliveryLatency &latency() const { return m_latency; }
    //! The devices whose channels all closed recently, with their figures.
    [[nodiscard]] const DeviceHistory &history() const { return m_history; }

    //! Writes the cursors that advanced since the last write (also done by a short timer).
    void flushCursors() { m_cursors.flush(); }
    //! The cursors' one owner: acknowledgements from outside a channel go through it too.
    [[nodiscard]] CursorFlusher &cursors() { return m_cursors; }

Q_SIGNALS:
    //! A link's channel started: pending notifications can go to it.
    void attached(Im::Core::DeviceLink *link, int userId);
    //! A channel closed and freed \a bytes of payloads it held.
    void released(qint64 bytes);

private:
    void startChannel(DeviceLink *link, int userId, const QString &deviceId, qint64 cursor,
                      const QList<qint64> &sentMeanwhile);
    void closeChannel(int userId, DeliveryChannel *channel);

    struct Live
    {
        QPointer<DeviceLink> link;
        DeliveryChannel *channel = nullptr;
    };

    CursorStore &m_cursorStore;
    Clock &m_clock;
    const PayloadEncoders m_encoders;
    const DeliveryChannel::Settings m_settings;
    DeliveryLatency m_latency;
    const ChannelContext m_context;
    QMultiHash<int, Live> m_byUser;
    //! By link id, the links whose cursor is loading, with the messages they sent meanwhile.
    QHash<QString, QList<qint64>> m_sentWhileAttaching;
    QueueStats m_closed; //!< counters of channels that are gone
    DeviceHistory m_history;
    CursorFlusher m_cursors;
};

} // namespace Im::Core
