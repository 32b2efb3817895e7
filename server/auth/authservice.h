#pragma once

#include "auth/jwtcodec.h"
#include "auth/loginthrottle.h"
#include "auth/sessionstore.h"
#include "auth/usercontext.h"
#include "im/result.h"

#include <QFuture>
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
//! per user. Passwords are checked and hashed on database workers (they are CPU-heavy); legacy
//! bcrypt hashes are upgraded on a successful login. Network thread; every result comes back on it.
class AuthService : public QObject
{
    Q_OBJECT
public:
    struct Settings
    {
        std::chrono::seconds jwtLifetime { 43200 };
        std::chrono::seconds sessionTtl { 43200 };
        LoginThrottle::Limits throttle;
        //! How often expired sessions are removed from the store (lookups ignore them anyway).
        std::chrono::milliseconds purgeInterval { std::chrono::minutes(10) };
    };

    AuthService(Store::DbExecutor &database, SessionStore &sessions, JwtCodec jwt,
                Settings settings, QObject *parent = nullptr);

    //! Unauthorized for an unknown account or a wrong password alike (no account enumeration);
    //! TooManyRequests while the account or the address is throttled.
    QFuture<Result<IssuedSession>> login(const QString &account, const QString &password,
                                         const QHostAddress &from);
    //! Creates the account with the `user` role (a client cannot choose its role); Duplicate when
    //! the account or e-mail exists.
    QFuture<Result<IssuedSession>> registerUser(const Registration &registration);
    //! Resolves the `userid` + `authorization` headers to a user; Unauthorized otherwise.
    QFuture<Result<UserContext>> authenticate(const QByteArray &userIdHeader,
                                              const QByteArray &token);
    //! Ends the session of \a token.
    QFuture<Result<void>> logout(int userId, const QString &token);
    //! Ends every session of \a userId (account deleted).
    QFuture<Result<void>> logoutEverywhere(int userId);

private:
    void issueSession(const QJsonObject &userInfo, int userId,
                      std::shared_ptr<QPromise<Result<IssuedSession>>> promise);

    Store::DbExecutor &m_database;
    SessionStore &m_sessions;
    JwtCodec m_jwt;
    Settings m_settings;
    LoginThrottle m_throttle;
    QTimer m_purgeTimer;
};

} // namespace Im::Auth
