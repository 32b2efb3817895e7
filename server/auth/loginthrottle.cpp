#include "auth/loginthrottle.h"

#include <algorithm>

namespace Im::Auth {

LoginThrottle::LoginThrottle(Limits limits)
    : m_limits(limits)
{ }

QString LoginThrottle::pairKey(const QString &account, const QString &address)
{
    return account + u'\n' + address;
}

void LoginThrottle::prune(std::deque<QDateTime> &failures, const QDateTime &now) const
{
    const QDateTime oldest = now.addSecs(-m_limits.window.count());
    while (!failures.empty() && failures.front() <= oldest)
        failures.pop_front();
}

int LoginThrottle::load(Table &table, const QString &key, const QDateTime &now)
{
    auto it = table.find(key);
    if (it == table.end())
        return 0;
    prune(it->failures, now);
    if (it->failures.empty() && it->inFlight == 0) {
        table.erase(it);
        return 0;
    }
    return int(it->failures.size()) + it->inFlight;
}

LoginThrottle::Decision LoginThrottle::begin(const QString &account, const QHostAddress &address,
                                             const QDateTime &now)
{
    const QString from = address.toString();
    const QString pair = pairKey(account, from);
    Decision decision;
    if (load(m_byPair, pair, now) >= m_limits.perPair
        || load(m_byAddress, from, now) >= m_limits.perAddress) {
        decision.refused = true;
        return decision;
    }
    const int accountLoad = load(m_byAccount, account, now);
    if (accountLoad >= m_limits.accountDelayAfter) {
        const int doublings = std::min(accountLoad - m_limits.accountDelayAfter, 30);
        const qint64 delay = m_limits.accountDelay.count() * (qint64(1) << doublings);
        decision.delay =
            std::chrono::milliseconds(std::min<qint64>(delay, m_limits.accountMaxDelay.count()));
    }
    for (Table *table : { &m_byPair, &m_byAccount, &m_byAddress }) {
        if (table->size() > maxTrackedKeys)
            pruneTable(*table, now);
    }
    m_byPair[pair].inFlight += 1;
    m_byAccount[account].inFlight += 1;
    m_byAddress[from].inFlight += 1;
    decision.attempt = m_nextAttempt++;
    m_attempts.insert(decision.attempt, Attempt { account, from });
    return decision;
}

void LoginThrottle::release(Table &table, const QString &key, bool failed, const QDateTime &now)
{
    auto it = table.find(key);
    if (it == table.end())
        return;
    it->inFlight = std::max(0, it->inFlight - 1);
    prune(it->failures, now);
    if (failed)
        it->failures.push_back(now);
    if (it->failures.empty() && it->inFlight == 0)
        table.erase(it);
}

void LoginThrottle::finish(quint64 attempt, Outcome outcome, const QDateTime &now)
{
    const auto it = m_attempts.constFind(attempt);
    if (it == m_attempts.cend())
        return;
    const Attempt ended = *it;
    m_attempts.erase(it);
    const bool failed = outcome == Outcome::Failed;
    const QString pair = pairKey(ended.account, ended.address);
    release(m_byPair, pair, failed, now);
    release(m_byAccount, ended.account, failed, now);
    release(m_byAddress, ended.address, failed, now);
    // The owner's own mistypes from this address are forgiven; the account's failures from
    // elsewhere keep slowing the guesses down.
    if (outcome == Outcome::Succeeded) {
        auto own = m_byPair.find(pair);
        if (own != m_byPair.end()) {
            own->failures.clear();
            if (own->inFlight == 0)
                m_byPair.erase(own);
        }
    }
}

void LoginThrottle::pruneTable(Table &table, const QDateTime &now)
{
    // Keys whose failures all expired would otherwise pile up under a spray of accounts.
    for (auto it = table.begin(); it != table.end();) {
        prune(it->failures, now);
        it = it->failures.empty() && it->inFlight == 0 ? table.erase(it) : std::next(it);
    }
}

} // namespace Im::Auth
