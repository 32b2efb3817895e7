#include "realtime/eventratelimiter.h"

#include <QDateTime>
#include <QElapsedTimer>

#include <algorithm>
#include <memory>

namespace Im::Realtime {

namespace {

// Idle users' full buckets are dropped every this many calls, so the table stays small.
constexpr int pruneEvery = 4096;

} // namespace

EventRateLimiter::EventRateLimiter(Settings settings, std::function<qint64()> nowMs)
    : m_settings(settings)
    , m_nowMs(std::move(nowMs))
{
    if (!m_nowMs) {
        auto clock = std::make_shared<QElapsedTimer>();
        clock->start();
        m_nowMs = [clock] { return clock->elapsed(); };
    }
}

bool EventRateLimiter::take(Bucket &bucket, double rate, double burst, qint64 now, bool commit)
{
    if (rate <= 0)
        return true; // no limit
    const double refilled =
        std::min(burst, bucket.tokens + double(now - bucket.updatedMs) * rate / 1000.0);
    if (refilled < 1.0)
        return false;
    if (commit) {
        bucket.tokens = refilled - 1.0;
        bucket.updatedMs = now;
    }
    return true;
}

EventRateLimiter::Verdict EventRateLimiter::admit(const QString &socketId, int userId)
{
    const qint64 now = m_nowMs();
    if (++m_callsSincePrune >= pruneEvery)
        pruneUsers(now);
    auto socket = m_sockets.find(socketId);
    if (socket == m_sockets.end()) {
        socket = m_sockets.insert(socketId, {});
        socket->bucket = { m_settings.socketBurst, now };
        socket->windowStartMs = now;
    }
    auto user = m_users.find(userId);
    if (user == m_users.end())
        user = m_users.insert(userId, { m_settings.userBurst, now });
    // Both or neither: a token taken from one bucket for a refused event would be lost.
    const bool socketHas =
        take(socket->bucket, m_settings.socketRate, m_settings.socketBurst, now, false);
    const bool userHas = take(*user, m_settings.userRate, m_settings.userBurst, now, false);
    if (socketHas && userHas) {
        (void)take(socket->bucket, m_settings.socketRate, m_settings.socketBurst, now, true);
        (void)take(*user, m_settings.userRate, m_settings.userBurst, now, true);
        return Verdict::Allowed;
    }
    if (now - socket->windowStartMs >= m_settings.abuseWindowMs) {
        socket->windowStartMs = now;
        socket->refusals = 0;
    }
    ++socket->refusals;
    if (m_settings.abuseLimit > 0 && socket->refusals >= m_settings.abuseLimit)
        return Verdict::Abusive;
    return Verdict::Limited;
}

void EventRateLimiter::forgetSocket(const QString &socketId)
{
    m_sockets.remove(socketId);
}

bool EventRateLimiter::reserveMessage(int userId)
{
    if (m_settings.dailyMessages <= 0)
        return true;
    const qint64 today = QDateTime::currentSecsSinceEpoch() / 86400;
    Quota &quota = m_quotas[userId];
    if (quota.day != today)
        quota = { today, 0 };
    if (quota.used >= m_settings.dailyMessages)
        return false;
    ++quota.used;
    return true;
}

void EventRateLimiter::releaseMessage(int userId)
{
    if (m_settings.dailyMessages <= 0)
        return;
    auto quota = m_quotas.find(userId);
    if (quota != m_quotas.end() && quota->used > 0)
        --quota->used;
}

void EventRateLimiter::pruneUsers(qint64 now)
{
    m_callsSincePrune = 0;
    // A bucket that has refilled completely holds no information.
    for (auto it = m_users.begin(); it != m_users.end();) {
        const double refilled =
            it->tokens + double(now - it->updatedMs) * m_settings.userRate / 1000.0;
        it = refilled >= m_settings.userBurst ? m_users.erase(it) : std::next(it);
    }
    const qint64 today = QDateTime::currentSecsSinceEpoch() / 86400;
    for (auto it = m_quotas.begin(); it != m_quotas.end();)
        it = it->day != today ? m_quotas.erase(it) : std::next(it);
}

} // namespace Im::Realtime
