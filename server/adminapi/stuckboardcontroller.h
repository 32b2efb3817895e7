#pragma once

#include "auth/authservice.h"
#include "http/restcontroller.h"

namespace Im::Core {
class DeliveryHub;
}

namespace Im::Store {
class DbExecutor;
}

namespace Im::AdminApi {

//! The stuck-delivery board for holders of the `adminConsole` permission:
//! `GET /api/v1/admin/cursors/stuck?limit=N` lists every device with messages waiting above its
//! delivery cursor, online or offline, acked ever or not, the oldest waiting message first, with
//! the live channel's queue (online) or the hub's record of its last channels (offline).
class StuckBoardController : public Http::RestController
{
public:
    StuckBoardController(Auth::AuthService &auth, Store::DbExecutor &database,
                         const Core::DeliveryHub &hub, QObject *parent = nullptr);

    void registerRoutes(Http::Router &router) override;

private:
    [[nodiscard]] QFuture<Http::HttpResponse> board(int limit);

    Store::DbExecutor &m_database;
    const Core::DeliveryHub &m_hub;
};

} // namespace Im::AdminApi
