#include "http/permissioncontroller.h"

#include "http/envelope.h"
#include "http/requestbody.h"
#include "im/futures.h"
#include "store/dbexecutor.h"
#include "store/permissionqueries.h"
#include "store/seeder.h"

#include <QJsonArray>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace Im::Http {

namespace {

constexpr qsizetype maxColumnLength = 255;

QFuture<HttpResponse> ready(HttpResponse response)
{
    return QtFuture::makeReadyFuture(std::move(response));
}

HttpResponse badParameters()
{
    return Envelope::failure(400, u"Incorrect request parameter."_s);
}

// A required string of 1..255 characters; a number or anything else is rejected, not converted.
bool requiredString(const QJsonObject &body, const QString &key, QString *out)
{
    const QJsonValue value = body.value(key);
    if (!value.isString() || value.toString().isEmpty()
        || value.toString().size() > maxColumnLength) {
        return false;
    }
    *out = value.toString();
    return true;
}

// A JSON number that is a whole number in 1..INT_MAX; strings such as "5" are rejected.
std::optional<int> positiveInteger(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    if (number < 1 || number > std::numeric_limits<int>::max() || std::floor(number) != number)
        return std::nullopt;
    return static_cast<int>(number);
}

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
                                           QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_guard(auth, this)
{ }

void PermissionController::registerRoutes(Router &router)
{
    using Method = HttpRequest::Method;
    using Handler = QFuture<HttpResponse> (PermissionController::*)(const HttpRequest &);
    // By name: the permission's id differs between fresh and migrated databases (D-07).
    const auto managed = [this](Handler handler) {
        return m_guard.protect(
            [this, handler](const HttpRequest &request, const Auth::UserContext &) {
                return (this->*handler)(request);
            },
            Store::Permission::PermissionManage);
    };
    router.add(Method::Post, u"/api/v1/permission/create"_s,
               managed(&PermissionController::createPermission));
    router.add(Method::Post, u"/api/v1/permission/role/create"_s,
               managed(&PermissionController::createRole));
    router.add(Method::Post, u"/api/v1/permission/role/set"_s,
               managed(&PermissionController::setRole));
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
    return thenOn(created, this, [](Result<Store::NamedRow> row) {
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
    return thenOn(created, this, [](Result<Store::NamedRow> row) {
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
    // The user's open sessions keep their old role and permissions until the next login: the JWT
    // is a snapshot of the user taken at login (spec §5.3).
    auto done = m_database.run<void>(
        [user = *userId, role = *roleId](Store::DbSession &session) {
            return Store::setUserRole(session, user, role);
        },
        Store::Retry::OnConnectionLoss);
    return thenOn(done, this, [](Result<void> set) {
        return set ? Envelope::success(QJsonValue::Undefined, u"Successfully."_s)
                   : Envelope::fromError(set.error());
    });
}

} // namespace Im::Http
