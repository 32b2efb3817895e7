#pragma once

#include "auth/authmetrics.h"
#include "auth/jwtcodec.h"
#include "auth/loginthrottle.h"
#include "auth/passwordhashpool.h"
#include "auth/sessionstore.h"
#include "auth/signupthrottle.h"
#include "auth/usercontext.h"
#include "im/result.h"
#include "im/usersessions.h"

#include <QCache>
#include <QFuture>
#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <chrono>

namespace Im::Store {
class DbExecutor;
}

namespace Im::Auth {

//! A session opened by login or registration: the UserInfo (no password hash) and its token.
struct IssuedSession
{
    QJsonObject userInfo;
    QString token;
};

//! New account data, validated by the caller.
struct Registration
{
    QString account;
    QString password;
    QVariant email; //!< null or string
    QVariant avatar; //!< null or string
};

//! The original's token model (spec §5): the client holds an opaque UUID token, the server keeps
//! the signed JWT (payload = UserInfo) in the session store with a sliding TTL; several sessions
//! per user. Every authenticated request gets the user's current role and permissions (kept in
//! memory for at most `userCacheTtl`, dropped by invalidateUser() / invalidateAllUsers() on every
//! change), never the JWT's snapshot. Passwords are checked and hashed on their own bounded pool,
//! never on the database workers; legacy bcrypt hashes are upgraded on a successful login.
//! Ending sessions is announced (sessionEnded, userSessionsEnded) so live sockets close with them.
//! Network thread; every result comes back on it.
class AuthService : public QObject, public Core::UserSessions
{
    Q_OBJECT
public:
    struct Settings
    {
        std::chrono::seconds jwtLifetime { 43200 };
        std::chrono::seconds sessionTtl { 43200 };
        LoginThrottle::Limits throttle;
        SignupThrottle::Limits signup;
        PasswordHashPool::Settings hashing;
        //! How long a user's role and permissions are kept in memory (changes made by another
        //! process, such as --create-admin, show within it; this process's own at once).
        std::chrono::seconds userCacheTtl { 60 };
        //! How often expired sessions are removed from the store (lookups ignore them anyway).
        std::chrono::milliseconds purgeInterval { std::chrono::minutes(10) };
        //! Session JWTs whose signature was checked, kept so that a session in use is verified
        //! once, not on every request (least recently used out); 0: verify every time.
        int verifiedJwtCacheMax = 50000;
    };

    AuthService(Store::DbExecutor &database, SessionStore &sessions, JwtCodec jwt,
                Settings settings, QObject *parent = nullptr);

    //! Unauthorized for an unknown account or a wrong password alike (no account enumeration);
    //! TooManyRequests while the pair or the address is throttled (the account alone is only
    //! delayed); Unavailable when the hashing pool is full.
    QFuture<Result<IssuedSession>> login(const QString &account, const QString &password,
                                         const QHostAddress &from);
    //! Creates the account with the `user` role (a client cannot choose its role); Duplicate when
    //! the account or e-mail exists; TooManyRequests past the address's sign-up limit;
    //! Unavailable when the hashing pool is full.
    QFuture<Result<IssuedSession>> registerUser(const Registration &registration,
                                                const QHostAddress &from);
    //! Resolves the `userid` + `authorization` headers to a user; Unauthorized otherwise.
    QFuture<Result<UserContext>> authenticate(const QByteArray &userIdHeader,
                                              const QByteArray &token);
    //! When the session of \a token ends unless used again (no sliding); NotFound when it ended.
    QFuture<Result<QDateTime>> sessionExpiry(int userId, const QString &token);
    //! Ends the session of \a token; sessionEnded() is emitted before the future finishes.
    QFuture<Result<void>> logout(int userId, const QString &token);
    //! Ends every session of \a userId (account deleted, administrator's revoke);
    //! userSessionsEnded() is emitted before the future finishes.
    QFuture<Result<void>> logoutEverywhere(int userId) override;

    [[nodiscard]] const AuthMetrics &metrics() const { return m_metrics; }

    //! The role or the account of \a userId changed: the next request reads it again.
    void invalidateUser(int userId) override;
    //! Roles or permissions changed: every user is read again.
    void invalidateAllUsers() override;

Q_SIGNALS:
    //! The session of the token whose SessionStore hash is \a tokenHash ended.
    void sessionEnded(int userId, const QString &tokenHash);
    //! Every session of \a userId ended.
    void userSessionsEnded(int userId);

private:
    struct CachedUser
    {
        QJsonObject info;
        QDateTime loadedAt;
    };
    //! What a session's JWT proves once its signature is checked.
    struct VerifiedJwt
    {
        int userId = 0;
        double exp = 0; //!< `exp`, epoch seconds
    };

    //! JwtCodec::verify() once per JWT: the signature of the same text does not change, only the
    //! time, so `exp` is checked again on every call. nullopt for a bad or expired JWT.
    [[nodiscard]] std::optional<VerifiedJwt> verifyJwt(const QString &jwt);

    QFuture<Result<IssuedSession>> attemptLogin(const QString &account, const QString &password,
                                                const QHostAddress &from);
    void issueSession(const QJsonObject &userInfo, int userId,
                      std::shared_ptr<QPromise<Result<IssuedSession>>> promise);
    void checkPassword(const QString &account, const QString &password, quint64 attempt,
                       std::shared_ptr<QPromise<Result<IssuedSession>>> promise);
    void finishAuthentication(int userId, const QDateTime &expiresAt,
                              std::shared_ptr<QPromise<Result<UserContext>>> promise);

    Store::DbExecutor &m_database;
    SessionStore &m_sessions;
    JwtCodec m_jwt;
    Settings m_settings;
    LoginThrottle m_throttle;
    SignupThrottle m_signup;
    PasswordHashPool m_hashing;
    QHash<int, CachedUser> m_users;
    QCache<QString, VerifiedJwt> m_verifiedJwts;
    quint64 m_userGeneration = 0; //!< bumped by every invalidation
    QTimer m_purgeTimer;
    AuthMetrics m_metrics;
};

} // namespace Im::Auth
