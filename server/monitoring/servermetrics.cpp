#include "monitoring/servermetrics.h"

#include "auth/authservice.h"
#include "http/httpserver.h"
#include "im/deliveryhub.h"
#include "im/messagewriter.h"
#include "im/version.h"
#include "metrics/processmetrics.h"
#include "metrics/registry.h"
#include "socketio/engineioserver.h"
#include "socketio/engineiosession.h"
#include "store/dbexecutor.h"

using namespace Qt::StringLiterals;

namespace Im::Monitoring {

namespace {

using Metrics::MetricType;
using Metrics::Series;

// Series of one label, in the order given (every value listed, so none appears only later).
QList<Series> labelled(const QByteArray &label, const QList<std::pair<QString, double>> &values)
{
    QList<Series> series;
    for (const auto &[value, number] : values) {
        Series one;
        one.labels = { { label, value } };
        one.value = number;
        series.append(std::move(one));
    }
    return series;
}

void addHttp(Metrics::Registry &registry, const Http::HttpServer &http)
{
    registry.add("im_http_requests_total",
                 "HTTP requests answered, by method, route pattern (unmatched: no route) and "
                 "status code.",
                 http.metrics().requests());
    registry.add("im_http_request_duration_seconds",
                 "Seconds from a complete HTTP request to its answer, by method and route pattern.",
                 http.metrics().durations());
    registry.addValue(
        "im_http_open_connections",
        "Open connections of the front door (HTTP, and WebSockets after their upgrade).",
        MetricType::Gauge, [&http] { return double(http.openConnections()); });
    registry.addValue("im_http_in_flight_requests", "HTTP requests being handled.",
                      MetricType::Gauge, [&http] { return double(http.inFlightRequests()); });
}

void addSocketIo(Metrics::Registry &registry, const SocketIo::EngineIoServer &engine,
                 const Core::DeliveryHub &hub)
{
    registry.add("im_socketio_connections",
                 "Open Engine.IO sessions by transport (polling, websocket).", MetricType::Gauge,
                 [&engine] {
                     double polling = 0;
                     double webSocket = 0;
                     for (const SocketIo::EngineIoSession *session : engine.sessions()) {
                         if (session->transport() == SocketIo::TransportKind::WebSocket)
                             ++webSocket;
                         else
                             ++polling;
                     }
                     return labelled("transport",
                                     { { u"polling"_s, polling }, { u"websocket"_s, webSocket } });
                 });
    registry.addValue("im_socketio_authenticated_sockets",
                      "Chat sockets past authentication (one per device), receiving deliveries.",
                      MetricType::Gauge, [&hub] { return double(hub.channelCount()); });
    registry.addValue("im_socketio_sessions_opened_total", "Engine.IO sessions opened.",
                      MetricType::Counter,
                      [&engine] { return double(engine.counters().sessionsOpened); });
    registry.addValue("im_socketio_upgrades_total",
                      "Engine.IO sessions upgraded from polling to WebSocket.", MetricType::Counter,
                      [&engine] { return double(engine.counters().upgrades); });
    registry.addValue("im_socketio_slow_consumers_closed_total",
                      "Sessions closed because their client did not read what was sent.",
                      MetricType::Counter,
                      [&engine] { return double(engine.counters().slowConsumersClosed); });
}

void addMessaging(Metrics::Registry &registry, const Core::DeliveryHub &hub,
                  const Core::MessageWriter &writer)
{
    using Core::QueueStats;
    const auto fromHub = [&registry, &hub](const QByteArray &name, const QByteArray &help,
                                           MetricType type, auto field) {
        registry.addValue(name, help, type, [&hub, field] { return double(hub.totals().*field); });
    };
    fromHub("im_delivery_pushes_total", "Messages pushed to devices (retries included).",
            MetricType::Counter, &QueueStats::pushed);
    fromHub("im_delivery_acks_total", "Pushes acknowledged by the device with status 200.",
            MetricType::Counter, &QueueStats::acked);
    fromHub("im_delivery_rejected_acks_total",
            "Pushes acknowledged with another status than 200 (retried).", MetricType::Counter,
            &QueueStats::failed);
    fromHub("im_delivery_retries_total", "Pushes that were a retry of an earlier one.",
            MetricType::Counter, &QueueStats::retried);
    fromHub("im_delivery_timeouts_total", "Pushes whose ack did not come in time (retried).",
            MetricType::Counter, &QueueStats::timedOut);
    fromHub("im_delivery_queued_messages",
            "Messages waiting for a free window slot or a retry, over every device.",
            MetricType::Gauge, &QueueStats::queued);
    fromHub("im_delivery_in_flight_messages", "Pushes awaiting their ack, over every device.",
            MetricType::Gauge, &QueueStats::inFlight);
    registry.add("im_delivery_ack_duration_seconds", "Seconds from a push to the device's ack 200.",
                 hub.latency().pushToAck);
    registry.add("im_delivery_send_to_ack_duration_seconds",
                 "Seconds from a committed message reaching a live device channel to that device's "
                 "ack 200, retries included.",
                 hub.latency().sendToAck);
    registry.add("im_delivery_send_to_push_duration_seconds",
                 "Seconds from a committed message reaching a live device channel to its first "
                 "push.",
                 hub.latency().sendToPush);

    registry.addValue("im_messages_stored_total", "Chat messages committed to the database.",
                      MetricType::Counter, [&writer] { return double(writer.stats().messages); });
    registry.addValue("im_message_write_batches_total", "Message write transactions finished.",
                      MetricType::Counter, [&writer] { return double(writer.stats().batches); });
    registry.addValue("im_message_write_failures_total",
                      "Message write transactions that failed (their senders got an error).",
                      MetricType::Counter,
                      [&writer] { return double(writer.stats().failedBatches); });
    registry.addValue("im_message_writer_waiting_messages",
                      "Messages queued for the next write transaction.", MetricType::Gauge,
                      [&writer] { return double(writer.stats().waiting); });
    registry.addValue("im_message_writer_in_batch_messages",
                      "Messages in the write transaction being committed.", MetricType::Gauge,
                      [&writer] { return double(writer.stats().inBatch); });
    registry.addValue("im_message_writer_refused_total",
                      "Messages answered 503 because CHAT_WRITER_MAX_WAITING were waiting.",
                      MetricType::Counter, [&writer] { return double(writer.stats().refused); });
    registry.add("im_message_commit_duration_seconds",
                 "Seconds from a write batch's submission to its committed outcome.",
                 writer.commitSeconds());
    registry.add("im_message_write_batch_messages", "Messages per write transaction.",
                 writer.batchSizes());
}

void addDatabase(Metrics::Registry &registry, const Store::DbExecutor &database)
{
    registry.add("im_db_pool_wait_seconds",
                 "Seconds a database job waited for a free worker connection.",
                 database.metrics().poolWait);
    registry.add("im_db_errors_total",
                 "Database errors by kind: connection (could not open, or lost during a job), "
                 "statement (refused for another reason than a duplicate key).",
                 MetricType::Counter, [&database] {
                     const Store::DbMetrics &metrics = database.metrics();
                     return labelled(
                         "kind",
                         { { u"connection"_s, double(metrics.connectionErrors.value()) },
                           { u"statement"_s, double(metrics.statementErrors.value()) } });
                 });
    registry.addValue("im_db_queued_jobs", "Database jobs waiting for a worker.", MetricType::Gauge,
                      [&database] { return double(database.queuedJobs()); });
    registry.addValue("im_db_refused_jobs_total",
                      "Database jobs refused with 503 because DB_MAX_QUEUED_JOBS were waiting.",
                      MetricType::Counter, [&database] { return double(database.refusedJobs()); });
}

void addAuth(Metrics::Registry &registry, const Auth::AuthService &auth)
{
    registry.add("im_login_attempts_total",
                 "Finished logins by outcome: success, bad_credentials, throttled, unavailable, "
                 "error.",
                 auth.metrics().loginAttempts());
    registry.add("im_throttled_requests_total",
                 "Requests refused by a throttle (429), by kind: login, signup.",
                 auth.metrics().throttled());
}

} // namespace

void registerServerMetrics(Metrics::Registry &registry, const MetricSources &sources)
{
    registry.add("im_build_info", "Always 1; the running version in its label.", MetricType::Gauge,
                 [] {
                     return labelled("version", { { versionString(), 1 } });
                 });
    addHttp(registry, sources.http);
    addSocketIo(registry, sources.engine, sources.hub);
    addMessaging(registry, sources.hub, sources.writer);
    addDatabase(registry, sources.database);
    addAuth(registry, sources.auth);
    Metrics::addProcessMetrics(registry);
}

} // namespace Im::Monitoring
