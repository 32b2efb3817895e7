#include "http/healthcontroller.h"

#include "http/databaseprobe.h"
#include "http/envelope.h"
#include "im/futures.h"
#include "im/version.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Im::Http {

HealthController::HealthController(Store::DbExecutor &database, QObject *parent)
    : QObject(parent)
    , m_database(database)
{
    m_uptime.start();
}

void HealthController::registerRoutes(Router &router)
{
    router.add(HttpRequest::Method::Get, u"/api/v1/health"_s,
               [this](const HttpRequest &) { return health(); });
}

QFuture<HttpResponse> HealthController::health()
{
    return thenOn(probeDatabase(m_database, this), this, [this](const DatabaseHealth &database) {
        const QJsonObject data {
            { u"status"_s, database.up ? u"ok"_s : u"degraded"_s },
            { u"version"_s, versionString() },
            { u"uptimeSeconds"_s, m_uptime.elapsed() / 1000 },
            { u"database"_s, database.json },
            // The single-node server uses no Redis; the scale-out work reports it here.
            { u"redis"_s, QJsonObject { { u"status"_s, u"disabled"_s } } },
        };
        return database.up ? Envelope::success(data)
                           : Envelope::failure(503, u"Database unavailable"_s, data);
    });
}

} // namespace Im::Http
