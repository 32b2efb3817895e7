#include "auth/signupthrottle.h"

namespace Im::Auth {

SignupThrottle::SignupThrottle(Limits limits)
    : m_limits(limits)
{ }

void SignupThrottle::prune(std::deque<QDateTime> &attempts, const QDateTime &now) const
{
    const QDateTime oldest = now.addSecs(-m_limits.window.count());
    while (!attempts.empty() && attempts.front() <= oldest)
        attempts.pop_front();
}

bool SignupThrottle::admit(const QHostAddress &address, const QDateTime &now)
{
    if (m_byAddress.size() > maxTrackedKeys) {
        for (auto it = m_byAddress.begin(); it != m_byAddress.end();) {
            prune(*it, now);
            it = it->empty() ? m_byAddress.erase(it) : std::next(it);
        }
    }
    std::deque<QDateTime> &attempts = m_byAddress[address.toString()];
    prune(attempts, now);
    if (int(attempts.size()) >= m_limits.perAddress)
        return false;
    attempts.push_back(now);
    return true;
}

} // namespace Im::Auth
