#pragma once

#include "http/router.h"
#include "store/dbexecutor.h"

#include <QElapsedTimer>
#include <QObject>

namespace Im::Http {

//! `GET /api/v1/health`: whether the server can reach its database (with the round-trip time),
//! its version and uptime. HTTP 200 when healthy, 503 with the same body when not, so monitors can
//! use the status alone.
class HealthController : public QObject
{
public:
    HealthController(Store::DbExecutor &database, QObject *parent = nullptr);

    void registerRoutes(Router &router);

private:
    QFuture<HttpResponse> health();

    Store::DbExecutor &m_database;
    QElapsedTimer m_uptime;
};

} // namespace Im::Http
