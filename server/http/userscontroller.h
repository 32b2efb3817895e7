#pragma once

#include "auth/authservice.h"
#include "http/restcontroller.h"

namespace Im::Store {
class DbExecutor;
}

namespace Im::Cache {
class ApiCache;
}

namespace Im::Core {
class AccountsService;
}

namespace Im::Http {

//! `/api/v1/users`: login, registration, logout and reading a user (spec §8.2), with the port's
//! fixes: one 401 for unknown accounts and wrong passwords, a registrant always gets the `user`
//! role, every field validated, never a password hash in an answer, a user edits and deletes only
//! their own account and only its e-mail and avatar (D-10, D-11, D-12), deletion revokes every
//! session (D-13) and keeps the messages the account sent (D-14). `GET /users/:id` is cached
//! (§7.1) and, unlike the original, evicted by the changes of that user. Signing in and up are
//! AuthService's, the account rules AccountsService's: this decodes the request, calls them and
//! writes their answer.
class UsersController : public RestController
{
public:
    //! `GET /api/v1/users/:id` is answered from \a cache, read from \a database on a miss.
    UsersController(Auth::AuthService &auth, Core::AccountsService &accounts,
                    Store::DbExecutor &database, Cache::ApiCache &cache, QObject *parent = nullptr);

    void registerRoutes(Router &router) override;

private:
    QFuture<HttpResponse> login(const HttpRequest &request);
    QFuture<HttpResponse> create(const HttpRequest &request);
    QFuture<HttpResponse> logout(const HttpRequest &request, const Auth::UserContext &user);
    QFuture<HttpResponse> userById(const HttpRequest &request, const Auth::UserContext &user);
    QFuture<HttpResponse> update(const HttpRequest &request, const Auth::UserContext &user);
    QFuture<HttpResponse> remove(const HttpRequest &request, const Auth::UserContext &user);

    Auth::AuthService &m_auth;
    Core::AccountsService &m_accounts;
    Store::DbExecutor &m_database;
    Cache::ApiCache &m_cache;
};

} // namespace Im::Http
