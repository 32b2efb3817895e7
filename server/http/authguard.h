#pragma once

#include "auth/authservice.h"
#include "http/httprequest.h"
#include "http/httpresponse.h"

#include <QFuture>
#include <QObject>

#include <functional>

namespace Im::Http {

//! The original's global JwtAuthGuard (+ RolesGuard) for one route: resolves `userid` +
//! `authorization` to a user, answers 401 `Unauthorized` (or 403 `Forbidden resource` without the
//! required permission) itself, and otherwise runs the handler with the user.
class AuthGuard
{
public:
    using Handler =
        std::function<QFuture<HttpResponse>(const HttpRequest &, const Auth::UserContext &)>;

    AuthGuard(Auth::AuthService &auth, QObject *context);

    //! Wraps \a handler; when \a permissionId is set the user must hold that permission.
    [[nodiscard]] std::function<QFuture<HttpResponse>(const HttpRequest &)>
    protect(Handler handler, std::optional<int> permissionId = std::nullopt) const;

private:
    Auth::AuthService &m_auth;
    QObject *m_context;
};

} // namespace Im::Http
