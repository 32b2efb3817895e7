#pragma once

#include "auth/authservice.h"
#include "http/restcontroller.h"
#include "store/groupqueries.h"

namespace Im::Store {
class DbExecutor;
}

namespace Im::Cache {
class ApiCache;
}

namespace Im::Http {

//! `/api/v1/groups` (spec §8.5) with the port's fixes: the type rule as meant (D-24), add members
//! on its own path `POST /api/v1/groups/members` (D-25), only the creator changes a group and only
//! members read it (D-26), only name and avatar are writable (D-11), wire dates everywhere (D-36),
//! 403 instead of 401 for a non-creator's delete (§21.4), and the member limits of the types.
//! `GET /groups/:id` is cached per group (D-20) and evicted by every change of the group.
//! Hardening (#11): only the adder's friends are put into a group unless GROUP_REQUIRE_FRIENDSHIP
//! is false, and a member leaves with `DELETE /api/v1/groups/:id/members/me`.
class GroupsController : public RestController
{
public:
    GroupsController(Auth::AuthService &auth, Store::DbExecutor &database, Cache::ApiCache &cache,
                     Store::GroupRules rules, QObject *parent = nullptr);

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

    Store::DbExecutor &m_database;
    Cache::ApiCache &m_cache;
    Store::GroupRules m_rules;
};

} // namespace Im::Http
