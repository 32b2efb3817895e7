#include "auth/sqlsessionstore.h"

#include "im/futures.h"

#include <QCryptographicHash>
#include <QSqlQuery>
#include <QUuid>

using namespace Qt::StringLiterals;
using Im::Store::DbSession;
using Im::Store::Retry;

namespace Im::Auth {

namespace {

Error nonPositiveTtl()
{
    return makeError(ErrorCode::Malformed, u"A session needs a positive lifetime."_s);
}

Error unknownSession()
{
    return makeError(ErrorCode::NotFound, u"No such session."_s);
}

qint64 expiryAfter(const QDateTime &now, std::chrono::seconds ttl)
{
    return now.toMSecsSinceEpoch()
        + std::chrono::duration_cast<std::chrono::milliseconds>(ttl).count();
}

} // namespace

SqlSessionStore::SqlSessionStore(Store::DbExecutor &executor, Clock clock)
    : m_executor(executor)
    , m_clock(std::move(clock))
{ }

SqlSessionStore::Clock SqlSessionStore::systemClock()
{
    return [] { return QDateTime::currentDateTimeUtc(); };
}

QString SqlSessionStore::hashToken(const QString &token)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex());
}

QFuture<Result<QString>> SqlSessionStore::issue(int userId, QString jwt, std::chrono::seconds ttl)
{
    if (ttl.count() <= 0)
        return readyError<QString>(nonPositiveTtl());
    // The token is drawn inside the job: if a lost connection makes the executor replay the
    // INSERT after it did commit, the first row is an orphan nobody holds the token of (it
    // expires), instead of a Duplicate error for the client.
    return m_executor.run<QString>(
        [userId, jwt = std::move(jwt), ttl,
         clock = m_clock](DbSession &session) -> Result<QString> {
            const QString token = QUuid::createUuid().toString(QUuid::WithoutBraces);
            auto inserted = session.run(
                u"INSERT INTO Sessions (userId, tokenHash, jwt, expiresAt, createdAt) "
                "VALUES (?, ?, ?, ?, ?)"_s,
                { userId, hashToken(token), jwt, expiryAfter(clock(), ttl), session.now() });
            if (!inserted)
                return inserted.error();
            return token;
        },
        Retry::OnConnectionLoss);
}

QFuture<Result<QString>> SqlSessionStore::lookup(int userId, QString token,
                                                 std::chrono::seconds slidingTtl)
{
    if (slidingTtl.count() <= 0)
        return readyError<QString>(nonPositiveTtl());
    return m_executor.run<QString>(
        [userId, hash = hashToken(token), slidingTtl,
         clock = m_clock](DbSession &session) -> Result<QString> {
            QString jwt;
            // Read and refresh in one transaction, so a replay after a lost connection repeats
            // both or neither.
            auto done = session.transaction([&]() -> Result<void> {
                const QDateTime now = clock();
                auto rows = session.query(u"SELECT id, jwt FROM Sessions WHERE userId = ? AND "
                                          "tokenHash = ? AND expiresAt > ?"_s,
                                          { userId, hash, now.toMSecsSinceEpoch() });
                if (!rows)
                    return rows.error();
                QSqlQuery &query = rows.value();
                if (!query.next())
                    return unknownSession();
                const qint64 id = query.value(0).toLongLong();
                jwt = query.value(1).toString();
                query.finish();
                return session.run(u"UPDATE Sessions SET expiresAt = ? WHERE id = ?"_s,
                                   { expiryAfter(now, slidingTtl), id });
            });
            if (!done)
                return done.error();
            return jwt;
        },
        Retry::OnConnectionLoss);
}

QFuture<Result<SessionStore::Peek>> SqlSessionStore::peek(int userId, QString token)
{
    return m_executor.run<Peek>(
        [userId, hash = hashToken(token), clock = m_clock](DbSession &session) -> Result<Peek> {
            auto rows = session.query(u"SELECT jwt, expiresAt FROM Sessions WHERE userId = ? AND "
                                      "tokenHash = ? AND expiresAt > ?"_s,
                                      { userId, hash, clock().toMSecsSinceEpoch() });
            if (!rows)
                return rows.error();
            QSqlQuery &query = rows.value();
            if (!query.next())
                return unknownSession();
            return Peek { query.value(0).toString(),
                          QDateTime::fromMSecsSinceEpoch(query.value(1).toLongLong(), Qt::UTC) };
        },
        Retry::OnConnectionLoss);
}

QFuture<Result<bool>> SqlSessionStore::revoke(int userId, QString token)
{
    return m_executor.run<bool>(
        [userId, hash = hashToken(token)](DbSession &session) -> Result<bool> {
            auto deleted = session.execute(
                u"DELETE FROM Sessions WHERE userId = ? AND tokenHash = ?"_s, { userId, hash });
            if (!deleted)
                return deleted.error();
            return deleted.value() > 0;
        },
        Retry::OnConnectionLoss);
}

QFuture<Result<int>> SqlSessionStore::revokeAll(int userId)
{
    return m_executor.run<int>(
        [userId](DbSession &session) {
            return session.execute(u"DELETE FROM Sessions WHERE userId = ?"_s, { userId });
        },
        Retry::OnConnectionLoss);
}

QFuture<Result<int>> SqlSessionStore::purgeExpired()
{
    return m_executor.run<int>(
        [clock = m_clock](DbSession &session) {
            return session.execute(u"DELETE FROM Sessions WHERE expiresAt <= ?"_s,
                                   { clock().toMSecsSinceEpoch() });
        },
        Retry::OnConnectionLoss);
}

} // namespace Im::Auth
