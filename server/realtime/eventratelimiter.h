#pragma once

#include "im/sendquota.h"

#include <QHash>
#include <QString>

#include <functional>

namespace Im::Realtime {

//! Token buckets for the events clients send on their sockets (issue #11): one per socket and one
//! per user (all of a user's sockets share it), so neither a socket nor a user with many sockets
//! can flood the server, plus a per-user daily message quota. Refusals of one socket are counted
//! over a window; a socket refused too often is to be disconnected. Network thread; the clock is
//! injectable for tests.
class EventRateLimiter final : public Core::SendQuota
{
public:
    struct Settings
    {
        //! Events a second per socket (EVENT_RATE_PER_SOCKET); 0: no limit.
        double socketRate = 50;
        double socketBurst = 200; //!< bucket size per socket (EVENT_BURST_PER_SOCKET)
        //! Events a second of all sockets of a user (EVENT_RATE_PER_USER); 0: no limit.
        double userRate = 100;
        double userBurst = 400; //!< bucket size per user (EVENT_BURST_PER_USER)
        int abuseLimit = 1000; //!< refusals within abuseWindowMs that disconnect (0: never)
        qint64 abuseWindowMs = 10000;
        int dailyMessages = 0; //!< messages stored per user per UTC day (0: no quota)
    };

    enum class Verdict {
        Allowed,
        Limited, //!< over a rate: answer 429
        Abusive, //!< over a rate, and too often: answer 429 and disconnect the socket
    };

    //! \a nowMs: a monotonic clock in milliseconds (QElapsedTimer's by default).
    explicit EventRateLimiter(Settings settings, std::function<qint64()> nowMs = {});

    //! Takes one token from \a socketId's and \a userId's buckets, or none when either is empty.
    Verdict admit(const QString &socketId, int userId);
    //! Forgets \a socketId (it disconnected).
    void forgetSocket(const QString &socketId);

    //! Reserves one message of \a userId's daily quota; false when it is used up.
    bool reserveMessage(int userId) override;
    //! Gives back a reserved message that was not stored (refused, duplicate, failed).
    void releaseMessage(int userId) override;
    int messagesPerDay() const override { return m_settings.dailyMessages; }

    [[nodiscard]] const Settings &settings() const { return m_settings; }

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 updatedMs = 0;
    };
    struct SocketState
    {
        Bucket bucket;
        int refusals = 0;
        qint64 windowStartMs = 0;
    };
    struct Quota
    {
        qint64 day = -1;
        int used = 0;
    };

    [[nodiscard]] bool take(Bucket &bucket, double rate, double burst, qint64 now, bool commit);
    void pruneUsers(qint64 now);

    Settings m_settings;
    std::function<qint64()> m_nowMs;
    QHash<QString, SocketState> m_sockets;
    QHash<int, Bucket> m_users;
    QHash<int, Quota> m_quotas;
    int m_callsSincePrune = 0;
};

} // namespace Im::Realtime
