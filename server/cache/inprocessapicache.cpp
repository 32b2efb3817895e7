#include "cache/inprocessapicache.h"

#include <QMutexLocker>

namespace Im::Cache {

namespace {

// What an entry costs besides its key and value: hash node, list node, bookkeeping.
constexpr qint64 entryOverhead = 96;

qint64 bytesOf(const QString &key, const std::optional<QByteArray> &value)
{
    return entryOverhead + key.size() * qint64(sizeof(QChar)) + (value ? value->size() : 0);
}

} // namespace

InProcessApiCache::InProcessApiCache(Limits limits, std::function<Clock::time_point()> now)
    : m_limits(limits)
    , m_now(std::move(now))
{ }

QFuture<CacheLookup> InProcessApiCache::get(const QString &key)
{
    QMutexLocker lock(&m_mutex);
    dropExpired(m_now());
    CacheLookup lookup;
    lookup.version = m_version;
    const auto found = m_entries.constFind(key);
    if (found != m_entries.cend())
        lookup.value = found->value;
    return QtFuture::makeReadyFuture(std::move(lookup));
}

QFuture<void> InProcessApiCache::put(const QString &key, const QByteArray &value, quint64 version)
{
    QMutexLocker lock(&m_mutex);
    const auto now = m_now();
    dropExpired(now);
    const auto found = m_entries.find(key);
    const bool evictedSince =
        found != m_entries.end() ? (!found->value && found->version > version) : m_floor > version;
    if (!evictedSince && bytesOf(key, value) <= m_limits.maxBytes)
        store(key, Entry { value, 0, now + m_limits.ttl, {}, 0 });
    return QtFuture::makeReadyFuture();
}

QFuture<void> InProcessApiCache::evict(const QStringList &keys)
{
    QMutexLocker lock(&m_mutex);
    const auto now = m_now();
    dropExpired(now);
    for (const QString &key : keys) {
        ++m_version;
        // Without room for the tombstone the floor does its work instead.
        if (bytesOf(key, std::nullopt) <= m_limits.maxBytes) {
            store(key, Entry { std::nullopt, m_version, now + m_limits.ttl, {}, 0 });
        } else {
            if (auto found = m_entries.find(key); found != m_entries.end())
                remove(found);
            m_floor = m_version;
        }
    }
    return QtFuture::makeReadyFuture();
}

qsizetype InProcessApiCache::entryCount() const
{
    QMutexLocker lock(&m_mutex);
    return m_entries.size();
}

qint64 InProcessApiCache::usedBytes() const
{
    QMutexLocker lock(&m_mutex);
    return m_bytes;
}

void InProcessApiCache::store(const QString &key, Entry entry)
{
    if (auto old = m_entries.find(key); old != m_entries.end())
        remove(old);
    entry.bytes = bytesOf(key, entry.value);
    while (!m_byAge.empty() && m_bytes + entry.bytes > m_limits.maxBytes)
        remove(m_entries.find(m_byAge.front()));
    entry.age = m_byAge.insert(m_byAge.end(), key);
    m_bytes += entry.bytes;
    m_entries.insert(key, std::move(entry));
}

void InProcessApiCache::remove(QHash<QString, Entry>::iterator entry)
{
    if (!entry->value)
        m_floor = std::max(m_floor, entry->version);
    m_bytes -= entry->bytes;
    m_byAge.erase(entry->age);
    m_entries.erase(entry);
}

void InProcessApiCache::dropExpired(Clock::time_point now)
{
    // One lifetime for all: the oldest entries are the first to expire.
    while (!m_byAge.empty()) {
        const auto oldest = m_entries.find(m_byAge.front());
        if (oldest->expiresAt > now)
            break;
        remove(oldest);
    }
}

} // namespace Im::Cache
