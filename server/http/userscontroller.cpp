#include "http/userscontroller.h"

#include "auth/accountrules.h"
#include "cache/cachedread.h"
#include "cache/cachekeys.h"
#include "http/envelope.h"
#include "http/fieldrules.h"
#include "http/requestbody.h"
#include "im/accountsservice.h"
#include "im/futures.h"
#include "store/userqueries.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Im::Http {

using namespace FieldRules;

namespace {

// Permission 1 (`userGet`) guards reading other users, as in the original.
constexpr int userGetPermission = 1;
constexpr qsizetype maxCredentialLength = 256;

HttpResponse sessionAnswer(const Result<Auth::IssuedSession> &session, const QString &message)
{
    if (!session)
        return Envelope::fromError(session.error());
    QJsonObject data = session->userInfo;
    data.insert(u"token"_s, session->token);
    return Envelope::success(data, message);
}

// UserPublic: the user without role details (and, as always, without the password hash).
QJsonObject publicUser(const Core::User &user)
{
    QJsonObject data = user.toJson();
    for (const auto &key : { u"roleName"_s, u"roleDesc"_s, u"permissions"_s })
        data.remove(key);
    return data;
}

} // namespace

UsersController::UsersController(Auth::AuthService &auth, Core::AccountsService &accounts,
                                 Store::DbExecutor &database, Cache::ApiCache &cache,
                                 QObject *parent)
    : RestController(auth, parent)
    , m_auth(auth)
    , m_accounts(accounts)
    , m_database(database)
    , m_cache(cache)
{ }

void UsersController::registerRoutes(Router &router)
{
    using Method = HttpRequest::Method;
    router.add(Method::Post, u"/api/v1/users/login"_s,
               [this](const HttpRequest &request) { return login(request); });
    router.add(Method::Post, u"/api/v1/users/create"_s,
               [this](const HttpRequest &request) { return create(request); });
    addGuarded(router, Method::Post, u"/api/v1/users/logout"_s, &UsersController::logout);
    addGuarded(router, Method::Put, u"/api/v1/users"_s, &UsersController::update);
    addGuarded(router, Method::Delete, u"/api/v1/users"_s, &UsersController::remove);
    addGuarded(router, Method::Get, u"/api/v1/users/:id"_s, &UsersController::userById,
               userGetPermission);
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
        || (!registration.email.isNull() && !Core::isValidEmail(registration.email.toString()))) {
        return ready(badParameters());
    }
    // A client-sent roleId is ignored: a registrant always gets the `user` role (D-06).
    return thenOn(m_auth.registerUser(registration, request.remoteAddress), this,
                  [](Result<Auth::IssuedSession> session) {
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
    // The answer is the same for every caller allowed to ask: the guard ran already.
    auto found = Cache::cachedOrLoaded(
        m_cache, m_database, this, Cache::CacheKeys::user(id),
        [id](Store::DbSession &session) -> Result<QByteArray> {
            auto user = Store::findUserById(session, id);
            if (!user)
                return user.error();
            if (!user.value())
                return makeError(ErrorCode::NotFound, u"No user found with id %1"_s.arg(id));
            return QJsonDocument(publicUser(*user.value())).toJson(QJsonDocument::Compact);
        });
    return thenReady(found, this, [](Result<QByteArray> user) {
        if (!user)
            return Envelope::fromError(user.error());
        return Envelope::success(QJsonDocument::fromJson(user.value()).object(), u"Successed."_s);
    });
}

QFuture<HttpResponse> UsersController::update(const HttpRequest &request,
                                              const Auth::UserContext &user)
{
    const auto body = bodyObject(request);
    if (!body || !body->value(u"userId"_s).isDouble())
        return ready(badParameters());
    // Only the profile fields are read; pwd, account, roleId and anything else are ignored (D-11).
    Core::ProfileChanges changes;
    for (const auto &[key, field] :
         { std::pair { u"email"_s, &changes.email }, std::pair { u"avatar"_s, &changes.avatar } }) {
        if (!body->contains(key))
            continue;
        QVariant value;
        if (!optionalString(*body, key, &value))
            return ready(badParameters());
        *field = value;
    }
    const int userId = body->value(u"userId"_s).toInt();
    return thenReady(
        m_accounts.updateProfile(user.id, userId, changes), this, [](Result<Core::User> updated) {
            if (!updated)
                return Envelope::fromError(updated.error());
            return Envelope::success(publicUser(updated.value()), u"Update successfully."_s);
        });
}

QFuture<HttpResponse> UsersController::remove(const HttpRequest &, const Auth::UserContext &user)
{
    // The account is the authenticated one: the original's `userid` header, now verified.
    return answered(m_accounts.deleteAccount(user.id), u"Successfully."_s);
}

} // namespace Im::Http
