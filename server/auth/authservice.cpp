#include "auth/authservice.h"

#include "auth/passwordhasher.h"
#include "im/futures.h"
#include "store/dbexecutor.h"
#include "store/seeder.h"
#include "store/userqueries.h"

#include <QPromise>

using namespace Qt::StringLiterals;

namespace Im::Auth {

namespace {

template<typename T>
void settle(const std::shared_ptr<QPromise<Result<T>>> &promise, Result<T> value)
{
    promise->addResult(std::move(value));
    promise->finish();
}

template<typename T>
std::shared_ptr<QPromise<Result<T>>> startedPromise()
{
    auto promise = std::make_shared<QPromise<Result<T>>>();
    promise->start();
    return promise;
}

// Keeps only success or failure of a store call.
template<typename T>
QFuture<Result<void>> withoutValue(const QFuture<Result<T>> &future, QObject *context)
{
    return thenOn(future, context, [](Result<T> outcome) {
        return outcome ? Result<void>() : Result<void>(outcome.error());
    });
}

Error unauthorized()
{
    return makeError(ErrorCode::Unauthorized, u"Unauthorized"_s);
}

// Verifying against a real hash when the account does not exist keeps both answers equally slow,
// so response times do not tell which accounts exist.
const QString &decoyHash()
{
    static const QString hash = PasswordHasher::hash(u"decoy-password-1"_s).value();
    return hash;
}

} // namespace

AuthService::AuthService(Store::DbExecutor &database, SessionStore &sessions, JwtCodec jwt,
                         Settings settings, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_sessions(sessions)
    , m_jwt(std::move(jwt))
    , m_settings(settings)
    , m_throttle(settings.throttle)
{
    connect(&m_purgeTimer, &QTimer::timeout, this,
            [this] { whenFinished(m_sessions.purgeExpired(), this, [](const Result<int> &) {}); });
    m_purgeTimer.start(m_settings.purgeInterval);
}

QFuture<Result<IssuedSession>> AuthService::login(const QString &account, const QString &password,
                                                  const QHostAddress &from)
{
    auto promise = startedPromise<IssuedSession>();
    if (m_throttle.isBlocked(account, from)) {
        settle<IssuedSession>(
            promise,
            makeError(ErrorCode::TooManyRequests, u"Too many failed logins, try again later."_s));
        return promise->future();
    }
    auto checked = m_database.run<Store::UserRecord>(
        [account, password](Store::DbSession &session) -> Result<Store::UserRecord> {
            auto user = Store::findUserByAccount(session, account);
            if (!user)
                return user.error();
            if (!user.value()) {
                (void)PasswordHasher::verify(decoyHash(), password);
                return unauthorized();
            }
            Store::UserRecord record = std::move(*user.value());
            if (!PasswordHasher::verify(record.passwordHash, password))
                return unauthorized();
            if (PasswordHasher::needsRehash(record.passwordHash)) {
                // The original's bcrypt hashes move to argon2id at their owner's next login.
                if (auto rehashed = PasswordHasher::hash(password)) {
                    if (Store::updatePasswordHash(session, record.id, rehashed.value()))
                        record.passwordHash = rehashed.value();
                }
            }
            return record;
        },
        Store::Retry::OnConnectionLoss);
    whenFinished(
        checked, this,
        [this, promise, account, from](Result<Store::UserRecord> user) {
            if (!user) {
                if (user.error().code == ErrorCode::Unauthorized)
                    m_throttle.recordFailure(account, from);
                settle<IssuedSession>(promise, user.error());
                return;
            }
            m_throttle.recordSuccess(account);
            issueSession(user->toJson(), user->id, promise);
        },
        [promise] { settle<IssuedSession>(promise, makeError(ErrorCode::Internal, {})); });
    return promise->future();
}

QFuture<Result<IssuedSession>> AuthService::registerUser(const Registration &registration)
{
    auto promise = startedPromise<IssuedSession>();
    auto created = m_database.run<Store::UserRecord>(
        [registration](Store::DbSession &session) -> Result<Store::UserRecord> {
            auto hash = PasswordHasher::hash(registration.password);
            if (!hash)
                return hash.error();
            auto id = Store::insertUser(session, registration.account, hash.value(),
                                        registration.email, registration.avatar, Store::Role::User);
            if (!id)
                return id.error();
            auto user = Store::findUserById(session, id.value());
            if (!user)
                return user.error();
            if (!user.value())
                return makeError(ErrorCode::Internal, u"The new user vanished."_s);
            return std::move(*user.value());
        });
    whenFinished(
        created, this,
        [this, promise](Result<Store::UserRecord> user) {
            if (!user) {
                settle<IssuedSession>(promise, user.error());
                return;
            }
            issueSession(user->toJson(), user->id, promise);
        },
        [promise] { settle<IssuedSession>(promise, makeError(ErrorCode::Internal, {})); });
    return promise->future();
}

void AuthService::issueSession(const QJsonObject &userInfo, int userId,
                               std::shared_ptr<QPromise<Result<IssuedSession>>> promise)
{
    auto jwt = m_jwt.sign(userInfo, m_settings.jwtLifetime);
    if (!jwt) {
        settle<IssuedSession>(promise, jwt.error());
        return;
    }
    whenFinished(
        m_sessions.issue(userId, jwt.value(), m_settings.sessionTtl), this,
        [promise, userInfo](Result<QString> token) {
            if (!token) {
                settle<IssuedSession>(promise, token.error());
                return;
            }
            settle<IssuedSession>(promise, IssuedSession { userInfo, token.value() });
        },
        [promise] { settle<IssuedSession>(promise, makeError(ErrorCode::Internal, {})); });
}

QFuture<Result<UserContext>> AuthService::authenticate(const QByteArray &userIdHeader,
                                                       const QByteArray &token)
{
    auto promise = startedPromise<UserContext>();
    bool numeric = false;
    const int userId = userIdHeader.trimmed().toInt(&numeric);
    // A UUID is 36 characters; anything far longer is not a token of ours.
    if (!numeric || userId <= 0 || token.isEmpty() || token.size() > 128) {
        settle<UserContext>(promise, unauthorized());
        return promise->future();
    }
    whenFinished(
        m_sessions.lookup(userId, QString::fromLatin1(token), m_settings.sessionTtl), this,
        [this, promise, userId](Result<QString> jwt) {
            if (!jwt) {
                settle<UserContext>(promise,
                                    jwt.error().code == ErrorCode::NotFound ? unauthorized()
                                                                            : jwt.error());
                return;
            }
            auto claims = m_jwt.verify(jwt.value());
            if (!claims || claims->value(u"id"_s).toInt() != userId) {
                settle<UserContext>(promise, unauthorized());
                return;
            }
            QJsonObject info = claims.value();
            info.remove(u"iat"_s);
            info.remove(u"exp"_s);
            settle<UserContext>(promise, UserContext { userId, info });
        },
        [promise] { settle<UserContext>(promise, makeError(ErrorCode::Internal, {})); });
    return promise->future();
}

QFuture<Result<void>> AuthService::logout(int userId, const QString &token)
{
    return withoutValue(m_sessions.revoke(userId, token), this);
}

QFuture<Result<void>> AuthService::logoutEverywhere(int userId)
{
    return withoutValue(m_sessions.revokeAll(userId), this);
}

} // namespace Im::Auth
