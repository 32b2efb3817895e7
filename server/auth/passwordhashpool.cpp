#include "auth/passwordhashpool.h"

#include <mutex>

using namespace Qt::StringLiterals;

namespace Im::Auth {

PasswordHashPool::PasswordHashPool(Settings settings)
    : m_settings(settings)
{
    m_pool.setMaxThreadCount(std::max(1, m_settings.threads));
    m_pool.setObjectName(u"password-hashing"_s);
}

PasswordHashPool::~PasswordHashPool()
{
    m_pool.waitForDone();
}

bool PasswordHashPool::tryReserve()
{
    const int limit = std::max(1, m_settings.threads) + std::max(0, m_settings.queue);
    int current = m_inFlight.load();
    while (current < limit) {
        if (m_inFlight.compare_exchange_weak(current, current + 1))
            return true;
    }
    return false;
}

Error PasswordHashPool::busy()
{
    return makeError(ErrorCode::Unavailable, u"The server is busy, try again later."_s);
}

QString PasswordHashPool::decoyHash()
{
    std::call_once(m_decoyOnce, [this] {
        auto decoy = PasswordHasher::hash(u"decoy-password-1"_s, m_settings.cost);
        if (decoy)
            m_decoy = decoy.value();
    });
    return m_decoy;
}

QFuture<Result<QString>> PasswordHashPool::hash(const QString &password)
{
    return run<QString>(
        [password, cost = m_settings.cost] { return PasswordHasher::hash(password, cost); });
}

QFuture<Result<PasswordHashPool::Verdict>> PasswordHashPool::verify(const QString &storedHash,
                                                                    const QString &password)
{
    return run<Verdict>([this, storedHash, password]() -> Result<Verdict> {
        Verdict verdict;
        if (storedHash.isEmpty()) {
            // Verifying against a real hash of the same cost keeps an unknown account as slow as
            // a known one, so response times do not tell which accounts exist.
            (void)PasswordHasher::verify(decoyHash(), password);
            return verdict;
        }
        verdict.matches = PasswordHasher::verify(storedHash, password);
        if (verdict.matches && PasswordHasher::needsRehash(storedHash, m_settings.cost)) {
            // The original's bcrypt hashes (or hashes of another cost) move to the configured
            // argon2id at their owner's next login.
            if (auto rehashed = PasswordHasher::hash(password, m_settings.cost))
                verdict.rehash = rehashed.value();
        }
        return verdict;
    });
}

} // namespace Im::Auth
