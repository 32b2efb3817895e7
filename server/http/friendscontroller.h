#pragma once

#include "auth/authservice.h"
#include "http/restcontroller.h"

namespace Im::Store {
class DbExecutor;
}

namespace Im::Core {
class FriendsService;
}

namespace Im::Cache {
class ApiCache;
}

namespace Im::Http {

//! `/api/v1/friends` (spec §8.4, §12) with the port's fixes: correct 400/403/404/409 instead of
//! 500s (D-16, D-17, D-21), settings updates by presence (D-18), my own settings only (D-22),
//! only the receiver answers a request (D-23), and the requester can read its answers (D-44).
//! The rules are FriendsService's: this decodes the request, calls it and writes its answer.
class FriendsController : public RestController
{
public:
    //! `GET /api/v1/friends` is answered from \a cache (per user), evicted by every change, and
    //! read from \a database on a miss.
    FriendsController(Auth::AuthService &auth, Core::FriendsService &friendships,
                      Store::DbExecutor &database, Cache::ApiCache &cache,
                      QObject *parent = nullptr);

    void registerRoutes(Router &router) override;

private:
    QFuture<HttpResponse> request(const HttpRequest &request, const Auth::UserContext &user);
    QFuture<HttpResponse> remove(const HttpRequest &request, const Auth::UserContext &user);
    QFuture<HttpResponse> updateSettings(const HttpRequest &request, const Auth::UserContext &user);
    QFuture<HttpResponse> settings(const HttpRequest &request, const Auth::UserContext &user);
    QFuture<HttpResponse> list(const Auth::UserContext &user);
    QFuture<HttpResponse> answer(const HttpRequest &request, const Auth::UserContext &user,
                                 bool agree);
    QFuture<HttpResponse> sentRequests(const Auth::UserContext &user);

    Core::FriendsService &m_friendships;
    Store::DbExecutor &m_database;
    Cache::ApiCache &m_cache;
};

} // namespace Im::Http
