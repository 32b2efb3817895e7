#include "messaging/deliveryhub.h"

#include "im/futures.h"
#include "socketio/memoryreturn.h"
#include "socketio/socketiosocket.h"
#include "store/dbexecutor.h"

#include <QLoggingCategory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace Im::Messaging {

namespace {

Q_LOGGING_CATEGORY(lcHub, "im.delivery.hub")

// Cursor writes are gathered for this long into one transaction.
constexpr auto cursorFlushDelay = 50ms;

} // namespace

DeliveryHub::DeliveryHub(Store::DbExecutor &database, DeliveryChannel::Settings settings,
                         QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_settings(settings)
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(cursorFlushDelay);
    connect(&m_flushTimer, &QTimer::timeout, this, &DeliveryHub::flushCursors);
}

DeliveryHub::~DeliveryHub() = default;

void DeliveryHub::attach(SocketIo::SocketIoSocket *socket, int userId, const QString &deviceId)
{
    QPointer<SocketIo::SocketIoSocket> guard(socket);
    auto loaded = m_database.run<qint64>([userId, deviceId](Store::DbSession &session) {
        return Store::loadOrRecordCursor(session, userId, deviceId);
    });
    whenFinished(loaded, this, [this, guard, userId, deviceId](Result<qint64> stored) {
        if (!guard || !guard->isConnected())
            return;
        if (!stored) {
            qCWarning(lcHub).noquote()
                << "cannot load the cursor of user" << userId << ":" << stored.error().message;
            guard->disconnect(true); // the client reconnects and we try again
            return;
        }
        // A cursor not written yet is newer than the stored one.
        const qint64 cursor = std::max(stored.value(), m_dirtyCursors.value({ userId, deviceId }));
        startChannel(guard, userId, deviceId, cursor);
    });
}

void DeliveryHub::startChannel(SocketIo::SocketIoSocket *socket, int userId,
                               const QString &deviceId, qint64 cursor)
{
    auto *channel = new DeliveryChannel(socket, userId, deviceId, cursor, m_database, m_settings,
                                        m_latency, this);
    connect(channel, &DeliveryChannel::cursorAdvanced, this, &DeliveryHub::noteCursor);
    m_byUser.insert(userId, { socket, channel });
    connect(socket, &SocketIo::SocketIoSocket::disconnected, this, [this, userId, channel] {
        for (auto it = m_byUser.find(userId); it != m_byUser.end() && it.key() == userId; ++it) {
            if (it->channel == channel) {
                const QueueStats figures = channel->stats();
                m_closed += figures;
                m_history.noteClosed(userId, channel->deviceId(), figures);
                m_closed.queued = m_closed.inFlight = 0;
                m_closed.oldestWaitingMs = 0;
                m_byUser.erase(it);
                break;
            }
        }
        SocketIo::noteMemoryReleased(channel->heldBytes());
        channel->deleteLater();
    });
    qCDebug(lcHub) << "delivering to user" << userId << "device" << deviceId << "from cursor"
                   << cursor;
    channel->start();
    Q_EMIT attached(socket, userId);
}

void DeliveryHub::dispatch(const Store::StoreOutcome &outcome, const QString &originSocketId)
{
    // The push payload, encoded by the first channel that queues the message and shared by all.
    QByteArray encoded;
    for (int recipient : outcome.recipients) {
        for (auto it = m_byUser.find(recipient); it != m_byUser.end() && it.key() == recipient;
             ++it) {
            const bool fromThisSocket = it->socket && it->socket->id() == originSocketId;
            it->channel->onCommitted(outcome.message, encoded, fromThisSocket);
        }
    }
}

QList<SocketIo::SocketIoSocket *> DeliveryHub::socketsOf(int userId) const
{
    QList<SocketIo::SocketIoSocket *> sockets;
    for (auto it = m_byUser.find(userId); it != m_byUser.end() && it.key() == userId; ++it) {
        if (it->socket && it->socket->isConnected())
            sockets.append(it->socket);
    }
    return sockets;
}

QList<ChannelInfo> DeliveryHub::channels() const
{
    QList<ChannelInfo> infos;
    for (const Live &live : m_byUser) {
        infos.append({ live.socket ? live.socket->id() : QString(), live.channel->userId(),
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

void DeliveryHub::noteCursor(int userId, const QString &deviceId, qint64 cursor)
{
    qint64 &dirty = m_dirtyCursors[{ userId, deviceId }];
    dirty = std::max(dirty, cursor);
    if (!m_flushing && !m_flushTimer.isActive())
        m_flushTimer.start();
}

void DeliveryHub::flushCursors()
{
    if (m_flushing || m_dirtyCursors.isEmpty())
        return;
    QList<Store::DeliveryCursor> cursors;
    for (auto it = m_dirtyCursors.cbegin(); it != m_dirtyCursors.cend(); ++it)
        cursors.append({ it.key().first, it.key().second, it.value() });
    m_flushing = true;
    // Admitted always: acknowledged progress, bounded by the devices.
    auto written = m_database.run<void>(
        [cursors](Store::DbSession &session) { return Store::raiseCursors(session, cursors); },
        Store::Retry::Never, Store::Admission::Always);
    whenFinished(written, this, [this, cursors](Result<void> done) {
        m_flushing = false;
        if (done) {
            // Only what did not advance again meanwhile is clean now.
            for (const Store::DeliveryCursor &cursor : cursors) {
                const auto key = std::pair(cursor.userId, cursor.deviceId);
                if (m_dirtyCursors.value(key) == cursor.lastAck)
                    m_dirtyCursors.remove(key);
            }
        } else {
            qCWarning(lcHub).noquote() << "cannot write cursors:" << done.error().message;
        }
        if (!m_dirtyCursors.isEmpty())
            m_flushTimer.start(done ? cursorFlushDelay : 1000ms);
    });
}

} // namespace Im::Messaging
