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
class GroupsService;
}

namespace Im::Http {

//! `/api/v1/groups` (spec §8.5) with the port's fixes: the type rule as meant (D-24), add members
//! on its own path `POST /api/v1/groups/members` (D-25), only the creator changes a group and only
//! members read it (D-26), only name and avatar are writable (D-11), wire dates everywhere (D-36),
//! 403 instead of 401 for a non-creator's delete (§21.4), and the member limits of the types.
//! `GET /groups/:id` is cached per group (D-20) and evicted by every change of the group.
//! Hardening (#11): only the adder's friends are put into a group unless GROUP_REQUIRE_FRIENDSHIP
//! is false, and a member leaves with `DELETE /api/v1/groups/:id/members/me`.
//! The rules are GroupsService's: this decodes the request, calls it and writes its answer.
class GroupsController : public RestController
{
public:
    //! `GET /api/v1/groups/:id` is answered from \a cache, read from \a database on a miss.
    GroupsController(Auth::AuthService &auth, Core::GroupsService &groups,
                     Store::DbExecutor &database, Cache::ApiCache &cache,
                     QObject *parent = nullptr);

    void registerRoutes(Router &router) override;

private:
    QFuture<HttpResponse> create(const HttpRequest &request, const Auth::UserContext &user);
    QFuture<HttpResponse> remove(const HttpRequest &request, const Auth::UserContext &user);
    QFuture<HttpResponse> update(const HttpRequest &request, const Auth::UserContext &user);
    //! Adds (\a add) or removes the body's `members` of the body's group `id`.
    QFuture<HttpResponse> changeMembers(const HttpRequest &request, const Auth::UserContext &user,
                                        bool add);
    QFuture<HttpResponse> leave(const HttpRequest &request, const Auth::UserContext &user);
    QFuture<HttpResponse> list(const Auth::UserContext &user, bool withMembers);
    QFuture<HttpResponse> group(const HttpRequest &request, const Auth::UserContext &user);

    Core::GroupsService &m_groups;
    Store::DbExecutor &m_database;
    Cache::ApiCache &m_cache;
};

} // namespace Im::Http
