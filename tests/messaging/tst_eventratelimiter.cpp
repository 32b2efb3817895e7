#include "realtime/eventratelimiter.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Im::Realtime::EventRateLimiter;
using Verdict = EventRateLimiter::Verdict;

//! The token buckets on a fake clock: bursts, refill, the per-user bucket shared by sockets, the
//! abuse verdict and the daily quota.
class TestEventRateLimiter : public QObject
{
    Q_OBJECT

private:
    qint64 m_now = 1000;

    EventRateLimiter limiter(EventRateLimiter::Settings settings)
    {
        return EventRateLimiter(settings, [this] { return m_now; });
    }

    static EventRateLimiter::Settings small()
    {
        EventRateLimiter::Settings settings;
        settings.socketRate = 10;
        settings.socketBurst = 5;
        settings.userRate = 20;
        settings.userBurst = 8;
        settings.abuseLimit = 4;
        settings.abuseWindowMs = 1000;
        return settings;
    }

private Q_SLOTS:
    void burstThenRefill()
    {
        auto rates = limiter(small());
        for (int i = 0; i < 5; ++i)
            QCOMPARE(rates.admit(u"s1"_s, 1), Verdict::Allowed);
        QCOMPARE(rates.admit(u"s1"_s, 1), Verdict::Limited);
        // 10 a second: one token after 100 ms.
        m_now += 100;
        QCOMPARE(rates.admit(u"s1"_s, 1), Verdict::Allowed);
        QCOMPARE(rates.admit(u"s1"_s, 1), Verdict::Limited);
    }

    void socketsOfOneUserShareItsBucket()
    {
        auto rates = limiter(small());
        for (int i = 0; i < 5; ++i)
            QCOMPARE(rates.admit(u"s1"_s, 1), Verdict::Allowed);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(rates.admit(u"s2"_s, 1), Verdict::Allowed);
        // The user's 8 are used up although s2 has tokens left; another user is not affected.
        QCOMPARE(rates.admit(u"s2"_s, 1), Verdict::Limited);
        QCOMPARE(rates.admit(u"s3"_s, 2), Verdict::Allowed);
    }

    void refusedTooOftenIsAbusive()
    {
        auto rates = limiter(small());
        for (int i = 0; i < 5; ++i)
            (void)rates.admit(u"s1"_s, 1);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(rates.admit(u"s1"_s, 1), Verdict::Limited);
        QCOMPARE(rates.admit(u"s1"_s, 1), Verdict::Abusive);
        // A new window starts the count again.
        m_now += 1000;
        for (int i = 0; i < 5; ++i)
            QCOMPARE(rates.admit(u"s1"_s, 1), Verdict::Allowed);
        QCOMPARE(rates.admit(u"s1"_s, 1), Verdict::Limited);
    }

    void zeroRateMeansNoLimit()
    {
        EventRateLimiter::Settings settings = small();
        settings.socketRate = 0;
        settings.userRate = 0;
        auto rates = limiter(settings);
        for (int i = 0; i < 1000; ++i)
            QCOMPARE(rates.admit(u"s1"_s, 1), Verdict::Allowed);
    }

    void dailyQuota()
    {
        EventRateLimiter::Settings settings = small();
        settings.dailyMessages = 2;
        auto rates = limiter(settings);
        QVERIFY(rates.reserveMessage(1));
        QVERIFY(rates.reserveMessage(1));
        QVERIFY(!rates.reserveMessage(1));
        QVERIFY(rates.reserveMessage(2));
        rates.releaseMessage(1); // that one was not stored after all
        QVERIFY(rates.reserveMessage(1));
        QVERIFY(!rates.reserveMessage(1));
    }
};

QTEST_GUILESS_MAIN(TestEventRateLimiter)
#include "tst_eventratelimiter.moc"
