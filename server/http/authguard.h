#pragma once

#include "auth/authservice.h"
#include "http/httprequest.h"
#include "http/httpresponse.h"
#include "http/router.h"

#include <QFuture>
#include <QObject>

#include <functional>
#include <variant>

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

    //! What a route requires beyond a session: a permission by id (the original's numbered
    //! permissions) or by name (the port's own).
    using Requirement = std::variant<std::monostate, int, QLatin1StringView>;

    //! Wraps \a handler; the user must meet \a requirement. The same check also runs on the head
    //! of a request with a large body, before the body is read.
    [[nodiscard]] GuardedHandler protect(Handler handler, Requirement requirement = {}) const;

private:
    Auth::AuthService &m_auth;
    QObject *m_context;
};

} // namespace Im::Http
