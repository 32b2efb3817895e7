#include "http/healthcontroller.h"

#include "http/databaseprobe.h"
#include "http/envelope.h"
#include "im/futures.h"
#include "im/version.h"
#include "store/migration.h"
#include "store/migrator.h"

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
    router.add(HttpRequest::Method::Get, u"/api/v1/health/ready"_s,
               [this](const HttpRequest &) { return readiness(); });
}

QFuture<HttpResponse> HealthController::readiness()
{
    struct Schema
    {
        int current = 0;
        int expected = 0;
    };
    QFuture<Result<Schema>> schema = m_database.run<Schema>(
        [](Store::DbSession &session) -> Result<Schema> {
            const QList<int> versions = Store::versionsOf(Store::migrationsFor(session.dialect()));
            const Result<int> current = Store::Migrator(session).currentVersion();
            if (!current)
                return current.error();
            return Schema { current.value(), versions.isEmpty() ? 0 : versions.last() };
        },
        Store::Retry::OnConnectionLoss);
    return thenOn(schema, this, [](const Result<Schema> &found) {
        if (!found)
            return Envelope::failure(503, u"Database unavailable"_s);
        const QJsonObject data { { u"schemaVersion"_s, found->current },
                                 { u"expectedSchemaVersion"_s, found->expected } };
        if (found->current != found->expected)
            return Envelope::failure(503, u"Database schema is not at the expected version"_s,
                                     data);
        return Envelope::success(data);
    });
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
