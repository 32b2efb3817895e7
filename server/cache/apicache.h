#pragma once

#include <QByteArray>
#include <QFuture>
#include <QString>
#include <QStringList>

#include <optional>

namespace Im::Cache {

//! What a lookup found: the stored bytes on a hit, and on a miss the version that a later put()
//! must quote, so that an answer read from the database before an eviction is never stored after
//! it (a slow read racing an update would otherwise put the old row back).
struct CacheLookup
{
    std::optional<QByteArray> value;
    quint64 version = 0;
};

//! The API answer cache (spec §7.1, D-20): serialised answers by key, each kept for the cache's
//! lifetime setting (API_CACHE_TTL). Keys name what the answer depends on (CacheKeys); an answer
//! that depends on the caller has the caller's id in its key. Writers evict the keys they change
//! after their transaction committed and before they answer, so a client reads its own writes.
//!
//! Every call is asynchronous so that a networked implementation (Redis) fits the same seam; the
//! in-process one answers with finished futures. Implementations are thread-safe: database jobs
//! evict from worker threads, and may wait for the returned futures there (never on the network
//! thread).
class ApiCache
{
public:
    virtual ~ApiCache();

    [[nodiscard]] virtual QFuture<CacheLookup> get(const QString &key) = 0;
    //! Stores \a value under \a key unless the key was evicted after the lookup that returned
    //! \a version.
    virtual QFuture<void> put(const QString &key, const QByteArray &value, quint64 version) = 0;
    //! Removes \a keys; a put() quoting an older lookup of one of them is ignored afterwards.
    virtual QFuture<void> evict(const QStringList &keys) = 0;
};

} // namespace Im::Cache
