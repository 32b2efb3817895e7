#include "cache/inprocessapicache.h"

#include <QTest>
#include <QThreadPool>

#include <atomic>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using Im::Cache::InProcessApiCache;

namespace {

//! A clock the test moves by hand.
struct FakeClock
{
    InProcessApiCache::Clock::time_point now {};
    [[nodiscard]] std::function<InProcessApiCache::Clock::time_point()> function()
    {
        return [this] { return now; };
    }
};

std::optional<QByteArray> valueOf(InProcessApiCache &cache, const QString &key)
{
    return cache.get(key).result().value;
}

//! Looks \a key up and, on a miss, stores \a value quoting that lookup.
void fill(InProcessApiCache &cache, const QString &key, const QByteArray &value)
{
    const auto lookup = cache.get(key).result();
    cache.put(key, value, lookup.version).waitForFinished();
}

} // namespace

//! The in-process API cache: lifetime, size bound, and that an eviction is never undone by a
//! slower read that started before it.
class TestInProcessApiCache : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void storesAndAnswersUntilTheLifetimeEnds()
    {
        FakeClock clock;
        InProcessApiCache cache({ 60s, 1 << 20 }, clock.function());
        QVERIFY(!valueOf(cache, u"user:1"_s));
        fill(cache, u"user:1"_s, "one");
        QCOMPARE(valueOf(cache, u"user:1"_s), QByteArray("one"));
        QVERIFY(!valueOf(cache, u"user:2"_s));

        clock.now += 59s;
        QCOMPARE(valueOf(cache, u"user:1"_s), QByteArray("one"));
        clock.now += 1s;
        QVERIFY(!valueOf(cache, u"user:1"_s));
        QCOMPARE(cache.entryCount(), 0);
        QCOMPARE(cache.usedBytes(), 0);
    }

    void evictionRemovesTheAnswer()
    {
        FakeClock clock;
        InProcessApiCache cache({ 60s, 1 << 20 }, clock.function());
        fill(cache, u"user:1"_s, "one");
        fill(cache, u"user:2"_s, "two");
        cache.evict({ u"user:1"_s }).waitForFinished();
        QVERIFY(!valueOf(cache, u"user:1"_s));
        QCOMPARE(valueOf(cache, u"user:2"_s), QByteArray("two"));
        // A read that starts after the eviction fills the entry again.
        fill(cache, u"user:1"_s, "new");
        QCOMPARE(valueOf(cache, u"user:1"_s), QByteArray("new"));
    }

    void aReadStartedBeforeAnEvictionIsNotStored()
    {
        FakeClock clock;
        InProcessApiCache cache({ 60s, 1 << 20 }, clock.function());
        // Reader: misses, then reads the old row from the database...
        const auto lookup = cache.get(u"user:1"_s).result();
        QVERIFY(!lookup.value);
        // ...meanwhile a writer commits and evicts (the key was never cached)...
        cache.evict({ u"user:1"_s }).waitForFinished();
        // ...and the reader's old row arrives last: it must not be served from now on.
        cache.put(u"user:1"_s, "stale", lookup.version).waitForFinished();
        QVERIFY(!valueOf(cache, u"user:1"_s));

        // Same with a cached entry that the writer evicts.
        fill(cache, u"user:2"_s, "old");
        cache.evict({ u"user:2"_s }).waitForFinished();
        const auto second = cache.get(u"user:2"_s).result();
        cache.evict({ u"user:2"_s }).waitForFinished();
        cache.put(u"user:2"_s, "stale", second.version).waitForFinished();
        QVERIFY(!valueOf(cache, u"user:2"_s));
    }

    void anEvictionOutlivesItsTombstone()
    {
        FakeClock clock;
        InProcessApiCache cache({ 60s, 1 << 20 }, clock.function());
        const auto lookup = cache.get(u"user:1"_s).result();
        cache.evict({ u"user:1"_s }).waitForFinished();
        // The tombstone expires while the slow read is still running.
        clock.now += 61s;
        QCOMPARE(cache.entryCount(), 1);
        QVERIFY(!valueOf(cache, u"user:1"_s));
        QCOMPARE(cache.entryCount(), 0);
        cache.put(u"user:1"_s, "stale", lookup.version).waitForFinished();
        QVERIFY(!valueOf(cache, u"user:1"_s));
    }

    void staysWithinItsByteBudgetOldestFirst()
    {
        FakeClock clock;
        const QByteArray kilobyte(1024, 'x');
        InProcessApiCache cache({ 60s, 4 * 1024 }, clock.function());
        for (int i = 0; i < 10; ++i) {
            clock.now += 1s;
            fill(cache, u"group:%1"_s.arg(i), kilobyte);
            QVERIFY(cache.usedBytes() <= 4 * 1024);
        }
        QVERIFY(cache.entryCount() >= 2);
        QVERIFY(!valueOf(cache, u"group:0"_s));
        QCOMPARE(valueOf(cache, u"group:9"_s), kilobyte);
        QCOMPARE(valueOf(cache, u"group:8"_s), kilobyte);
        // An answer larger than the whole budget is not stored at all.
        fill(cache, u"big"_s, QByteArray(8 * 1024, 'y'));
        QVERIFY(!valueOf(cache, u"big"_s));
        QCOMPARE(valueOf(cache, u"group:9"_s), kilobyte);
    }

    void aDroppedTombstoneStillRefusesOlderReads()
    {
        FakeClock clock;
        InProcessApiCache cache({ 60s, 1024 }, clock.function());
        const auto lookup = cache.get(u"user:1"_s).result();
        cache.evict({ u"user:1"_s }).waitForFinished();
        // Enough other entries to push the tombstone out of the budget.
        for (int i = 0; i < 20; ++i)
            fill(cache, u"filler:%1"_s.arg(i), QByteArray(200, 'z'));
        cache.put(u"user:1"_s, "stale", lookup.version).waitForFinished();
        QVERIFY(!valueOf(cache, u"user:1"_s));
    }

    void aZeroBudgetTurnsTheCacheOff()
    {
        InProcessApiCache cache({ 60s, 0 });
        fill(cache, u"user:1"_s, "one");
        QVERIFY(!valueOf(cache, u"user:1"_s));
        cache.evict({ u"user:1"_s }).waitForFinished();
        QCOMPARE(cache.entryCount(), 0);
    }

    void isSafeToUseFromManyThreads()
    {
        InProcessApiCache cache({ 60s, 64 * 1024 });
        std::atomic<int> wrong { 0 };
        QThreadPool pool;
        pool.setMaxThreadCount(8);
        for (int worker = 0; worker < 8; ++worker) {
            pool.start([&cache, &wrong, worker] {
                for (int i = 0; i < 2000; ++i) {
                    const QString key = u"key:%1"_s.arg(i % 50);
                    const QByteArray value = key.toUtf8();
                    if (worker % 3 == 0)
                        cache.evict({ key }).waitForFinished();
                    const auto lookup = cache.get(key).result();
                    if (lookup.value && *lookup.value != value)
                        ++wrong;
                    else if (!lookup.value)
                        cache.put(key, value, lookup.version).waitForFinished();
                }
            });
        }
        QVERIFY(pool.waitForDone(60000));
        QCOMPARE(wrong.load(), 0);
        QVERIFY(cache.usedBytes() <= 64 * 1024);
    }
};

QTEST_GUILESS_MAIN(TestInProcessApiCache)
#include "tst_inprocessapicache.moc"
