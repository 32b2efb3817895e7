#include "auth/loginthrottle.h"

namespace Im::Auth {

LoginThrottle::LoginThrottle(Limits limits)
    : m_limits(limits)
{ }

void LoginThrottle::prune(Failures &failures, const QDateTime &now) const
{
    const QDateTime oldest = now.addSecs(-m_limits.window.count());
    while (!failures.empty() && failures.front() <= oldest)
        failures.pop_front();
}

bool LoginThrottle::exceeds(QHash<QString, Failures> &table, const QString &key, int limit,
                            const QDateTime &now)
{
    auto it = table.find(key);
    if (it == table.end())
        return false;
    prune(*it, now);
    if (it->empty()) {
        table.erase(it);
        return false;
    }
    return int(it->size()) >= limit;
}

bool LoginThrottle::isBlocked(const QString &account, const QHostAddress &address,
                              const QDateTime &now)
{
    return exceeds(m_byAccount, account, m_limits.failuresPerAccount, now)
        || exceeds(m_byAddress, address.toString(), m_limits.failuresPerAddress, now);
}

void LoginThrottle::recordFailure(const QString &account, const QHostAddress &address,
                                  const QDateTime &now)
{
    addFailure(m_byAccount, account, now);
    addFailure(m_byAddress, address.toString(), now);
}

void LoginThrottle::addFailure(QHash<QString, Failures> &table, const QString &key,
                               const QDateTime &now)
{
    Failures &failures = table[key];
    prune(failures, now);
    failures.push_back(now);
    // Keys whose failures all expired would otherwise pile up under a spray of accounts.
    if (table.size() > maxTrackedKeys) {
        for (auto it = table.begin(); it != table.end();) {
            prune(*it, now);
            it = it->empty() ? table.erase(it) : std::next(it);
        }
    }
}

void LoginThrottle::recordSuccess(const QString &account)
{
    m_byAccount.remove(account);
}

} // namespace Im::Auth
