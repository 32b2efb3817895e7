#include "http/permissioncontroller.h"

#include "http/envelope.h"
#include "http/fieldrules.h"
#include "http/requestbody.h"
#include "im/accessservice.h"
#include "im/futures.h"
#include "store/seeder.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace Im::Http {

using namespace FieldRules;

namespace {

// `permissions`: absent or null means none; otherwise every element must be a positive integer,
// and there are no more than \a max of them (what a role may hold).
bool permissionIds(const QJsonObject &body, int max, QList<int> *out)
{
    const QJsonValue value = body.value(u"permissions"_s);
    if (value.isUndefined() || value.isNull())
        return true;
    if (!value.isArray())
        return false;
    const QJsonArray array = value.toArray();
    if (array.size() > max)
        return false;
    for (const QJsonValue &element : array) {
        const auto id = positiveInteger(element);
        if (!id)
            return false;
        out->append(*id);
    }
    return true;
}

// `name` and `desc`, both required strings.
bool nameAndDescription(const QJsonObject &body, QString *name, QString *description)
{
    return requiredString(body, u"name"_s, name) && requiredString(body, u"desc"_s, description);
}

HttpResponse entryAnswer(const Result<Core::AccessEntry> &entry)
{
    if (!entry)
        return Envelope::fromError(entry.error());
    return Envelope::success(entry->toJson(), u"Successfully."_s);
}

} // namespace

PermissionController::PermissionController(Auth::AuthService &auth, Core::AccessService &access,
                                           QObject *parent)
    : RestController(auth, parent)
    , m_access(access)
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
    if (!body || !nameAndDescription(*body, &name, &description))
        return ready(badParameters());
    return thenReady(m_access.createPermission(name, description), this, &entryAnswer);
}

QFuture<HttpResponse> PermissionController::createRole(const HttpRequest &request)
{
    const auto body = bodyObject(request);
    QString name;
    QString description;
    QList<int> permissions;
    if (!body || !nameAndDescription(*body, &name, &description)
        || !permissionIds(*body, m_access.maxRolePermissions(), &permissions)) {
        return ready(badParameters());
    }
    return thenReady(m_access.createRole(name, description, permissions), this, &entryAnswer);
}

QFuture<HttpResponse> PermissionController::setRole(const HttpRequest &request)
{
    const auto body = bodyObject(request);
    const auto userId = body ? positiveInteger(body->value(u"userId"_s)) : std::nullopt;
    const auto roleId = body ? positiveInteger(body->value(u"roleId"_s)) : std::nullopt;
    if (!userId || !roleId)
        return ready(badParameters());
    return answered(m_access.setUserRole(*userId, *roleId), u"Successfully."_s);
}

} // namespace Im::Http
