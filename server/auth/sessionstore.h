#pragma once

#include "im/result.h"

#include <QDateTime>
#include <QFuture>
#include <QString>

#include <chrono>

namespace Im::Auth {

//! Where the sessions live (§5.3 of the spec): the client holds an opaque random token (a UUID v4),
//! the server maps (user id, token) to the signed JWT of that login. A user may hold any number of
//! sessions at once (multi-login); each expires on its own.
//!
//! Expiry is per token, whereas the original kept one Redis hash per user whose EXPIRE covered all
//! of that user's sessions: here an idle session expires even while another session of the same
//! user stays active. The JWT's own `exp` still bounds every session (check it with JwtCodec).
//!
//! The interface is asynchronous so that a Redis implementation can replace the SQL one. Futures
//! are fulfilled on a worker thread: continue them with `whenFinished` / `thenOn`. Never log the
//! tokens or JWTs passed in or returned.
class SessionStore
{
public:
    virtual ~SessionStore() = default;

    //! Stores \a jwt for \a userId under a new random token, valid for \a ttl, and returns the
    //! token. Malformed for a non-positive ttl.
    [[nodiscard]] virtual QFuture<Result<QString>> issue(int userId, QString jwt,
                                                         std::chrono::seconds ttl) = 0;

    //! Returns the JWT of \a token when it belongs to \a userId and has not expired, and moves its
    //! expiry to now + \a slidingTtl (the original's EXPIRE on every authenticated request).
    //! NotFound for an unknown, foreign or expired token.
    [[nodiscard]] virtual QFuture<Result<QString>> lookup(int userId, QString token,
                                                          std::chrono::seconds slidingTtl) = 0;

    //! A live session as it stands, without touching it.
    struct Peek
    {
        QString jwt;
        QDateTime expiresAt; //!< when it ends unless it is used again
    };
    //! The session of \a token without sliding its expiry; NotFound for an unknown, foreign or
    //! expired token. Live sockets check their session with it.
    [[nodiscard]] virtual QFuture<Result<Peek>> peek(int userId, QString token) = 0;

    //! Ends one session (logout); true when it existed, false otherwise. Other sessions of the
    //! user are kept. An expired session that was not purged yet still counts as existing.
    [[nodiscard]] virtual QFuture<Result<bool>> revoke(int userId, QString token) = 0;

    //! Ends every session of \a userId; returns how many there were.
    [[nodiscard]] virtual QFuture<Result<int>> revokeAll(int userId) = 0;

    //! Removes the expired sessions (housekeeping: lookups already ignore them); returns how many.
    [[nodiscard]] virtual QFuture<Result<int>> purgeExpired() = 0;

protected:
    SessionStore() = default;
    Q_DISABLE_COPY_MOVE(SessionStore)
};

} // namespace Im::Auth
