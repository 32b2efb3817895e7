#pragma once

#include "auth/sessionstore.h"
#include "store/dbexecutor.h"

#include <QDateTime>

#include <functional>

namespace Im::Auth {

//! SessionStore on the `Sessions` table (migrations sqlite/0002, mariadb/0003), through the
//! DbExecutor's worker threads.
//!
//! Only the SHA-256 of a token is stored (`tokenHash`, lowercase hex), so a leaked database or
//! backup does not hand out live sessions; the JWT column holds the signed JWT, which is useless
//! to a client (it authenticates nobody without a token). Expiry is `expiresAt`, epoch
//! milliseconds; a session is valid while `expiresAt` is after now. Rows of deleted users go with
//! them (foreign key, ON DELETE CASCADE). Expired rows stay until purgeExpired().
class SqlSessionStore final : public SessionStore
{
public:
    //! The current time; called on the executor's worker threads, so it must be thread-safe.
    //! Tests pass a controllable one.
    using Clock = std::function<QDateTime()>;

    //! \a executor must outlive this store and every future it returned.
    explicit SqlSessionStore(Store::DbExecutor &executor, Clock clock = systemClock());

    [[nodiscard]] QFuture<Result<QString>> issue(int userId, QString jwt,
                                                 std::chrono::seconds ttl) override;
    [[nodiscard]] QFuture<Result<QString>> lookup(int userId, QString token,
                                                  std::chrono::seconds slidingTtl) override;
    [[nodiscard]] QFuture<Result<Peek>> peek(int userId, QString token) override;
    [[nodiscard]] QFuture<Result<bool>> revoke(int userId, QString token) override;
    [[nodiscard]] QFuture<Result<int>> revokeAll(int userId) override;
    [[nodiscard]] QFuture<Result<int>> purgeExpired() override;

    //! What the `tokenHash` column holds for \a token: hex SHA-256 of its UTF-8 bytes.
    [[nodiscard]] static QString hashToken(const QString &token);
    [[nodiscard]] static Clock systemClock();

private:
    Store::DbExecutor &m_executor;
    Clock m_clock;
};

} // namespace Im::Auth
