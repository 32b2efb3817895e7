#include "http/permissioncontroller.h"

#include "cache/cacheeviction.h"
#include "http/envelope.h"
#include "http/fieldrules.h"
#include "http/requestbody.h"
#include "im/futures.h"
#include "store/dbexecutor.h"
#include "store/permissionqueries.h"
#include "store/seeder.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace Im::Http {

using namespace FieldRules;

namespace {

// `permissions`: absent or null means none; otherwise every element must be a positive integer.
bool permissionIds(const QJsonObject &body, QList<int> *out)
{
    const QJsonValue value = body.value(u"permissions"_s);
    if (value.isUndefined() || value.isNull())
        return true;
    if (!value.isArray())
        return false;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &element : array) {
        const auto id = positiveInteger(element);
        if (!id)
            return false;
        out->append(*id);
    }
    return true;
}

HttpResponse rowAnswer(const Result<Store::NamedRow> &row)
{
    if (!row)
        return Envelope::fromError(row.error());
    return Envelope::success(row->toJson(), u"Successfully."_s);
}

} // namespace

PermissionController::PermissionController(Auth::AuthService &auth, Store::DbExecutor &database,
                                           Cache::ApiCache &cache, QObject *parent)
    : RestController(auth, parent)
    , m_auth(auth)
    , m_database(database)
    , m_cache(cache)
{ }

void PermissionController::registerRoutes(Router &router)
{
    using Method = HttpRequest::Method;
    // By name: the permission's id differs between fresh and migrated databases (D-07).
    const Requirement managing = Store::Permission::PermissionManage;
    addGuarded(router, Method::Post, u"/api/v1/permission/create"_s,
               &PermissionController::createPermission, managing);
    addGuarded(router, Method::Post, u"/api/v1/permission/role/create"_s,
               &PermissionController::createRole, managing);
    addGuarded(router, Method::Post, u"/api/v1/permission/role/set"_s,
               &PermissionController::setRole, managing);
}

QFuture<HttpResponse> PermissionController::createPermission(const HttpRequest &request)
{
    const auto body = bodyObject(request);
    QString name;
    QString description;
    if (!body || !requiredString(*body, u"name"_s, &name)
        || !requiredString(*body, u"desc"_s, &description)) {
        return ready(badParameters());
    }
    auto created = m_database.run<Store::NamedRow>([name, description](Store::DbSession &session) {
        return Store::insertPermission(session, name, description);
    });
    return thenOn(created, this, [this](Result<Store::NamedRow> row) {
        if (row)
            m_auth.invalidateAllUsers();
        if (!row && row.error().code == ErrorCode::Duplicate)
            return Envelope::failure(409, u"The permission already exists."_s);
        return rowAnswer(row);
    });
}

QFuture<HttpResponse> PermissionController::createRole(const HttpRequest &request)
{
    const auto body = bodyObject(request);
    QString name;
    QString description;
    QList<int> permissions;
    if (!body || !requiredString(*body, u"name"_s, &name)
        || !requiredString(*body, u"desc"_s, &description) || !permissionIds(*body, &permissions)) {
        return ready(badParameters());
    }
    auto created = m_database.run<Store::NamedRow>(
        [name, description, permissions](Store::DbSession &session) {
            return Store::insertRole(session, name, description, permissions);
        },
        Store::Retry::OnConnectionLoss);
    return thenOn(created, this, [this](Result<Store::NamedRow> row) {
        if (row)
            m_auth.invalidateAllUsers();
        if (!row && row.error().code == ErrorCode::Duplicate)
            return Envelope::failure(409, u"The role already exists."_s);
        // An unknown permission id is a bad parameter; the transaction created nothing.
        if (!row && row.error().code == ErrorCode::NotFound)
            return badParameters();
        return rowAnswer(row);
    });
}

QFuture<HttpResponse> PermissionController::setRole(const HttpRequest &request)
{
    const auto body = bodyObject(request);
    const auto userId = body ? positiveInteger(body->value(u"userId"_s)) : std::nullopt;
    const auto roleId = body ? positiveInteger(body->value(u"roleId"_s)) : std::nullopt;
    if (!userId || !roleId)
        return ready(badParameters());
    // The user's open sessions get the new role with their next request: the guard reads the
    // current role, never the JWT's snapshot taken at login (spec §5.3).
    auto done = m_database.run<void>(
        [user = *userId, role = *roleId, cache = &m_cache](Store::DbSession &session) {
            return Cache::changeUser(*cache, session, user,
                                     [&] { return Store::setUserRole(session, user, role); });
        },
        Store::Retry::OnConnectionLoss);
    return thenOn(done, this, [this, user = *userId](Result<void> set) {
        // Also after a failure: the transaction may have committed before its answer was lost.
        m_auth.invalidateUser(user);
        return set ? Envelope::success(QJsonValue::Undefined, u"Successfully."_s)
                   : Envelope::fromError(set.error());
    });
}

} // namespace Im::Http
