#pragma once

#include "http/router.h"
#include "store/dbexecutor.h"

#include <QElapsedTimer>
#include <QObject>

namespace Im::Http {

//! `GET /api/v1/health` (liveness): whether the server can reach its database (with the round-trip
//! time), its version and uptime. HTTP 200 when healthy, 503 with the same body when not, so
//! monitors can use the status alone.
//!
//! `GET /api/v1/health/ready` (readiness, for orchestrators and load balancers): 200 only when the
//! database answers and its schema is at the version this binary expects; 503 otherwise, and
//! while the server drains (every request gets 503 then).
class HealthController : public QObject
{
public:
    HealthController(Store::DbExecutor &database, QObject *parent = nullptr);

    void registerRoutes(Router &router);

private:
    QFuture<HttpResponse> health();
    QFuture<HttpResponse> readiness();

    Store::DbExecutor &m_database;
    QElapsedTimer m_uptime;
};

} // namespace Im::Http
