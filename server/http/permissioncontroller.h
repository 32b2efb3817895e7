#pragma once

#include "auth/authservice.h"
#include "http/restcontroller.h"

#include <functional>
#include <optional>

namespace Im::Store {
class DbExecutor;
}

namespace Im::Cache {
class ApiCache;
}

namespace Im::Http {

//! `/api/v1/permission`: creating permissions and roles and giving a user a role (spec §8.3), with
//! the port's fixes: every route needs the `permissionManage` permission (D-07), role/set is
//! implemented (D-08), unexpected errors are 500 rather than an empty 200 (D-09), and a role's
//! dates each come from their own column (D-15).
class PermissionController : public RestController
{
public:
    PermissionController(Auth::AuthService &auth, Store::DbExecutor &database,
                         Cache::ApiCache &cache, QObject *parent = nullptr);

    void registerRoutes(Router &router) override;

private:
    QFuture<HttpResponse> createPermission(const HttpRequest &request);
    QFuture<HttpResponse> createRole(const HttpRequest &request);
    QFuture<HttpResponse> setRole(const HttpRequest &request);

    Auth::AuthService &m_auth; //!< told of every change, so the next request sees it
    Store::DbExecutor &m_database;
    Cache::ApiCache &m_cache; //!< a role change shows in the user's cached answers
};

} // namespace Im::Http
