#include "adminapi/adminjson.h"

#include "adminapi/metricsrecorder.h"
#include "im/deliveryhub.h"
#include "im/messagewriter.h"
#include "messaging/chatsocketuser.h"
#include "messaging/notificationpusher.h"
#include "messaging/socketdevicelink.h"
#include "socketio/engineioserver.h"
#include "socketio/engineiosession.h"
#include "socketio/socketiosocket.h"

#include <QDateTime>
#include <QHash>
#include <QSet>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace Im::AdminApi {

namespace {

QString wireTime(const QDateTime &time)
{
    return time.isValid() ? time.toString(Qt::ISODateWithMs) : QString();
}

QString accountOf(const SocketIo::SocketIoSocket &socket)
{
    return Messaging::ChatSocketUser::of(socket).account();
}

const SocketIo::SocketIoSocket *socketOf(const Core::DeliveryHub &hub,
                                         const Core::ChannelInfo &channel)
{
    for (const SocketIo::SocketIoSocket *candidate : Messaging::socketsOf(hub, channel.userId)) {
        if (candidate->id() == channel.linkId)
            return candidate;
    }
    return nullptr;
}

QJsonArray channelsJson(const QList<Core::ChannelInfo> &channels)
{
    QJsonArray rows;
    for (const Core::ChannelInfo &channel : channels) {
        QJsonObject json = queueStatsJson(channel.queue);
        json.insert(u"socketId"_s, channel.linkId);
        json.insert(u"userId"_s, channel.userId);
        json.insert(u"deviceId"_s, channel.deviceId);
        json.insert(u"cursor"_s, channel.cursor);
        json.insert(u"catchingUp"_s, channel.catchingUp);
        rows.append(json);
    }
    return rows;
}

//! One row per user: the sums over the user's channels, the oldest wait and the lowest cursor.
QJsonArray usersJson(const Core::DeliveryHub &hub, const QList<Core::ChannelInfo> &channels)
{
    struct UserRow
    {
        int devices = 0;
        Core::QueueStats queue;
        qint64 minCursor = 0;
    };
    QList<int> order; // first appearance, so the rows keep a stable order
    QHash<int, UserRow> rows;
    for (const Core::ChannelInfo &channel : channels) {
        auto found = rows.find(channel.userId);
        if (found == rows.end()) {
            order.append(channel.userId);
            found = rows.insert(channel.userId, { 0, {}, channel.cursor });
        }
        UserRow &row = found.value();
        ++row.devices;
        const qint64 oldest = std::max(row.queue.oldestWaitingMs, channel.queue.oldestWaitingMs);
        row.queue += channel.queue;
        row.queue.oldestWaitingMs = oldest;
        row.minCursor = std::min(row.minCursor, channel.cursor);
    }
    QJsonArray users;
    for (int userId : order) {
        const UserRow &row = rows[userId];
        const QList<SocketIo::SocketIoSocket *> sockets = Messaging::socketsOf(hub, userId);
        QJsonObject json = queueStatsJson(row.queue);
        json.insert(u"userId"_s, userId);
        json.insert(u"account"_s, sockets.isEmpty() ? QString() : accountOf(*sockets.first()));
        json.insert(u"devices"_s, row.devices);
        json.insert(u"minCursor"_s, row.minCursor);
        users.append(json);
    }
    return users;
}

QJsonObject writerJson(const Core::WriterStats &writer)
{
    return QJsonObject {
        { u"waiting"_s, writer.waiting },
        { u"inBatch"_s, writer.inBatch },
        { u"batches"_s, writer.batches },
        { u"messages"_s, writer.messages },
        { u"failedBatches"_s, writer.failedBatches },
        { u"lastBatchSize"_s, writer.lastBatchSize },
        { u"largestBatch"_s, writer.largestBatch },
        { u"lastCommitMs"_s, writer.lastCommitMs },
    };
}

} // namespace

QJsonObject queueStatsJson(const Core::QueueStats &stats)
{
    return QJsonObject {
        { u"queued"_s, stats.queued },   { u"inFlight"_s, stats.inFlight },
        { u"pushed"_s, stats.pushed },   { u"acked"_s, stats.acked },
        { u"failed"_s, stats.failed },   { u"timedOut"_s, stats.timedOut },
        { u"retried"_s, stats.retried }, { u"oldestWaitingMs"_s, stats.oldestWaitingMs },
    };
}

QJsonArray sessionsJson(const Core::DeliveryHub &hub, const SocketIo::EngineIoServer &engine)
{
    return sessionRows(hub, engine, std::numeric_limits<qsizetype>::max()).rows;
}

SessionRows sessionRows(const Core::DeliveryHub &hub, const SocketIo::EngineIoServer &engine,
                        qsizetype maxRows)
{
    QList<QJsonObject> sessions;
    for (const Core::ChannelInfo &channel : hub.channels()) {
        const SocketIo::SocketIoSocket *socket = socketOf(hub, channel);
        const SocketIo::EngineIoSession *session =
            socket ? engine.session(socket->engineSessionId()) : nullptr;
        if (!session)
            continue;
        const SocketIo::SessionInfo info = session->info();
        sessions.append(QJsonObject {
            { u"sid"_s, info.sid },
            { u"socketId"_s, channel.linkId },
            { u"userId"_s, channel.userId },
            { u"account"_s, accountOf(*socket) },
            { u"deviceId"_s, channel.deviceId },
            { u"transport"_s,
              info.transport == SocketIo::TransportKind::WebSocket ? u"websocket"_s
                                                                   : u"polling"_s },
            { u"remoteAddress"_s, info.remoteAddress.toString() },
            { u"connectedSince"_s, wireTime(info.connectedSince) },
            { u"lastActivity"_s, wireTime(info.lastPacketAt) },
            // The engine's own ack count covers only engine-level acks: the channel's is the truth.
            { u"pendingAcks"_s, qint64(channel.queue.inFlight) },
            { u"bufferedBytes"_s, info.bufferedBytes },
        });
    }
    SessionRows result;
    result.total = sessions.size();
    if (sessions.size() > maxRows) {
        const auto weight = [](const QJsonObject &row) {
            return std::pair(row.value(u"pendingAcks"_s).toInteger(),
                             row.value(u"bufferedBytes"_s).toInteger());
        };
        std::stable_sort(sessions.begin(), sessions.end(),
                         [&weight](const QJsonObject &a, const QJsonObject &b) {
                             return weight(a) > weight(b);
                         });
        sessions.resize(maxRows);
    }
    for (const QJsonObject &row : std::as_const(sessions))
        result.rows.append(row);
    return result;
}

QJsonObject queuesJson(const QueueSources &sources, RateHistory rates)
{
    const QList<Core::ChannelInfo> channels = sources.hub.channels();
    QJsonObject queues {
        { u"totals"_s, queueStatsJson(sources.hub.totals()) },
        { u"channels"_s, channelsJson(channels) },
        { u"users"_s, usersJson(sources.hub, channels) },
        { u"writer"_s, writerJson(sources.writer.stats()) },
        { u"notifications"_s, notificationsJson(sources.notifications) },
    };
    if (rates == RateHistory::Included)
        queues.insert(u"rates"_s, sources.recorder.toJson());
    return queues;
}

QJsonObject notificationsJson(const Messaging::NotificationPusher &notifications)
{
    return QJsonObject { { u"pushed"_s, notifications.pushed() },
                         { u"acknowledged"_s, notifications.acknowledged() } };
}

QJsonObject connectionsJson(const Core::DeliveryHub &hub, const SocketIo::EngineIoServer &engine)
{
    int websocket = 0;
    int polling = 0;
    for (const SocketIo::EngineIoSession *session : engine.sessions()) {
        if (!session->isOpen())
            continue;
        if (session->transport() == SocketIo::TransportKind::WebSocket)
            ++websocket;
        else
            ++polling;
    }
    const QList<Core::ChannelInfo> channels = hub.channels();
    QSet<int> users;
    for (const Core::ChannelInfo &channel : channels)
        users.insert(channel.userId);
    return QJsonObject {
        { u"sessions"_s, websocket + polling },
        { u"websocket"_s, websocket },
        { u"polling"_s, polling },
        { u"sockets"_s, channels.size() },
        { u"users"_s, users.size() },
    };
}

} // namespace Im::AdminApi
