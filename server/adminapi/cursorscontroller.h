#pragma once

#include "adminapi/userresolver.h"
#include "auth/authservice.h"
#include "http/restcontroller.h"

namespace Im::Core {
class DeliveryHub;
}

namespace Im::Store {
class DbExecutor;
}

namespace Im::AdminApi {

//! Delivery and read cursors for holders of the `adminConsole` permission:
//! `GET /api/v1/admin/users/:id/cursors` (`:id` an id or an account, see UserRef) shows one user's
//! devices (cursor, messages above it,
//! online), conversations (newest message, read position) and the device × conversation table;
//! `GET /api/v1/admin/cursors/lagging?limit=N` ranks the devices with the most messages above
//! their cursor. Live channels' cursors count even before they are written.
class CursorsController : public Http::RestController
{
public:
    CursorsController(Auth::AuthService &auth, Store::DbExecutor &database,
                      const Core::DeliveryHub &hub, QObject *parent = nullptr);

    void registerRoutes(Http::Router &router) override;

private:
    [[nodiscard]] QFuture<Http::HttpResponse> userCursors(const UserRef &user);
    [[nodiscard]] QFuture<Http::HttpResponse> lagging(int limit);

    Store::DbExecutor &m_database;
    const Core::DeliveryHub &m_hub;
};

} // namespace Im::AdminApi
