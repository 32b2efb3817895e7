#pragma once

#include "http/authguard.h"
#include "http/router.h"

#include <QObject>

#include <type_traits>

namespace Im::Http {

//! The base of a REST controller: it owns the auth guard and wires a route to a member function
//! in one line, so a controller lists its routes and keeps its policy in services and its SQL in
//! the store. A guarded handler takes (request, user), (user), (request) or nothing.
class RestController : public QObject
{
public:
    using Requirement = AuthGuard::Requirement;

    //! Adds the controller's routes to \a router.
    virtual void registerRoutes(Router &router) = 0;

protected:
    RestController(Auth::AuthService &auth, QObject *parent);

    //! Adds a route that only a signed-in user meeting \a requirement reaches, answered by the
    //! derived controller's member function \a handler.
    template<typename Controller, typename Handler>
    void addGuarded(Router &router, HttpRequest::Method method, const QString &path,
                    Handler Controller::*handler, Requirement requirement = {})
    {
        static_assert(std::is_base_of_v<RestController, Controller>);
        auto *self = static_cast<Controller *>(this);
        using Member = Handler Controller::*;
        addGuarded(
            router, method, path,
            [self, handler]([[maybe_unused]] const HttpRequest &request,
                            [[maybe_unused]] const Auth::UserContext &user) {
                if constexpr (std::is_invocable_v<Member, Controller *, const HttpRequest &,
                                                  const Auth::UserContext &>) {
                    return (self->*handler)(request, user);
                } else if constexpr (std::is_invocable_v<Member, Controller *,
                                                         const Auth::UserContext &>) {
                    return (self->*handler)(user);
                } else if constexpr (std::is_invocable_v<Member, Controller *,
                                                         const HttpRequest &>) {
                    return (self->*handler)(request);
                } else {
                    return (self->*handler)();
                }
            },
            requirement);
    }
    //! The same for a handler that is not a member function (one that binds an argument).
    void addGuarded(Router &router, HttpRequest::Method method, const QString &path,
                    AuthGuard::Handler handler, Requirement requirement = {});

    //! The answer to a change a service made: the envelope with \a done as its message, or the
    //! service's error.
    QFuture<HttpResponse> answered(const QFuture<Result<void>> &change, const QString &done);

    [[nodiscard]] const AuthGuard &guard() const { return m_guard; }

private:
    AuthGuard m_guard;
};

} // namespace Im::Http
