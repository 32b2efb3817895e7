#pragma once

#include "messaging/deliverychannel.h"
#include "messaging/deliverylatency.h"
#include "messaging/devicehistory.h"
#include "store/cursorqueries.h"
#include "store/messagequeries.h"

#include <QHash>
#include <QMultiHash>
#include <QObject>
#include <QTimer>

namespace Im::Messaging {

//! One live device channel as the admin console lists it.
struct ChannelInfo
{
    QString socketId;
    int userId = 0;
    QString deviceId;
    qint64 cursor = 0;
    bool catchingUp = false;
    QueueStats queue;
};

//! Every user's live delivery channels (one per socket), the fan-out of committed messages to
//! them, and the batched, monotonic persistence of their cursors. Network thread.
class DeliveryHub : public QObject
{
    Q_OBJECT
public:
    DeliveryHub(Store::DbExecutor &database, DeliveryChannel::Settings settings,
                QObject *parent = nullptr);
    ~DeliveryHub() override;

    //! Starts delivering to \a socket, the device \a deviceId of \a userId: loads the device's
    //! cursor (recording a 0 cursor for a new device, so it is listed before it ever acks), then
    //! pushes everything above it. The channel goes when the socket disconnects.
    void attach(SocketIo::SocketIoSocket *socket, int userId, const QString &deviceId);

    //! Hands a committed message to every live channel of its recipients, in commit order.
    //! \a originSocketId is the sending socket (it holds the message already).
    void dispatch(const Store::StoreOutcome &outcome, const QString &originSocketId);

    //! The live sockets of \a userId.
    [[nodiscard]] QList<SocketIo::SocketIoSocket *> socketsOf(int userId) const;
    [[nodiscard]] QList<ChannelInfo> channels() const;
    [[nodiscard]] QueueStats totals() const;
    //! How many channels (authenticated sockets) are live; cheaper than channels().size().
    [[nodiscard]] qsizetype channelCount() const { return m_byUser.size(); }
    //! Seconds from a push to its ack 200, over every channel.
    [[nodiscard]] const Metrics::Histogram &ackSeconds() const { return m_latency.pushToAck; }
    //! The send → push, send → ack and push → ack times, over every channel.
    [[nodiscard]] const DeliveryLatency &latency() const { return m_latency; }
    //! The devices whose channels all closed recently, with their figures.
    [[nodiscard]] const DeviceHistory &history() const { return m_history; }

    //! Writes the cursors that advanced since the last write (also done by a short timer).
    void flushCursors();

Q_SIGNALS:
    //! A socket's channel started: pending notifications can go to it.
    void attached(SocketIo::SocketIoSocket *socket, int userId);

private:
    void startChannel(SocketIo::SocketIoSocket *socket, int userId, const QString &deviceId,
                      qint64 cursor);
    void noteCursor(int userId, const QString &deviceId, qint64 cursor);

    struct Live
    {
        QPointer<SocketIo::SocketIoSocket> socket;
        DeliveryChannel *channel = nullptr;
    };

    Store::DbExecutor &m_database;
    const DeliveryChannel::Settings m_settings;
    QMultiHash<int, Live> m_byUser;
    QueueStats m_closed; //!< counters of channels that are gone
    DeliveryLatency m_latency;
    DeviceHistory m_history;
    QHash<std::pair<int, QString>, qint64> m_dirtyCursors;
    bool m_flushing = false;
    QTimer m_flushTimer;
};

} // namespace Im::Messaging
