#include "auth/cachingsessionstore.h"

#include <QHash>
#include <QMutex>

#include <algorithm>
#include <list>

using namespace Qt::StringLiterals;

namespace Im::Auth {

namespace {

template<typename T>
QFuture<Result<T>> ready(Result<T> value)
{
    return QtFuture::makeReadyFuture(std::move(value));
}

Error unknownSession()
{
    return makeError(ErrorCode::NotFound, u"No such session."_s);
}

qint64 msecs(std::chrono::seconds duration)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(duration).count();
}

} // namespace

struct CachingSessionStore::State
{
    struct Entry
    {
        int userId = 0;
        QString jwt;
        qint64 expiresAt = 0; // epoch ms; slides on every use
        qint64 storedExpiresAt = 0; // what the inner store holds, at least
        bool writing = false; // a sliding write is in flight
        std::list<QString>::iterator recency; // position in `recency`
    };

    explicit State(int capacity)
        : maxEntries(capacity)
    { }

    // Keeps a session read from or written to the inner store, unless a revocation started or
    // finished since `seenGeneration` was read (the store may have answered before its delete).
    void remember(const QString &token, int userId, const QString &jwt, qint64 expiresAt,
                  qint64 storedExpiresAt, quint64 seenGeneration)
    {
        QMutexLocker lock(&mutex);
        if (seenGeneration != generation)
            return;
        auto it = entries.find(token);
        if (it != entries.end()) {
            it->userId = userId;
            it->jwt = jwt;
            it->expiresAt = std::max(it->expiresAt, expiresAt);
            it->storedExpiresAt = std::max(it->storedExpiresAt, storedExpiresAt);
            recency.splice(recency.begin(), recency, it->recency);
            return;
        }
        while (entries.size() >= maxEntries && !recency.empty()) {
            entries.remove(recency.back());
            recency.pop_back();
            ++counters.evictions;
        }
        recency.push_front(token);
        entries.insert(token,
                       Entry { userId, jwt, expiresAt, storedExpiresAt, false, recency.begin() });
    }

    // Call with `mutex` held.
    void forget(QHash<QString, Entry>::iterator it)
    {
        recency.erase(it->recency);
        entries.erase(it);
    }

    void forgetToken(int userId, const QString &token)
    {
        QMutexLocker lock(&mutex);
        ++generation;
        auto it = entries.find(token);
        if (it != entries.end() && it->userId == userId)
            forget(it);
    }

    void forgetUser(int userId)
    {
        QMutexLocker lock(&mutex);
        ++generation;
        for (auto it = entries.begin(); it != entries.end();) {
            if (it->userId == userId) {
                recency.erase(it->recency);
                it = entries.erase(it);
            } else {
                ++it;
            }
        }
    }

    const qsizetype maxEntries;
    QMutex mutex;
    QHash<QString, Entry> entries; // by token
    std::list<QString> recency; // tokens, most recently used first
    quint64 generation = 0; // bumped by every revocation, before and after the store's delete
    Counters counters;
};

CachingSessionStore::CachingSessionStore(SessionStore &inner, Settings settings, Clock clock)
    : m_inner(inner)
    , m_settings(settings)
    , m_clock(std::move(clock))
    , m_state(std::make_shared<State>(std::max(settings.maxEntries, 0)))
{ }

CachingSessionStore::CachingSessionStore(std::unique_ptr<SessionStore> inner, Settings settings,
                                         Clock clock)
    : m_owned(std::move(inner))
    , m_inner(*m_owned)
    , m_settings(settings)
    , m_clock(std::move(clock))
    , m_state(std::make_shared<State>(std::max(settings.maxEntries, 0)))
{ }

CachingSessionStore::Clock CachingSessionStore::systemClock()
{
    return [] { return QDateTime::currentDateTimeUtc(); };
}

qint64 CachingSessionStore::nowMs() const
{
    return m_clock().toMSecsSinceEpoch();
}

int CachingSessionStore::size() const
{
    QMutexLocker lock(&m_state->mutex);
    return int(m_state->entries.size());
}

CachingSessionStore::Counters CachingSessionStore::counters() const
{
    QMutexLocker lock(&m_state->mutex);
    return m_state->counters;
}

QFuture<Result<QString>> CachingSessionStore::issue(int userId, QString jwt,
                                                    std::chrono::seconds ttl)
{
    if (m_settings.maxEntries <= 0 || ttl.count() <= 0)
        return m_inner.issue(userId, std::move(jwt), ttl);
    const qint64 now = nowMs();
    quint64 generation = 0;
    {
        QMutexLocker lock(&m_state->mutex);
        generation = m_state->generation;
    }
    // The store's expiry runs one write interval ahead of the true one (see the class).
    return m_inner.issue(userId, jwt, ttl + m_settings.writeInterval)
        .then(QtFuture::Launch::Sync,
              [state = m_state, userId, jwt, generation, expiresAt = now + msecs(ttl),
               stored = now + msecs(ttl + m_settings.writeInterval)](Result<QString> token) {
                  if (token)
                      state->remember(token.value(), userId, jwt, expiresAt, stored, generation);
                  return token;
              });
}

QFuture<Result<QString>> CachingSessionStore::lookup(int userId, QString token,
                                                     std::chrono::seconds slidingTtl)
{
    if (m_settings.maxEntries <= 0 || slidingTtl.count() <= 0)
        return m_inner.lookup(userId, std::move(token), slidingTtl);
    const qint64 now = nowMs();
    quint64 generation = 0;
    {
        QMutexLocker lock(&m_state->mutex);
        auto it = m_state->entries.find(token);
        if (it != m_state->entries.end()) {
            ++m_state->counters.hits;
            // Tokens are unique: one of another user's is as unknown as in the store.
            if (it->userId != userId)
                return ready<QString>(unknownSession());
            if (now >= it->expiresAt) {
                // Idle past its TTL. The store's row may live up to a write interval longer (it
                // runs ahead), so the entry stays as a tombstone until the row has expired too.
                if (now >= it->expiresAt + msecs(m_settings.writeInterval))
                    m_state->forget(it);
                return ready<QString>(unknownSession());
            }
            it->expiresAt = std::max(it->expiresAt, now + msecs(slidingTtl));
            m_state->recency.splice(m_state->recency.begin(), m_state->recency, it->recency);
            const bool write = !it->writing && it->expiresAt > it->storedExpiresAt;
            if (write) {
                it->writing = true;
                ++m_state->counters.writes;
            }
            QString jwt = it->jwt;
            lock.unlock();
            if (write)
                writeExpiry(userId, token, slidingTtl);
            return ready<QString>(std::move(jwt));
        }
        ++m_state->counters.misses;
        generation = m_state->generation;
    }
    return m_inner.lookup(userId, token, slidingTtl + m_settings.writeInterval)
        .then(QtFuture::Launch::Sync,
              [state = m_state, token, userId, generation, expiresAt = now + msecs(slidingTtl),
               stored = now + msecs(slidingTtl + m_settings.writeInterval)](Result<QString> jwt) {
                  if (jwt)
                      state->remember(token, userId, jwt.value(), expiresAt, stored, generation);
                  return jwt;
              });
}

void CachingSessionStore::writeExpiry(int userId, const QString &token,
                                      std::chrono::seconds slidingTtl)
{
    const qint64 stored = nowMs() + msecs(slidingTtl + m_settings.writeInterval);
    auto written = m_inner.lookup(userId, token, slidingTtl + m_settings.writeInterval);
    auto settled = [state = m_state, userId, token, stored](const Result<QString> *outcome) {
        QMutexLocker lock(&state->mutex);
        auto it = state->entries.find(token);
        if (it == state->entries.end() || it->userId != userId)
            return;
        it->writing = false;
        if (outcome && *outcome)
            it->storedExpiresAt = std::max(it->storedExpiresAt, stored);
        else if (outcome && outcome->error().code == ErrorCode::NotFound)
            state->forget(it); // gone from the store (revoked by another process): gone here
        // Any other failure (the database did not answer): the next use tries again.
    };
    written
        .then(QtFuture::Launch::Sync,
              [settled](Result<QString> outcome) {
                  settled(&outcome);
                  return true;
              })
        .onCanceled([settled] {
            settled(nullptr);
            return false;
        });
}

QFuture<Result<SessionStore::Peek>> CachingSessionStore::peek(int userId, QString token)
{
    if (m_settings.maxEntries > 0) {
        const qint64 now = nowMs();
        QMutexLocker lock(&m_state->mutex);
        auto it = m_state->entries.find(token);
        if (it != m_state->entries.end()) {
            ++m_state->counters.hits;
            if (it->userId != userId || now >= it->expiresAt)
                return ready<Peek>(unknownSession());
            return ready<Peek>(
                Peek { it->jwt, QDateTime::fromMSecsSinceEpoch(it->expiresAt, Qt::UTC) });
        }
        ++m_state->counters.misses;
    }
    // Not in use here: the store's expiry (ahead of the true one by at most a write interval).
    return m_inner.peek(userId, std::move(token));
}

QFuture<Result<bool>> CachingSessionStore::revoke(int userId, QString token)
{
    // Dropped before the delete, so no request after this call is answered from memory, and
    // after it, in case a lookup read the row meanwhile and kept it.
    m_state->forgetToken(userId, token);
    return m_inner.revoke(userId, token)
        .then(QtFuture::Launch::Sync, [state = m_state, userId, token](Result<bool> outcome) {
            state->forgetToken(userId, token);
            return outcome;
        });
}

QFuture<Result<int>> CachingSessionStore::revokeAll(int userId)
{
    m_state->forgetUser(userId);
    return m_inner.revokeAll(userId).then(QtFuture::Launch::Sync,
                                          [state = m_state, userId](Result<int> outcome) {
                                              state->forgetUser(userId);
                                              return outcome;
                                          });
}

QFuture<Result<int>> CachingSessionStore::purgeExpired()
{
    {
        // Expired entries stay as tombstones until the store's row (ahead by at most a write
        // interval) has expired too; then they go.
        const qint64 gone = nowMs() - msecs(m_settings.writeInterval);
        QMutexLocker lock(&m_state->mutex);
        for (auto it = m_state->entries.begin(); it != m_state->entries.end();) {
            if (gone >= it->expiresAt) {
                m_state->recency.erase(it->recency);
                it = m_state->entries.erase(it);
            } else {
                ++it;
            }
        }
    }
    return m_inner.purgeExpired();
}

} // namespace Im::Auth
