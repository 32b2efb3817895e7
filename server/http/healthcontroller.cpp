#include "http/healthcontroller.h"

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
    const bool sqlite = m_database.settings().dialect == Store::Dialect::Sqlite;
    auto probe = m_database.run<qint64>(
        [](Store::DbSession &session) -> Result<qint64> {
            QElapsedTimer timer;
            timer.start();
            if (auto done = session.scalar(u"SELECT 1"_s); !done)
                return done.error();
            return timer.nsecsElapsed();
        },
        Store::Retry::OnConnectionLoss);
    return thenOn(probe, this, [this, sqlite](Result<qint64> outcome) {
        QJsonObject database { { u"driver"_s, sqlite ? u"sqlite"_s : u"mariadb"_s } };
        if (outcome) {
            database.insert(u"status"_s, u"up"_s);
            database.insert(u"latencyMs"_s, double(outcome.value()) / 1e6);
        } else {
            database.insert(u"status"_s, u"down"_s);
        }
        const QJsonObject data {
            { u"status"_s, outcome ? u"ok"_s : u"degraded"_s },
            { u"version"_s, versionString() },
            { u"uptimeSeconds"_s, m_uptime.elapsed() / 1000 },
            { u"database"_s, database },
            // The single-node server uses no Redis; the scale-out work reports it here.
            { u"redis"_s, QJsonObject { { u"status"_s, u"disabled"_s } } },
        };
        return outcome ? Envelope::success(data)
                       : Envelope::failure(503, u"Database unavailable"_s, data);
    });
}

} // namespace Im::Http
