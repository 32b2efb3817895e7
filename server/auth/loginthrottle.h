#pragma once

#include <QDateTime>
#include <QHash>
#include <QHostAddress>
#include <QString>

#include <chrono>
#include <deque>

namespace Im::Auth {

//! Slows down password guessing: after too many failed logins within a window, further attempts
//! for that account, or from that address, are refused (429) until the window has passed. Runs on
//! the network thread; memory is bounded by pruning keys whose failures have all expired.
class LoginThrottle
{
public:
    struct Limits
    {
        int failuresPerAccount = 5;
        int failuresPerAddress = 20;
        std::chrono::seconds window { 300 };
    };

    explicit LoginThrottle(Limits limits);

    [[nodiscard]] bool isBlocked(const QString &account, const QHostAddress &address,
                                 const QDateTime &now = QDateTime::currentDateTimeUtc());
    void recordFailure(const QString &account, const QHostAddress &address,
                       const QDateTime &now = QDateTime::currentDateTimeUtc());
    //! A successful login clears the account's failures (not the address's).
    void recordSuccess(const QString &account);

private:
    using Failures = std::deque<QDateTime>;
    void prune(Failures &failures, const QDateTime &now) const;
    bool exceeds(QHash<QString, Failures> &table, const QString &key, int limit,
                 const QDateTime &now);
    void addFailure(QHash<QString, Failures> &table, const QString &key, const QDateTime &now);

    static constexpr qsizetype maxTrackedKeys = 100000;

    Limits m_limits;
    QHash<QString, Failures> m_byAccount;
    QHash<QString, Failures> m_byAddress;
};

} // namespace Im::Auth
