#include "messaging/deliveryhub.h"

#include "im/futures.h"
#include "im/messagestore.h"
#include "messaging/socketdevicelink.h"
#include "messaging/wirecodec.h"
#include "socketio/memoryreturn.h"
#include "socketio/socketiosocket.h"

#include <QLoggingCategory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace Im::Messaging {

namespace {

Q_LOGGING_CATEGORY(lcHub, "im.delivery.hub")

// Cursor writes are gathered for this long into one transaction; a failed one is retried after
// a second.
constexpr Core::CursorFlusher::Settings cursorFlushing { 50ms, 1000ms };

} // namespace

DeliveryHub::DeliveryHub(Core::MessageStore &messages, Core::CursorStore &cursors,
                         DeliveryChannel::Settings settings, QObject *parent)
    : QObject(parent)
    , m_cursorStore(cursors)
    , m_settings(settings)
    , m_context { messages, Core::Clock::system(), m_latency, &WireCodec::encodeOutbound }
    , m_cursors(cursors, Core::Clock::system(), cursorFlushing)
{ }

DeliveryHub::~DeliveryHub() = default;

void DeliveryHub::attach(SocketIo::SocketIoSocket *socket, int userId, const QString &deviceId)
{
    QPointer<SocketIo::SocketIoSocket> guard(socket);
    auto loaded = m_cursorStore.loadOrRecord(userId, deviceId);
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
        const qint64 cursor = std::max(stored.value(), m_cursors.unwritten(userId, deviceId));
        startChannel(guard, userId, deviceId, cursor);
    });
}

void DeliveryHub::startChannel(SocketIo::SocketIoSocket *socket, int userId,
                               const QString &deviceId, qint64 cursor)
{
    auto *channel = new DeliveryChannel(new SocketDeviceLink(socket), userId, deviceId, cursor,
                                        m_context, m_settings, this);
    connect(channel, &DeliveryChannel::cursorAdvanced, &m_cursors, &Core::CursorFlusher::note);
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

void DeliveryHub::dispatchReadReceipt(int userId, const Core::ReadReceipt &receipt)
{
    const QByteArray bytes = WireCodec::encodeReadReceipt(receipt);
    for (SocketIo::SocketIoSocket *socket : socketsOf(userId))
        socket->send(QStringLiteral("on-message:read"), { bytes });
}

void DeliveryHub::dispatch(const Core::StoreOutcome &outcome, const QString &originSocketId)
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

} // namespace Im::Messaging
