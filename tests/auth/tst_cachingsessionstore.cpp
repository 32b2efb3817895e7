#include "auth/cachingsessionstore.h"
#include "auth/sqlsessionstore.h"
#include "scratchdatabase.h"
#include "store/dbexecutor.h"
#include "store/schemapreparation.h"
#include "testservices.h"

#include <QHash>
#include <QPromise>
#include <QTest>

#include <atomic>
#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace Im;
using Im::Auth::CachingSessionStore;
using Im::Auth::SessionStore;
using Im::Auth::SqlSessionStore;
using Im::Test::ScratchDatabase;

namespace {

constexpr auto hour = std::chrono::seconds(1h);

// A clock the test moves by hand; read on the executor's worker threads too.
struct ManualClock
{
    std::shared_ptr<std::atomic<qint64>> ms = std::make_shared<std::atomic<qint64>>(
        QDateTime(QDate(2024, 5, 1), QTime(8, 0), Qt::UTC).toMSecsSinceEpoch());

    void advance(std::chrono::milliseconds by) { *ms += by.count(); }
    [[nodiscard]] qint64 now() const { return ms->load(); }
    [[nodiscard]] std::function<QDateTime()> clock() const
    {
        return [ms = ms] { return QDateTime::fromMSecsSinceEpoch(ms->load(), Qt::UTC); };
    }
};

template<typename T>
QFuture<Result<T>> readyResult(Result<T> value)
{
    return QtFuture::makeReadyFuture(std::move(value));
}

Error notFound()
{
    return makeError(ErrorCode::NotFound, u"No such session."_s);
}

// The store behind the cache: sessions in a map, every call counted. Answers at once, unless
// `hold` is set: then lookups wait until release() (a slow database).
class CountingStore final : public SessionStore
{
public:
    explicit CountingStore(ManualClock clock)
        : m_clock(std::move(clock))
    { }

    struct Row
    {
        int userId;
        QString jwt;
        qint64 expiresAt;
    };
    QHash<QString, Row> rows;
    int issues = 0, lookups = 0, peeks = 0, revokes = 0, revokeAlls = 0;
    bool hold = false;

    QFuture<Result<QString>> issue(int userId, QString jwt, std::chrono::seconds ttl) override
    {
        ++issues;
        const QString token = u"token-%1"_s.arg(++m_next);
        rows.insert(token, Row { userId, jwt, m_clock.now() + ttl.count() * 1000 });
        return readyResult<QString>(token);
    }

    QFuture<Result<QString>> lookup(int userId, QString token, std::chrono::seconds ttl) override
    {
        ++lookups;
        if (!hold)
            return readyResult(answerLookup(userId, token, ttl));
        auto promise = std::make_shared<QPromise<Result<QString>>>();
        promise->start();
        m_held.append([this, promise, userId, token, ttl] {
            promise->addResult(answerLookup(userId, token, ttl));
            promise->finish();
        });
        return promise->future();
    }

    // Answers the held lookups as the rows stand now.
    void release()
    {
        const auto held = std::exchange(m_held, {});
        for (const auto &answer : held)
            answer();
    }

    QFuture<Result<Peek>> peek(int userId, QString token) override
    {
        ++peeks;
        const auto it = rows.constFind(token);
        if (it == rows.cend() || it->userId != userId || it->expiresAt <= m_clock.now())
            return readyResult<Peek>(notFound());
        return readyResult<Peek>(
            Peek { it->jwt, QDateTime::fromMSecsSinceEpoch(it->expiresAt, Qt::UTC) });
    }

    QFuture<Result<bool>> revoke(int userId, QString token) override
    {
        ++revokes;
        const auto it = rows.find(token);
        if (it == rows.end() || it->userId != userId)
            return readyResult<bool>(false);
        rows.erase(it);
        return readyResult<bool>(true);
    }

    QFuture<Result<int>> revokeAll(int userId) override
    {
        ++revokeAlls;
        const qsizetype removed =
            rows.removeIf([userId](const auto &row) { return row.value().userId == userId; });
        return readyResult<int>(int(removed));
    }

    QFuture<Result<int>> purgeExpired() override { return readyResult<int>(0); }

    [[nodiscard]] qint64 storedExpiry(const QString &token) const
    {
        return rows.value(token, Row { 0, {}, 0 }).expiresAt;
    }

private:
    Result<QString> answerLookup(int userId, const QString &token, std::chrono::seconds ttl)
    {
        const auto it = rows.find(token);
        if (it == rows.end() || it->userId != userId || it->expiresAt <= m_clock.now())
            return notFound();
        it->expiresAt = m_clock.now() + ttl.count() * 1000;
        return it->jwt;
    }

    ManualClock m_clock;
    int m_next = 0;
    QList<std::function<void()>> m_held;
};

template<typename T>
Result<T> await(QFuture<Result<T>> future)
{
    // Held futures finish from the test itself; the others are ready or finish on a worker.
    return future.result();
}

} // namespace

class TestCachingSessionStore : public QObject
{
    Q_OBJECT

private:
    ManualClock m_clock;
    std::unique_ptr<CountingStore> m_inner;

    static qint64 storedExpiry(SqlSessionStore &table, int userId, const QString &token)
    {
        auto row = await(table.peek(userId, token));
        return row ? row->expiresAt.toMSecsSinceEpoch() : 0;
    }

    std::unique_ptr<CachingSessionStore> cache(int maxEntries = 100)
    {
        return std::make_unique<CachingSessionStore>(
            *m_inner, CachingSessionStore::Settings { .maxEntries = maxEntries }, m_clock.clock());
    }

private Q_SLOTS:
    void init()
    {
        m_clock = ManualClock();
        m_inner = std::make_unique<CountingStore>(m_clock);
    }

    void knownSessionAnswersWithoutTheStore()
    {
        auto store = cache();
        const QString token = await(store->issue(10001, u"jwt-a"_s, hour)).value();
        for (int i = 0; i < 100; ++i) {
            auto future = store->lookup(10001, token, hour);
            QVERIFY(future.isFinished()); // from memory: no job, no waiting
            auto jwt = await(future);
            QVERIFY(jwt);
            QCOMPARE(jwt.value(), u"jwt-a"_s);
        }
        QCOMPARE(m_inner->lookups, 0);
        QCOMPARE(store->counters().hits, 100u);

        // A session issued before (another process, a restart) is read once, then kept.
        const QString older = await(m_inner->issue(10002, u"jwt-b"_s, hour)).value();
        for (int i = 0; i < 50; ++i)
            QCOMPARE(await(store->lookup(10002, older, hour)).value(), u"jwt-b"_s);
        QCOMPARE(m_inner->lookups, 1);
        QCOMPARE(store->counters().misses, 1u);

        // Another user's token is refused, from memory too.
        auto foreign = await(store->lookup(10002, token, hour));
        QVERIFY(!foreign);
        QCOMPARE(foreign.error().code, ErrorCode::NotFound);
        QCOMPARE(m_inner->lookups, 1);
        // Peeks (live sockets) are answered from memory as well.
        QVERIFY(await(store->peek(10001, token)));
        QCOMPARE(m_inner->peeks, 0);
    }

    void slidingExpiryIsWrittenAtMostOncePerMinute()
    {
        auto store = cache();
        const QString token = await(store->issue(10001, u"jwt"_s, hour)).value();
        // One use a second for ten minutes.
        int expectedAtMost = 0;
        for (int second = 1; second <= 600; ++second) {
            m_clock.advance(1s);
            QVERIFY(await(store->lookup(10001, token, hour)));
            // The stored expiry never falls behind the true one (now + TTL after this use), and
            // runs ahead of it by at most a minute.
            const qint64 trueExpiry = m_clock.now() + 3600 * 1000;
            QVERIFY2(m_inner->storedExpiry(token) >= trueExpiry,
                     qPrintable(QString::number(second)));
            QVERIFY(m_inner->storedExpiry(token) <= trueExpiry + 60 * 1000);
            expectedAtMost = second / 60 + 1;
            QVERIFY2(m_inner->lookups <= expectedAtMost,
                     qPrintable(u"%1 writes after %2 s"_s.arg(m_inner->lookups).arg(second)));
        }
        QVERIFY(m_inner->lookups >= 9); // and it is written
        QCOMPARE(store->counters().writes, quint64(m_inner->lookups));
        // The in-memory expiry slides on every use.
        const auto peeked = await(store->peek(10001, token));
        QVERIFY(peeked);
        QCOMPARE(peeked->expiresAt.toMSecsSinceEpoch(), m_clock.now() + 3600 * 1000);
    }

    void idleSessionExpiresAtItsTtl()
    {
        auto store = cache();
        const QString token = await(store->issue(10001, u"jwt"_s, hour)).value();
        m_clock.advance(30min);
        QVERIFY(await(store->lookup(10001, token, hour)));
        m_clock.advance(hour - 1s);
        QVERIFY(await(store->lookup(10001, token, hour))); // used within its TTL: alive
        m_clock.advance(hour);
        auto expired = await(store->lookup(10001, token, hour));
        QVERIFY(!expired);
        QCOMPARE(expired.error().code, ErrorCode::NotFound);
        QVERIFY(!await(store->peek(10001, token)));
        // The store's row, written ahead, outlives it by up to a minute: the entry refuses the
        // token meanwhile instead of reading the row again.
        QVERIFY(m_inner->storedExpiry(token) > m_clock.now());
        QCOMPARE(store->size(), 1);
        m_clock.advance(30s);
        QVERIFY(!await(store->lookup(10001, token, hour)));
        QVERIFY(!await(store->lookup(10001, token, hour)));
        QCOMPARE(m_inner->lookups, 2); // the two sliding writes, no reads
        m_clock.advance(30s);
        QVERIFY(m_inner->storedExpiry(token) <= m_clock.now());
        QVERIFY(!await(store->lookup(10001, token, hour)));
        QCOMPARE(store->size(), 0);
        QVERIFY(!await(store->lookup(10001, token, hour))); // the store's row has expired too
    }

    void revocationIsEffectiveAtOnce()
    {
        auto store = cache();
        const QString first = await(store->issue(10001, u"jwt-1"_s, hour)).value();
        const QString second = await(store->issue(10001, u"jwt-2"_s, hour)).value();
        const QString other = await(store->issue(10002, u"jwt-3"_s, hour)).value();
        QVERIFY(await(store->lookup(10001, first, hour)));

        // Logout: that session only.
        QCOMPARE(await(store->revoke(10001, first)).value(), true);
        QVERIFY(!await(store->lookup(10001, first, hour)));
        QVERIFY(!await(store->peek(10001, first)));
        QVERIFY(await(store->lookup(10001, second, hour)));

        // Every session of the user (deletion, admin revoke); other users keep theirs.
        const int before = m_inner->lookups;
        QCOMPARE(await(store->revokeAll(10001)).value(), 1);
        QVERIFY(!await(store->lookup(10001, second, hour)));
        QVERIFY(!await(store->peek(10001, second)));
        QVERIFY(m_inner->lookups > before); // asked the store, which has no such session
        QVERIFY(await(store->lookup(10002, other, hour)));
        QCOMPARE(store->size(), 1);
    }

    void lookupRacingARevocationIsNotKept()
    {
        auto store = cache();
        m_inner->hold = true;
        const QString next = await(m_inner->issue(10003, u"jwt-next"_s, hour)).value();
        auto readBeforeDelete = store->lookup(10003, next, hour);
        QVERIFY(!readBeforeDelete.isFinished());
        // The store read the row before its delete, but the answer arrives after the
        // revocation: it is given to its caller (the request was in flight) and not kept.
        QVERIFY(await(store->revokeAll(10003)).value() == 1);
        m_inner->rows.insert(next, { 10003, u"jwt-next"_s, m_clock.now() + 3600 * 1000 });
        m_inner->release();
        QVERIFY(await(readBeforeDelete)); // the answer itself raced the revocation
        m_inner->rows.remove(next);
        m_inner->hold = false;
        QVERIFY(!await(store->lookup(10003, next, hour)));
    }

    void theCacheIsBounded()
    {
        auto store = cache(3);
        QStringList tokens;
        for (int i = 0; i < 3; ++i)
            tokens.append(await(store->issue(10001 + i, u"jwt"_s, hour)).value());
        // The first is used, so the second is the least recently used one.
        QVERIFY(await(store->lookup(10001, tokens[0], hour)));
        tokens.append(await(store->issue(10004, u"jwt"_s, hour)).value());
        tokens.append(await(store->issue(10005, u"jwt"_s, hour)).value());
        QCOMPARE(store->size(), 3);
        QCOMPARE(store->counters().evictions, 2u);
        const int before = m_inner->lookups;
        QVERIFY(await(store->lookup(10001, tokens[0], hour)));
        QCOMPARE(m_inner->lookups, before); // kept
        QVERIFY(await(store->lookup(10002, tokens[1], hour))); // pushed out: read again
        QCOMPARE(m_inner->lookups, before + 1);
        QCOMPARE(store->size(), 3);

        for (int i = 0; i < 1000; ++i)
            QVERIFY(await(store->issue(20000 + i, u"jwt"_s, hour)));
        QCOMPARE(store->size(), 3);
    }

    void zeroTurnsTheCacheOff()
    {
        auto store = cache(0);
        const QString token = await(store->issue(10001, u"jwt"_s, hour)).value();
        for (int i = 0; i < 5; ++i)
            QVERIFY(await(store->lookup(10001, token, hour)));
        QCOMPARE(m_inner->lookups, 5);
        QCOMPARE(store->size(), 0);
    }

    // On the real table: a session in use survives a restart (a new cache on the same database),
    // an idle one does not.
    void aUsedSessionSurvivesARestart()
    {
        auto database = ScratchDatabase::create(false);
        Store::DbExecutor executor(database->settings());
        auto prepared = executor.run<Store::MigrationReport>(Store::prepareSchema).result();
        QVERIFY(prepared);
        QVERIFY(executor
                    .run<int>([](Store::DbSession &session) {
                        return session.execute(u"INSERT INTO Users (account, pwd) VALUES "
                                               "('13700000001', 'x')"_s);
                    })
                    .result());
        const int alice =
            database->scalar(u"SELECT id FROM Users WHERE account = '13700000001'"_s).toInt();
        SqlSessionStore table(executor, m_clock.clock());

        QString used;
        QString idle;
        {
            CachingSessionStore store(table, {}, m_clock.clock());
            used = await(store.issue(alice, u"jwt-used"_s, hour)).value();
            idle = await(store.issue(alice, u"jwt-idle"_s, hour)).value();
            // Used every 7 s for three hours: far beyond the TTL since the login.
            for (int i = 0; i < 3 * 3600 / 7; ++i) {
                m_clock.advance(7s);
                QVERIFY(await(store.lookup(alice, used, hour)));
                // The table never falls behind the true expiry (once the background write
                // that this use may have started is done: a request does not wait for it).
                QTRY_VERIFY(storedExpiry(table, alice, used) >= m_clock.now() + 3600 * 1000);
            }
            // One write per 63 s of use (every ninth use), not one per use.
            QVERIFY(store.counters().writes <= 3 * 3600 / 60);
            QVERIFY(store.counters().writes >= 3 * 3600 / 63 - 1);
        } // the process ends
        m_clock.advance(59min);
        CachingSessionStore restarted(table, {}, m_clock.clock());
        auto alive = await(restarted.lookup(alice, used, hour));
        QVERIFY(alive);
        QCOMPARE(alive.value(), u"jwt-used"_s);
        // Unused for four hours: gone, from the store and from a fresh cache.
        auto gone = await(restarted.lookup(alice, idle, hour));
        QVERIFY(!gone);
        QCOMPARE(gone.error().code, ErrorCode::NotFound);
        // The restarted cache slides and writes as before; revoking reaches the table.
        QVERIFY(await(restarted.revoke(alice, used)).value());
        QVERIFY(!await(table.lookup(alice, used, hour)));
        QVERIFY(!await(restarted.lookup(alice, used, hour)));
        executor.stop();
    }
};

QTEST_GUILESS_MAIN(TestCachingSessionStore)
#include "tst_cachingsessionstore.moc"
