#pragma once

#include "auth/passwordhasher.h"
#include "im/result.h"

#include <QFuture>
#include <QPromise>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>

namespace Im::Auth {

//! The threads that hash and verify passwords, apart from the database workers (an argon2id hash
//! takes its memory cost and tens of milliseconds of CPU; on the database threads a burst of
//! logins stalled every request). At most `threads` jobs run and `queue` wait; beyond that a job
//! is refused at once with Unavailable (503) instead of queueing without bound. Submit from the
//! network thread; futures are fulfilled on a pool thread (continue them with whenFinished).
class PasswordHashPool
{
public:
    struct Settings
    {
        int threads = 2;
        int queue = 32;
        PasswordHasher::Cost cost;
    };

    explicit PasswordHashPool(Settings settings);
    ~PasswordHashPool();
    Q_DISABLE_COPY_MOVE(PasswordHashPool)

    [[nodiscard]] const Settings &settings() const { return m_settings; }
    //! Jobs running or waiting.
    [[nodiscard]] int inFlight() const { return m_inFlight.load(); }

    //! Runs \a job on the pool; Unavailable when the pool and its queue are full.
    template<typename T>
    QFuture<Result<T>> run(std::function<Result<T>()> job)
    {
        auto promise = std::make_shared<QPromise<Result<T>>>();
        promise->start();
        QFuture<Result<T>> future = promise->future();
        if (!tryReserve()) {
            promise->addResult(Result<T>(busy()));
            promise->finish();
            return future;
        }
        m_pool.start([this, promise, job = std::move(job)] {
            promise->addResult(job());
            promise->finish();
            m_inFlight.fetch_sub(1);
        });
        return future;
    }

    //! Hashes \a password with the configured cost.
    QFuture<Result<QString>> hash(const QString &password);
    //! What a login checks: whether \a password matches \a storedHash (an empty one, for an
    //! unknown account, is checked against a decoy hash of the same cost so both take as long),
    //! and a new hash when the stored one needs an upgrade.
    struct Verdict
    {
        bool matches = false;
        QString rehash; //!< empty unless the stored hash is bcrypt or of another cost
    };
    QFuture<Result<Verdict>> verify(const QString &storedHash, const QString &password);

private:
    bool tryReserve();
    static Error busy();
    QString decoyHash();

    Settings m_settings;
    QThreadPool m_pool;
    std::atomic<int> m_inFlight { 0 };
    std::once_flag m_decoyOnce;
    QString m_decoy;
};

} // namespace Im::Auth
