#pragma once

#include "auth/authservice.h"
#include "http/restcontroller.h"

namespace Im::Core {
class AccessService;
}

namespace Im::Http {

//! `/api/v1/permission`: creating permissions and roles and giving a user a role (spec §8.3), with
//! the port's fixes: every route needs the `permissionManage` permission (D-07), role/set is
//! implemented (D-08), unexpected errors are 500 rather than an empty 200 (D-09), and a role's
//! dates each come from their own column (D-15). The rules are AccessService's: this decodes the
//! request, calls it and writes its answer.
class PermissionController : public RestController
{
public:
    PermissionController(Auth::AuthService &auth, Core::AccessService &access,
                         QObject *parent = nullptr);

    void registerRoutes(Router &router) override;

private:
    QFuture<HttpResponse> createPermission(const HttpRequest &request);
    QFuture<HttpResponse> createRole(const HttpRequest &request);
    QFuture<HttpResponse> setRole(const HttpRequest &request);

    Core::AccessService &m_access;
};

} // namespace Im::Http
