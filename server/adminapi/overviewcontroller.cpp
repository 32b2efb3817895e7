#include "adminapi/overviewcontroller.h"

#include "adminapi/serveridentity.h"
#include "http/databaseprobe.h"
#include "http/envelope.h"
#include "im/deliveryhub.h"
#include "im/futures.h"
#include "im/messagewriter.h"
#include "im/version.h"
#include "socketio/engineioserver.h"
#include "store/seeder.h"

using namespace Qt::StringLiterals;

namespace Im::AdminApi {

OverviewController::OverviewController(Auth::AuthService &auth, Store::DbExecutor &database,
                                       QueueSources sources, SocketIo::EngineIoServer &engine,
                                       QObject *parent)
    : RestController(auth, parent)
    , m_database(database)
    , m_sources(sources)
    , m_engine(&engine)
{
    m_uptime.start();
}

void OverviewController::registerRoutes(Http::Router &router)
{
    addGuarded(
        router, Http::HttpRequest::Method::Get, u"/api/v1/admin/overview"_s,
        [this](const Http::HttpRequest &, const Auth::UserContext &) { return overview(); },
        Store::Permission::AdminConsole);
}

QFuture<Http::HttpResponse> OverviewController::overview()
{
    return thenOn(Http::probeDatabase(m_database, this), this,
                  [this](const Http::DatabaseHealth &database) {
                      const Core::WriterStats writer = m_sources.writer.stats();
                      QJsonObject delivery = queueStatsJson(m_sources.hub.totals());
                      delivery.remove(u"oldestWaitingMs"_s);
                      // Answered even when the database is down: the console shows that.
                      return Http::Envelope::success(QJsonObject {
                          { u"version"_s, versionString() },
                          { u"uptimeSeconds"_s, m_uptime.elapsed() / 1000 },
                          { u"startedAt"_s,
                            ServerIdentity::process().startedAt().toString(Qt::ISODateWithMs) },
                          // New on every start: the console marks a restart when it changes.
                          { u"instanceId"_s, ServerIdentity::process().instanceId() },
                          { u"node"_s, ServerIdentity::process().node() },
                          { u"database"_s, database.json },
                          // The single-node server uses no Redis.
                          { u"redis"_s, QJsonObject { { u"status"_s, u"disabled"_s } } },
                          { u"connections"_s,
                            m_engine ? connectionsJson(m_sources.hub, *m_engine) : QJsonObject() },
                          { u"messages"_s,
                            QJsonObject { { u"stored"_s, writer.messages },
                                          { u"batches"_s, writer.batches },
                                          { u"failedBatches"_s, writer.failedBatches } } },
                          { u"delivery"_s, delivery },
                          { u"notifications"_s, notificationsJson(m_sources.notifications) },
                      });
                  });
}

} // namespace Im::AdminApi
