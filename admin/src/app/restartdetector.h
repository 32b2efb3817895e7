#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace Im::Admin {

//! Tells a server restart from a reconnect: the server's `instanceId` or `startedAt` changed (the
//! overview, the feed's `server` event), or, from a server that sends neither, its uptime went
//! backwards. Kept across the console's reconnects; reset() when it connects to another server.
class RestartDetector
{
public:
    //! Takes what \a identity says (`instanceId`, `startedAt`, `uptimeSeconds`, each optional);
    //! returns when the new process started if it is not the one seen before, else an invalid
    //! time (also for the first identity seen).
    [[nodiscard]] QDateTime observe(const QJsonObject &identity);
    void reset() { *this = RestartDetector(); }

private:
    QString m_instanceId;
    QDateTime m_startedAt;
    double m_uptimeSeconds = -1;
};

} // namespace Im::Admin
