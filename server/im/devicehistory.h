#pragma once

#include "im/deliverychannel.h"

#include <QHash>
#include <QString>

#include <utility>

namespace Im::Core {

//! What the hub still knows of a device whose channels all closed: its delivery counters summed
//! over those channels (queued, inFlight and oldestWaitingMs are 0), the latest ack, and when its
//! last channel closed. The admin console shows offline devices with it.
struct DeviceRecord
{
    QueueStats figures;
    qint64 lastSeenAtMs = 0; //!< wall clock of the latest channel close
};

//! A bounded record of recently closed devices: at most `capacity` devices; past it the device
//! seen longest ago is forgotten. Network thread.
class DeviceHistory
{
public:
    using Key = std::pair<int, QString>; //!< (userId, deviceId)

    explicit DeviceHistory(qsizetype capacity = 10000);

    //! A channel of the device closed at \a closedAtMs (wall clock) with \a figures (its
    //! counters are added up).
    void noteClosed(int userId, const QString &deviceId, const QueueStats &figures,
                    qint64 closedAtMs);
    //! The device's record, nullptr when none.
    [[nodiscard]] const DeviceRecord *find(int userId, const QString &deviceId) const;
    [[nodiscard]] const QHash<Key, DeviceRecord> &records() const { return m_records; }

private:
    void forgetOldest();

    const qsizetype m_capacity;
    QHash<Key, DeviceRecord> m_records;
};

} // namespace Im::Core
