#pragma once

#include <QJsonArray>
#include <QJsonObject>

namespace Im::Core {
struct QueueStats;
class DeliveryHub;
class MessageWriter;
} // namespace Im::Core
namespace Im::Messaging {
class NotificationPusher;
} // namespace Im::Messaging

namespace Im::SocketIo {
class EngineIoServer;
}

namespace Im::AdminApi {

class MetricsRecorder;

//! What the queue figures are read from.
struct QueueSources
{
    const Core::DeliveryHub &hub;
    const Core::MessageWriter &writer;
    const Messaging::NotificationPusher &notifications;
    const MetricsRecorder &recorder;
};

//! The admin API's answers, built in one place for its REST routes and its `/admin` live feed.

//! `{queued, inFlight, pushed, acked, failed, timedOut, retried, oldestWaitingMs}`.
[[nodiscard]] QJsonObject queueStatsJson(const Core::QueueStats &stats);

//! Every delivering socket with its Engine.IO session: the `GET /admin/sessions` array.
//! `pendingAcks` is the channel's pushes awaiting their ack (in flight).
[[nodiscard]] QJsonArray sessionsJson(const Core::DeliveryHub &hub,
                                      const SocketIo::EngineIoServer &engine);

//! sessionsJson() cut to \a maxRows rows, those with the most pending acks (then buffered bytes)
//! kept when it is cut, and how many rows there were.
struct SessionRows
{
    QJsonArray rows;
    qsizetype total = 0;
};
[[nodiscard]] SessionRows sessionRows(const Core::DeliveryHub &hub,
                                      const SocketIo::EngineIoServer &engine, qsizetype maxRows);

//! Whether a queues object carries the 15-minute rate history. The feed leaves it out: it sends
//! each new sample on its own, and the history would otherwise travel every second.
enum class RateHistory { Included, Left };

//! Totals, per socket, per user, the writer, notifications and (when asked) the rates: the
//! `GET /admin/queues` object.
[[nodiscard]] QJsonObject queuesJson(const QueueSources &sources, RateHistory rates);

//! `{pushed, acknowledged}`: the notification pushes since start.
[[nodiscard]] QJsonObject notificationsJson(const Messaging::NotificationPusher &notifications);

//! `{sessions, websocket, polling, sockets, users}`: Engine.IO sessions by transport, delivering
//! sockets and the distinct users behind them.
[[nodiscard]] QJsonObject connectionsJson(const Core::DeliveryHub &hub,
                                          const SocketIo::EngineIoServer &engine);

} // namespace Im::AdminApi
