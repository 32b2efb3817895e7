#pragma once

#include "auth/authservice.h"
#include "http/restcontroller.h"

#include <QPointer>

namespace Im::Core {
class DeliveryHub;
}

namespace Im::SocketIo {
class EngineIoServer;
}

namespace Im::Store {
class DbExecutor;
}

namespace Im::AdminApi {

//! The live Socket.IO sessions for holders of the `adminConsole` permission:
//! `GET /api/v1/admin/sessions` lists every delivering socket with its user, device, transport,
//! remote address, connected since, last activity, pending acks and buffered bytes;
//! `DELETE /api/v1/admin/sessions/:sid` closes one Engine.IO session and
//! `DELETE /api/v1/admin/users/:id/sessions` every session of a user; with `?revoke=true` it also
//! ends every login of the user (their tokens stop working, so the client cannot come back);
//! `POST /api/v1/admin/users/:id/revoke-sessions` is that revoke under its own name. `:id` is an
//! id or an account (see UserRef).
class SessionsController : public Http::RestController
{
public:
    SessionsController(Auth::AuthService &auth, Store::DbExecutor &database,
                       const Core::DeliveryHub &hub, SocketIo::EngineIoServer &engine,
                       QObject *parent = nullptr);

    void registerRoutes(Http::Router &router) override;

private:
    [[nodiscard]] Http::HttpResponse closeSession(const QString &sid);
    [[nodiscard]] Http::HttpResponse closeUser(int userId);
    [[nodiscard]] QFuture<Http::HttpResponse> revokeUser(int userId);

    Auth::AuthService &m_auth;
    Store::DbExecutor &m_database;
    const Core::DeliveryHub &m_hub;
    QPointer<SocketIo::EngineIoServer> m_engine;
};

} // namespace Im::AdminApi
