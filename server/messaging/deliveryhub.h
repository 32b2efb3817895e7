#pragma once

#include "im/cursorflusher.h"
#include "im/deliverychannel.h"
#include "im/deliverylatency.h"
#include "im/messagefanout.h"
#include "messaging/devicehistory.h"
#include "socketio/socketiosocket.h"

#include <QMultiHash>
#include <QObject>
#include <QPointer>

namespace Im::Core {
class CursorStore;
class MessageStore;
} // namespace Im::Core

namespace Im::Messaging {

using Core::DeliveryChannel;
using Core::DeliveryLatency;
using Core::QueueStats;

class SocketDeviceLink;

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

//! Every user's live delivery channels (one per socket, each on a SocketDeviceLink), the fan-out
//! of committed messages to them, and the batched, monotonic persistence of their cursors (a
//! CursorFlusher). Network thread.
class DeliveryHub : public QObject, public Core::MessageFanOut
{
    Q_OBJECT
public:
    DeliveryHub(Core::MessageStore &messages, Core::CursorStore &cursors,
                DeliveryChannel::Settings settings, QObject *parent = nullptr);
    ~DeliveryHub() override;

    //! Starts delivering to \a socket, the device \a deviceId of \a userId: loads the device's
    //! cursor (recording a 0 cursor for a new device, so it is listed before it ever acks), then
    //! pushes everything above it. The channel goes when the socket disconnects.
    void attach(SocketIo::SocketIoSocket *socket, int userId, const QString &deviceId);

    //! Hands a committed message to every live channel of its recipients, in commit order.
    //! \a originSocketId is the sending socket (it holds the message already).
    void dispatch(const Core::StoreOutcome &outcome, const QString &originSocketId) override;
    //! Sends `on-message:read` to every live socket of \a userId (the desktop client has no
    //! listener for it, so no ack is awaited).
    void dispatchReadReceipt(int userId, const Core::ReadReceipt &receipt) override;

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
    void flushCursors() { m_cursors.flush(); }
    //! The cursors' one owner: acknowledgements from outside a channel go through it too.
    [[nodiscard]] Core::CursorFlusher &cursors() { return m_cursors; }

Q_SIGNALS:
    //! A socket's channel started: pending notifications can go to it.
    void attached(SocketIo::SocketIoSocket *socket, int userId);

private:
    void startChannel(SocketIo::SocketIoSocket *socket, int userId, const QString &deviceId,
                      qint64 cursor);

    struct Live
    {
        QPointer<SocketIo::SocketIoSocket> socket;
        DeliveryChannel *channel = nullptr;
    };

    Core::CursorStore &m_cursorStore;
    const DeliveryChannel::Settings m_settings;
    DeliveryLatency m_latency;
    const Core::ChannelContext m_context;
    QMultiHash<int, Live> m_byUser;
    QueueStats m_closed; //!< counters of channels that are gone
    DeviceHistory m_history;
    Core::CursorFlusher m_cursors;
};

} // namespace Im::Messaging
