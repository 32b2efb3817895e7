#pragma once

#include "messaging/deliverychannel.h"
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
    //! cursor, then pushes everything above it. The channel goes when the socket disconnects.
    void attach(SocketIo::SocketIoSocket *socket, int userId, const QString &deviceId);

    //! Hands a committed message to every live channel of its recipients, in commit order.
    //! \a originSocketId is the sending socket (it holds the message already).
    void dispatch(const Store::StoreOutcome &outcome, const QString &originSocketId);

    //! The live sockets of \a userId.
    [[nodiscard]] QList<SocketIo::SocketIoSocket *> socketsOf(int userId) const;
    [[nodiscard]] QList<ChannelInfo> channels() const;
    [[nodiscard]] QueueStats totals() const;

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
    QHash<std::pair<int, QString>, qint64> m_dirtyCursors;
    bool m_flushing = false;
    QTimer m_flushTimer;
};

} // namespace Im::Messaging
