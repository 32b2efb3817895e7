#pragma once

#include "auth/authservice.h"
#include "http/restcontroller.h"

namespace Im::Store {
class DbExecutor;
}

namespace Im::AdminApi {

//! Find a user by account or id, for holders of the `adminConsole` permission:
//! `GET /api/v1/admin/users/lookup?q=<account | id | account:<account>>` answers
//! `{id, account, matchedBy: "account" | "id"}`; 400 for a malformed `q`, 404 when no user matches.
class UserLookupController : public Http::RestController
{
public:
    UserLookupController(Auth::AuthService &auth, Store::DbExecutor &database,
                         QObject *parent = nullptr);

    void registerRoutes(Http::Router &router) override;

private:
    Store::DbExecutor &m_database;
};

} // namespace Im::AdminApi
