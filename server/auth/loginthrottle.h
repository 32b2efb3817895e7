#pragma once

#include <QDateTime>
#include <QHash>
#include <QHostAddress>
#include <QString>

#include <chrono>
#include <deque>

namespace Im::Auth {

//! Slows down password guessing without locking the owner out. Attempts count from the moment they
//! start (in flight) until they end, so a burst of concurrent guesses cannot all pass the check
//! before the first failure is recorded. Within `window`:
//! - an (account, address) pair with `perPair` failed or running attempts is refused (429);
//! - an address with `perAddress` failed or running attempts is refused, whatever the account;
//! - an account with `accountDelayAfter` failed or running attempts from anywhere is not refused
//!   but delayed: `accountDelay`, doubling with each further one, at most `accountMaxDelay`, so
//!   guesses from many addresses slow down while the owner still gets in.
//! Network thread only; memory is bounded by pruning keys whose failures have all expired.
class LoginThrottle
{
public:
    struct Limits
    {
        int perPair = 5;
        int perAddress = 20;
        int accountDelayAfter = 5;
        std::chrono::milliseconds accountDelay { 1000 };
        std::chrono::milliseconds accountMaxDelay { 30000 };
        std::chrono::seconds window { 300 };
    };

    //! What begin() decided. A refused attempt has no id and needs no finish().
    struct Decision
    {
        bool refused = false;
        std::chrono::milliseconds delay { 0 };
        quint64 attempt = 0;
    };
    enum class Outcome { Failed, Succeeded, NotTried };

    explicit LoginThrottle(Limits limits);

    //! Starts an attempt: refused, or counted in flight (after \a Decision::delay) until finish().
    [[nodiscard]] Decision begin(const QString &account, const QHostAddress &address,
                                 const QDateTime &now = QDateTime::currentDateTimeUtc());
    //! Ends \a attempt: a failure counts for the pair, the address and the account; a success
    //! clears the pair's failures; NotTried (the server could not check) counts for nothing.
    void finish(quint64 attempt, Outcome outcome,
                const QDateTime &now = QDateTime::currentDateTimeUtc());

private:
    struct Counter
    {
        std::deque<QDateTime> failures;
        int inFlight = 0;
    };
    struct Attempt
    {
        QString account;
        QString address;
    };
    using Table = QHash<QString, Counter>;

    static QString pairKey(const QString &account, const QString &address);
    int load(Table &table, const QString &key, const QDateTime &now);
    void release(Table &table, const QString &key, bool failed, const QDateTime &now);
    void prune(std::deque<QDateTime> &failures, const QDateTime &now) const;
    void pruneTable(Table &table, const QDateTime &now);

    static constexpr qsizetype maxTrackedKeys = 100000;

    Limits m_limits;
    Table m_byPair;
    Table m_byAccount;
    Table m_byAddress;
    QHash<quint64, Attempt> m_attempts;
    quint64 m_nextAttempt = 1;
};

} // namespace Im::Auth
