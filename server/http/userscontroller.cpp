#include "http/userscontroller.h"

#include "auth/accountrules.h"
#include "http/envelope.h"
#include "http/requestbody.h"
#include "im/futures.h"
#include "store/dbexecutor.h"
#include "store/userqueries.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Im::Http {

namespace {

// Permission 1 (`userGet`) guards reading other users, as in the original.
constexpr int userGetPermission = 1;
constexpr qsizetype maxCredentialLength = 256;
constexpr qsizetype maxColumnLength = 255;

QFuture<HttpResponse> ready(HttpResponse response)
{
    return QtFuture::makeReadyFuture(std::move(response));
}

HttpResponse badParameters()
{
    return Envelope::failure(400, u"Incorrect request parameter."_s);
}

bool isValidEmail(const QString &email)
{
    static const QRegularExpression pattern(u"^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"_s);
    return email.size() <= maxColumnLength && pattern.match(email).hasMatch();
}

// An optional string field: absent or null is fine, anything but a short string is not.
bool optionalString(const QJsonObject &body, const QString &key, QVariant *out)
{
    const QJsonValue value = body.value(key);
    if (value.isUndefined() || value.isNull()) {
        *out = QVariant();
        return true;
    }
    if (!value.isString() || value.toString().size() > maxColumnLength)
        return false;
    *out = value.toString();
    return true;
}

HttpResponse sessionAnswer(const Result<Auth::IssuedSession> &session, const QString &message)
{
    if (!session)
        return Envelope::fromError(session.error());
    QJsonObject data = session->userInfo;
    data.insert(u"token"_s, session->token);
    return Envelope::success(data, message);
}

} // namespace

UsersController::UsersController(Auth::AuthService &auth, Store::DbExecutor &database,
                                 QObject *parent)
    : QObject(parent)
    , m_auth(auth)
    , m_database(database)
    , m_guard(auth, this)
{ }

void UsersController::registerRoutes(Router &router)
{
    using Method = HttpRequest::Method;
    router.add(Method::Post, u"/api/v1/users/login"_s,
               [this](const HttpRequest &request) { return login(request); });
    router.add(Method::Post, u"/api/v1/users/create"_s,
               [this](const HttpRequest &request) { return create(request); });
    router.add(Method::Post, u"/api/v1/users/logout"_s,
               m_guard.protect([this](const HttpRequest &request, const Auth::UserContext &user) {
                   return logout(request, user);
               }));
    router.add(
        Method::Get, u"/api/v1/users/:id"_s,
        m_guard.protect([this](const HttpRequest &request,
                               const Auth::UserContext &user) { return userById(request, user); },
                        userGetPermission));
}

QFuture<HttpResponse> UsersController::login(const HttpRequest &request)
{
    const auto body = bodyObject(request);
    const QJsonValue account = body ? body->value(u"account"_s) : QJsonValue();
    const QJsonValue password = body ? body->value(u"pwd"_s) : QJsonValue();
    // As the original's local strategy: missing credentials are simply unauthorized.
    if (!account.isString() || !password.isString() || account.toString().isEmpty()
        || password.toString().isEmpty() || account.toString().size() > maxCredentialLength
        || password.toString().size() > maxCredentialLength) {
        return ready(Envelope::failure(401));
    }
    return thenOn(
        m_auth.login(account.toString(), password.toString(), request.remoteAddress), this,
        [](Result<Auth::IssuedSession> session) { return sessionAnswer(session, QString()); });
}

QFuture<HttpResponse> UsersController::create(const HttpRequest &request)
{
    const auto body = bodyObject(request);
    if (!body)
        return ready(badParameters());
    Auth::Registration registration;
    registration.account = body->value(u"account"_s).toString();
    registration.password = body->value(u"pwd"_s).toString();
    if (!body->value(u"account"_s).isString() || !body->value(u"pwd"_s).isString()
        || !Auth::isValidAccount(registration.account)
        || !Auth::isValidPassword(registration.password)
        || !optionalString(*body, u"email"_s, &registration.email)
        || !optionalString(*body, u"avatar"_s, &registration.avatar)
        || (!registration.email.isNull() && !isValidEmail(registration.email.toString()))) {
        return ready(badParameters());
    }
    // A client-sent roleId is ignored: a registrant always gets the `user` role (D-06).
    return thenOn(m_auth.registerUser(registration), this, [](Result<Auth::IssuedSession> session) {
        if (!session && session.error().code == ErrorCode::Duplicate)
            return Envelope::failure(409, u"The account already exists."_s);
        return sessionAnswer(session, u"successfully."_s);
    });
}

QFuture<HttpResponse> UsersController::logout(const HttpRequest &request,
                                              const Auth::UserContext &user)
{
    return thenOn(m_auth.logout(user.id, QString::fromLatin1(request.header("authorization"))),
                  this, [](Result<void> done) {
                      return done ? Envelope::success(QJsonValue::Undefined, u"Logout successed."_s)
                                  : Envelope::fromError(done.error());
                  });
}

QFuture<HttpResponse> UsersController::userById(const HttpRequest &request,
                                                const Auth::UserContext &)
{
    bool numeric = false;
    const int id = request.pathParameters.value(u"id"_s).toInt(&numeric);
    if (!numeric || id <= 0)
        return ready(badParameters());
    auto found = m_database.run<std::optional<Store::UserRecord>>(
        [id](Store::DbSession &session) { return Store::findUserById(session, id); },
        Store::Retry::OnConnectionLoss);
    return thenOn(found, this, [id](Result<std::optional<Store::UserRecord>> user) {
        if (!user)
            return Envelope::fromError(user.error());
        if (!user.value())
            return Envelope::failure(404, u"No user found with id %1"_s.arg(id));
        QJsonObject data = user.value()->toJson();
        for (const auto &key : { u"roleName"_s, u"roleDesc"_s, u"permissions"_s })
            data.remove(key);
        return Envelope::success(data, u"Successed."_s);
    });
}

} // namespace Im::Http
