#pragma once

#include "adminapi/adminjson.h"
#include "auth/authservice.h"
#include "http/restcontroller.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QPointer>

namespace Im::Store {
class DbExecutor;
}

namespace Im::AdminApi {

//! `GET /api/v1/admin/overview` for holders of the `adminConsole` permission: version, uptime,
//! start time, instance id and node (ServerIdentity), database and Redis health, connections, and
//! the message, delivery and notification counters since start.
class OverviewController : public Http::RestController
{
public:
    OverviewController(Auth::AuthService &auth, Store::DbExecutor &database, QueueSources sources,
                       SocketIo::EngineIoServer &engine, QObject *parent = nullptr);

    void registerRoutes(Http::Router &router) override;

private:
    [[nodiscard]] QFuture<Http::HttpResponse> overview();

    Store::DbExecutor &m_database;
    const QueueSources m_sources;
    QPointer<SocketIo::EngineIoServer> m_engine;
    QElapsedTimer m_uptime;
};

} // namespace Im::AdminApi
