#pragma once

#include "cache/apicache.h"

#include <QHash>
#include <QMutex>

#include <chrono>
#include <functional>
#include <list>

namespace Im::Cache {

//! ApiCache in this process's memory, for a single server. Entries live for `ttl`; when the
//! entries' bytes would pass `maxBytes` the oldest go first (one TTL for all, so the oldest is also
//! the nearest to expiry). An eviction leaves a small tombstone that refuses puts of lookups made
//! before it; when a tombstone is dropped its version becomes a floor that older lookups cannot
//! pass either, so no amount of churn lets a stale answer in. Thread-safe.
class InProcessApiCache final : public ApiCache
{
public:
    using Clock = std::chrono::steady_clock;

    struct Limits
    {
        std::chrono::seconds ttl { 60 };
        qint64 maxBytes = 64 * 1024 * 1024; //!< 0 turns the cache off: every lookup misses
    };

    //! \a now replaces the steady clock in tests.
    explicit InProcessApiCache(Limits limits, std::function<Clock::time_point()> now = Clock::now);

    [[nodiscard]] QFuture<CacheLookup> get(const QString &key) override;
    QFuture<void> put(const QString &key, const QByteArray &value, quint64 version) override;
    QFuture<void> evict(const QStringList &keys) override;

    //! Entries held (answers and tombstones) and their accounted bytes, for tests and metrics.
    [[nodiscard]] qsizetype entryCount() const;
    [[nodiscard]] qint64 usedBytes() const;

private:
    struct Entry
    {
        std::optional<QByteArray> value; //!< nullopt: a tombstone left by evict()
        quint64 version = 0; //!< a tombstone's eviction version
        Clock::time_point expiresAt;
        std::list<QString>::iterator age; //!< position in m_byAge
        qint64 bytes = 0;
    };

    void store(const QString &key, Entry entry);
    void remove(QHash<QString, Entry>::iterator entry);
    void dropExpired(Clock::time_point now);

    const Limits m_limits;
    const std::function<Clock::time_point()> m_now;
    mutable QMutex m_mutex;
    QHash<QString, Entry> m_entries;
    std::list<QString> m_byAge; //!< oldest first
    qint64 m_bytes = 0;
    quint64 m_version = 0; //!< incremented by every eviction
    quint64 m_floor = 0; //!< newest version of a dropped tombstone
};

} // namespace Im::Cache
