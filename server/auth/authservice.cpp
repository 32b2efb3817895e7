#include "auth/authservice.h"

#include "auth/sqlsessionstore.h"
#include "im/futures.h"
#include "store/dbexecutor.h"
#include "store/seeder.h"
#include "store/userqueries.h"

#include <QPromise>

using namespace Qt::StringLiterals;

namespace Im::Auth {

namespace {

Error unauthorized()
{
    return makeError(ErrorCode::Unauthorized, u"Unauthorized"_s);
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
    , m_signup(settings.signup)
    , m_hashing(settings.hashing)
    , m_verifiedJwts(std::max(settings.verifiedJwtCacheMax, 0))
{
    connect(&m_purgeTimer, &QTimer::timeout, this,
            [this] { whenFinished(m_sessions.purgeExpired(), this, [](const Result<int> &) {}); });
    m_purgeTimer.start(m_settings.purgeInterval);
}

QFuture<Result<IssuedSession>> AuthService::login(const QString &account, const QString &password,
                                                  const QHostAddress &from)
{
    // Counted where the answer is known, whichever of the paths below produced it.
    QFuture<Result<IssuedSession>> outcome = attemptLogin(account, password, from);
    whenFinished(outcome, this, [this](const Result<IssuedSession> &result) {
        m_metrics.recordLogin(result ? nullptr : &result.error());
    });
    return outcome;
}

QFuture<Result<IssuedSession>>
AuthService::attemptLogin(const QString &account, const QString &password, const QHostAddress &from)
{
    auto promise = startedPromise<IssuedSession>();
    const LoginThrottle::Decision decision = m_throttle.begin(account, from);
    if (decision.refused) {
        m_metrics.recordThrottled(AuthMetrics::Throttle::Login);
        settle<IssuedSession>(
            promise,
            makeError(ErrorCode::TooManyRequests, u"Too many failed logins, try again later."_s));
        return promise->future();
    }
    const quint64 attempt = decision.attempt;
    if (decision.delay.count() > 0) {
        QTimer::singleShot(decision.delay, this, [this, account, password, attempt, promise] {
            checkPassword(account, password, attempt, promise);
        });
    } else {
        checkPassword(account, password, attempt, promise);
    }
    return promise->future();
}

void AuthService::checkPassword(const QString &account, const QString &password, quint64 attempt,
                                std::shared_ptr<QPromise<Result<IssuedSession>>> promise)
{
    const auto fail = [this, attempt, promise](const Error &error) {
        m_throttle.finish(attempt,
                          error.code == ErrorCode::Unauthorized ? LoginThrottle::Outcome::Failed
                                                                : LoginThrottle::Outcome::NotTried);
        settle<IssuedSession>(promise, error);
    };
    // The database only reads the row; the hash is checked on the hashing pool.
    auto found = m_database.run<std::optional<Core::User>>(
        [account](Store::DbSession &session) { return Store::findUserByAccount(session, account); },
        Store::Retry::OnConnectionLoss);
    whenFinished(
        found, this,
        [this, password, attempt, promise, fail](Result<std::optional<Core::User>> user) {
            if (!user) {
                fail(user.error());
                return;
            }
            std::optional<Core::User> record = std::move(user.value());
            // An unknown account is checked against a decoy hash: as slow, and as bounded.
            const QString storedHash = record ? record->passwordHash : QString();
            whenFinished(
                m_hashing.verify(storedHash, password), this,
                [this, record, attempt, promise, fail](Result<PasswordHashPool::Verdict> verdict) {
                    if (!verdict) {
                        fail(verdict.error());
                        return;
                    }
                    if (!record || !verdict->matches) {
                        fail(unauthorized());
                        return;
                    }
                    m_throttle.finish(attempt, LoginThrottle::Outcome::Succeeded);
                    if (verdict->rehash.isEmpty()) {
                        issueSession(record->toJson(), record->id, promise);
                        return;
                    }
                    // The upgraded hash is written before the answer; a failed write only means
                    // the upgrade is tried again at the next login.
                    auto rehashed = m_database.run<void>(
                        [id = record->id, hash = verdict->rehash](Store::DbSession &session) {
                            return Store::updatePasswordHash(session, id, hash);
                        });
                    whenFinished(
                        rehashed, this,
                        [this, record, promise](const Result<void> &) {
                            issueSession(record->toJson(), record->id, promise);
                        },
                        [promise] {
                            settle<IssuedSession>(promise, makeError(ErrorCode::Internal, {}));
                        });
                },
                [fail] { fail(makeError(ErrorCode::Internal, {})); });
        },
        [fail] { fail(makeError(ErrorCode::Internal, {})); });
}

QFuture<Result<IssuedSession>> AuthService::registerUser(const Registration &registration,
                                                         const QHostAddress &from)
{
    auto promise = startedPromise<IssuedSession>();
    if (!m_signup.admit(from)) {
        m_metrics.recordThrottled(AuthMetrics::Throttle::Signup);
        settle<IssuedSession>(
            promise,
            makeError(ErrorCode::TooManyRequests, u"Too many sign-ups, try again later."_s));
        return promise->future();
    }
    const auto failed = [promise] {
        settle<IssuedSession>(promise, makeError(ErrorCode::Internal, {}));
    };
    whenFinished(
        m_hashing.hash(registration.password), this,
        [this, registration, promise, failed](Result<QString> hash) {
            if (!hash) {
                settle<IssuedSession>(promise, hash.error());
                return;
            }
            auto created =
                m_database.run<Core::User>([registration, hash = hash.value()](
                                               Store::DbSession &session) -> Result<Core::User> {
                    auto id =
                        Store::insertUser(session, registration.account, hash, registration.email,
                                          registration.avatar, Store::Role::User);
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
                [this, promise](Result<Core::User> user) {
                    if (!user) {
                        settle<IssuedSession>(promise, user.error());
                        return;
                    }
                    issueSession(user->toJson(), user->id, promise);
                },
                failed);
        },
        failed);
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
    // A session held in memory answers at once: no watcher, no turn of the event loop.
    whenReady(
        m_sessions.lookup(userId, QString::fromLatin1(token), m_settings.sessionTtl), this,
        [this, promise, userId](Result<QString> jwt) {
            if (!jwt) {
                settle<UserContext>(promise,
                                    jwt.error().code == ErrorCode::NotFound ? unauthorized()
                                                                            : jwt.error());
                return;
            }
            const std::optional<VerifiedJwt> claims = verifyJwt(jwt.value());
            if (!claims || claims->userId != userId) {
                settle<UserContext>(promise, unauthorized());
                return;
            }
            // The lookup moved the session's expiry to now + SESSION_TTL; the JWT's exp bounds it.
            QDateTime expiresAt =
                QDateTime::currentDateTimeUtc().addSecs(m_settings.sessionTtl.count());
            const qint64 exp = qint64(claims->exp);
            if (exp > 0)
                expiresAt = std::min(expiresAt, QDateTime::fromSecsSinceEpoch(exp, Qt::UTC));
            finishAuthentication(userId, expiresAt, promise);
        },
        [promise] { settle<UserContext>(promise, makeError(ErrorCode::Internal, {})); });
    return promise->future();
}

void AuthService::finishAuthentication(int userId, const QDateTime &expiresAt,
                                       std::shared_ptr<QPromise<Result<UserContext>>> promise)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto cached = m_users.constFind(userId);
    if (cached != m_users.cend()
        && cached->loadedAt.secsTo(now) < m_settings.userCacheTtl.count()) {
        settle<UserContext>(promise, UserContext { userId, cached->info, expiresAt });
        return;
    }
    // The role and permissions are read as they are now, not as the JWT's login snapshot.
    const quint64 generation = m_userGeneration;
    auto loaded = m_database.run<std::optional<Core::User>>(
        [userId](Store::DbSession &session) { return Store::findUserById(session, userId); },
        Store::Retry::OnConnectionLoss);
    whenFinished(
        loaded, this,
        [this, promise, userId, expiresAt, generation,
         now](Result<std::optional<Core::User>> user) {
            if (!user) {
                settle<UserContext>(promise, user.error());
                return;
            }
            // A deleted account keeps its row without an account name.
            if (!user.value() || user.value()->account.isEmpty()) {
                settle<UserContext>(promise, unauthorized());
                return;
            }
            const QJsonObject info = user.value()->toJson();
            // A change that happened while this was read must not be overwritten by it.
            if (generation == m_userGeneration)
                m_users.insert(userId, CachedUser { info, now });
            settle<UserContext>(promise, UserContext { userId, info, expiresAt });
        },
        [promise] { settle<UserContext>(promise, makeError(ErrorCode::Internal, {})); });
}

QFuture<Result<QDateTime>> AuthService::sessionExpiry(int userId, const QString &token)
{
    return thenOn(m_sessions.peek(userId, token), this,
                  [this, userId](Result<SessionStore::Peek> session) -> Result<QDateTime> {
                      if (!session)
                          return session.error();
                      // The login's JWT bounds the session however often it is used.
                      const std::optional<VerifiedJwt> claims = verifyJwt(session->jwt);
                      if (!claims || claims->userId != userId)
                          return makeError(ErrorCode::NotFound, u"No such session."_s);
                      return std::min(session->expiresAt,
                                      QDateTime::fromSecsSinceEpoch(qint64(claims->exp), Qt::UTC));
                  });
}

QFuture<Result<void>> AuthService::logout(int userId, const QString &token)
{
    const QString hash = SqlSessionStore::hashToken(token);
    return thenOn(m_sessions.revoke(userId, token), this,
                  [this, userId, hash](Result<bool> outcome) -> Result<void> {
                      if (!outcome)
                          return outcome.error();
                      Q_EMIT sessionEnded(userId, hash);
                      return {};
                  });
}

QFuture<Result<void>> AuthService::logoutEverywhere(int userId)
{
    return thenOn(m_sessions.revokeAll(userId), this,
                  [this, userId](Result<int> outcome) -> Result<void> {
                      if (!outcome)
                          return outcome.error();
                      invalidateUser(userId);
                      Q_EMIT userSessionsEnded(userId);
                      return {};
                  });
}

std::optional<AuthService::VerifiedJwt> AuthService::verifyJwt(const QString &jwt)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (const VerifiedJwt *known = m_verifiedJwts.object(jwt)) {
        // As JwtCodec::verify: expired from the second named by `exp` on.
        if (double(now.toSecsSinceEpoch()) >= known->exp)
            return std::nullopt;
        return *known;
    }
    auto claims = m_jwt.verify(jwt, now);
    if (!claims)
        return std::nullopt;
    const VerifiedJwt verified { claims->value(u"id"_s).toInt(),
                                 claims->value(u"exp"_s).toDouble() };
    if (m_verifiedJwts.maxCost() > 0)
        m_verifiedJwts.insert(jwt, new VerifiedJwt(verified));
    return verified;
}

void AuthService::invalidateUser(int userId)
{
    ++m_userGeneration;
    m_users.remove(userId);
}

void AuthService::invalidateAllUsers()
{
    ++m_userGeneration;
    m_users.clear();
}

} // namespace Im::Auth
