#pragma once

#include <QDateTime>
#include <QHash>
#include <QHostAddress>

#include <chrono>
#include <deque>

namespace Im::Auth {

//! Limits registrations per address: at most `perAddress` attempts (successful or not) within
//! `window`; further ones are refused (429) until the oldest leaves the window. Network thread
//! only; keys whose attempts all expired are pruned.
class SignupThrottle
{
public:
    struct Limits
    {
        int perAddress = 20;
        std::chrono::seconds window { 3600 };
    };

    explicit SignupThrottle(Limits limits);

    //! Counts an attempt from \a address and says whether it may go on.
    [[nodiscard]] bool admit(const QHostAddress &address,
                             const QDateTime &now = QDateTime::currentDateTimeUtc());

private:
    void prune(std::deque<QDateTime> &attempts, const QDateTime &now) const;

    static constexpr qsizetype maxTrackedKeys = 100000;

    Limits m_limits;
    QHash<QString, std::deque<QDateTime>> m_byAddress;
};

} // namespace Im::Auth
