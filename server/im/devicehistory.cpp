#include "im/devicehistory.h"

#include <algorithm>

namespace Im::Core {

DeviceHistory::DeviceHistory(qsizetype capacity)
    : m_capacity(std::max<qsizetype>(capacity, 1))
{ }

void DeviceHistory::noteClosed(int userId, const QString &deviceId, const QueueStats &figures,
                               qint64 closedAtMs)
{
    const Key key { userId, deviceId };
    if (!m_records.contains(key) && m_records.size() >= m_capacity)
        forgetOldest();
    DeviceRecord &record = m_records[key];
    record.figures += figures;
    // A closed device waits for nothing in memory: what it misses is in the database.
    record.figures.queued = record.figures.inFlight = 0;
    record.figures.oldestWaitingMs = 0;
    record.lastSeenAtMs = std::max(record.lastSeenAtMs, closedAtMs);
}

const DeviceRecord *DeviceHistory::find(int userId, const QString &deviceId) const
{
    const auto found = m_records.constFind({ userId, deviceId });
    return found == m_records.cend() ? nullptr : &found.value();
}

void DeviceHistory::forgetOldest()
{
    // A linear scan, once per new device past the capacity: cheaper than an ordered index that
    // every close would update.
    auto oldest = m_records.begin();
    for (auto it = m_records.begin(); it != m_records.end(); ++it) {
        if (it->lastSeenAtMs < oldest->lastSeenAtMs)
            oldest = it;
    }
    if (oldest != m_records.end())
        m_records.erase(oldest);
}

} // namespace Im::Core
