#include "adminapi/queuescontroller.h"

#include "http/envelope.h"
#include "http/fieldrules.h"
#include "messaging/deliveryhub.h"
#include "messaging/messagewriter.h"
#include "messaging/notificationpusher.h"
#include "store/seeder.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace Im::AdminApi {

namespace {

QJsonObject queueJson(const Messaging::QueueStats &stats)
{
    return QJsonObject {
        { u"queued"_s, stats.queued },   { u"inFlight"_s, stats.inFlight },
        { u"pushed"_s, stats.pushed },   { u"acked"_s, stats.acked },
        { u"failed"_s, stats.failed },   { u"timedOut"_s, stats.timedOut },
        { u"retried"_s, stats.retried }, { u"oldestWaitingMs"_s, stats.oldestWaitingMs },
    };
}

} // namespace

QueuesController::QueuesController(Auth::AuthService &auth, const Messaging::DeliveryHub &hub,
                                   const Messaging::MessageWriter &writer,
                                   const Messaging::NotificationPusher &notifications,
                                   QObject *parent)
    : QObject(parent)
    , m_hub(hub)
    , m_writer(writer)
    , m_notifications(notifications)
    , m_guard(auth, this)
{ }

void QueuesController::registerRoutes(Http::Router &router)
{
    router.add(Http::HttpRequest::Method::Get, u"/api/v1/admin/queues"_s,
               m_guard.protect(
                   [this](const Http::HttpRequest &, const Auth::UserContext &) {
                       return Http::ready(Http::Envelope::success(snapshot()));
                   },
                   Store::Permission::AdminConsole));
}

QJsonObject QueuesController::snapshot() const
{
    QJsonArray channels;
    for (const Messaging::ChannelInfo &channel : m_hub.channels()) {
        QJsonObject json = queueJson(channel.queue);
        json.insert(u"socketId"_s, channel.socketId);
        json.insert(u"userId"_s, channel.userId);
        json.insert(u"deviceId"_s, channel.deviceId);
        json.insert(u"cursor"_s, channel.cursor);
        json.insert(u"catchingUp"_s, channel.catchingUp);
        channels.append(json);
    }
    const Messaging::WriterStats writer = m_writer.stats();
    return QJsonObject {
        { u"totals"_s, queueJson(m_hub.totals()) },
        { u"channels"_s, channels },
        { u"writer"_s,
          QJsonObject { { u"waiting"_s, writer.waiting },
                        { u"inBatch"_s, writer.inBatch },
                        { u"batches"_s, writer.batches },
                        { u"messages"_s, writer.messages },
                        { u"failedBatches"_s, writer.failedBatches },
                        { u"lastBatchSize"_s, writer.lastBatchSize },
                        { u"largestBatch"_s, writer.largestBatch },
                        { u"lastCommitMs"_s, writer.lastCommitMs } } },
        { u"notifications"_s,
          QJsonObject { { u"pushed"_s, m_notifications.pushed() },
                        { u"acknowledged"_s, m_notifications.acknowledged() } } },
    };
}

} // namespace Im::AdminApi
