#pragma once

#include "auth/sessionstore.h"

#include <QDateTime>

#include <chrono>
#include <functional>
#include <memory>

namespace Im::Auth {

//! A SessionStore in front of another (the SQL one) that keeps the sessions in use in memory, so
//! an authenticated request costs no database job (issue #12, item 4).
//!
//! - **Lookups.** A known session answers at once (a ready future) from memory; its expiry slides
//!   in memory on every use. An unknown one is looked up in the inner store and then kept.
//! - **Sliding expiry in the store.** The inner store's expiry is written ahead of the true one:
//!   when a use moves the expiry past what the store holds, the store is set to now + ttl +
//!   `writeInterval` (one `lookup` of the inner store, in the background), so it is written at
//!   most once per `writeInterval` per session and never falls behind the true expiry. After a
//!   restart a session that was in use lives on; an idle one may live at most `writeInterval`
//!   longer than its TTL. In this process an idle session ends exactly at its TTL: its entry
//!   stays as a tombstone, refusing it, until the store's row has expired as well.
//! - **Revocation.** revoke() and revokeAll() drop the entries at once, before and again after
//!   the inner store's delete, and a lookup that was read from the store while a revocation ran
//!   is not kept, so a revoked token is refused by the very next request.
//! - **Bound.** At most `maxEntries` sessions, least recently used first out; a session pushed out
//!   is simply read from the store again. 0 turns the cache off (every call goes through).
//!
//! Per process: a session revoked by another server on the same database is refused here only
//! after the entry's next write to the store (at most `writeInterval`) or its eviction; sharing
//! revocations between servers is issue #13's business. Thread-safe; futures are fulfilled on the
//! inner store's threads, or at once for answers from memory.
class CachingSessionStore final : public SessionStore
{
public:
    //! The current time; thread-safe. Tests pass a controllable one.
    using Clock = std::function<QDateTime()>;

    struct Settings
    {
        int maxEntries = 50000; //!< SESSION_CACHE_MAX; 0: no caching
        std::chrono::seconds writeInterval { 60 };
    };

    //! What the cache did so far (for tests and metrics).
    struct Counters
    {
        quint64 hits = 0; //!< lookups and peeks answered from memory
        quint64 misses = 0; //!< lookups and peeks sent to the inner store
        quint64 writes = 0; //!< sliding-expiry writes started
        quint64 evictions = 0; //!< entries pushed out by maxEntries
    };

    //! \a inner must outlive this store and every future it returned.
    CachingSessionStore(SessionStore &inner, Settings settings, Clock clock = systemClock());
    //! The same, owning \a inner.
    CachingSessionStore(std::unique_ptr<SessionStore> inner, Settings settings,
                        Clock clock = systemClock());

    [[nodiscard]] QFuture<Result<QString>> issue(int userId, QString jwt,
                                                 std::chrono::seconds ttl) override;
    [[nodiscard]] QFuture<Result<QString>> lookup(int userId, QString token,
                                                  std::chrono::seconds slidingTtl) override;
    [[nodiscard]] QFuture<Result<Peek>> peek(int userId, QString token) override;
    [[nodiscard]] QFuture<Result<bool>> revoke(int userId, QString token) override;
    [[nodiscard]] QFuture<Result<int>> revokeAll(int userId) override;
    [[nodiscard]] QFuture<Result<int>> purgeExpired() override;

    [[nodiscard]] int size() const;
    [[nodiscard]] Counters counters() const;
    [[nodiscard]] static Clock systemClock();

private:
    struct State;

    [[nodiscard]] qint64 nowMs() const;
    void writeExpiry(int userId, const QString &token, std::chrono::seconds slidingTtl);

    std::unique_ptr<SessionStore> m_owned;
    SessionStore &m_inner;
    const Settings m_settings;
    const Clock m_clock;
    //! Shared with the continuations of the inner store's futures, which may finish after this
    //! store is gone.
    std::shared_ptr<State> m_state;
};

} // namespace Im::Auth
