#include "auth/loginthrottle.h"
#include "auth/signupthrottle.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using Im::Auth::LoginThrottle;
using Im::Auth::SignupThrottle;

namespace {

const QHostAddress attacker(u"198.51.100.7"_s);
const QHostAddress owner(u"203.0.113.9"_s);
const QDateTime t0 = QDateTime::fromSecsSinceEpoch(1800000000, Qt::UTC);

} // namespace

class TestLoginThrottle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void attemptsInFlightCountBeforeTheyFail()
    {
        LoginThrottle throttle({});
        QList<quint64> running;
        for (int i = 0; i < 5; ++i) {
            const auto decision = throttle.begin(u"13800000001"_s, attacker, t0);
            QVERIFY(!decision.refused);
            running.append(decision.attempt);
        }
        // None has failed yet, and still the sixth concurrent guess is refused.
        QVERIFY(throttle.begin(u"13800000001"_s, attacker, t0).refused);
        for (quint64 attempt : std::as_const(running))
            throttle.finish(attempt, LoginThrottle::Outcome::Failed, t0);
        QVERIFY(throttle.begin(u"13800000001"_s, attacker, t0).refused);
        // The window passes.
        QVERIFY(!throttle.begin(u"13800000001"_s, attacker, t0.addSecs(301)).refused);
    }

    void theAccountIsDelayedNotLocked()
    {
        LoginThrottle throttle({});
        for (int i = 0; i < 5; ++i) {
            const auto decision = throttle.begin(u"13800000001"_s, attacker, t0);
            throttle.finish(decision.attempt, LoginThrottle::Outcome::Failed, t0);
        }
        const auto home = throttle.begin(u"13800000001"_s, owner, t0);
        QVERIFY(!home.refused);
        QCOMPARE(home.delay, 1000ms);
        // A further attempt while that one runs waits twice as long, and so on up to the cap.
        QCOMPARE(throttle.begin(u"13800000001"_s, QHostAddress(u"192.0.2.1"_s), t0).delay, 2000ms);
        for (int i = 2; i < 40; ++i)
            (void)throttle.begin(u"13800000001"_s, QHostAddress(u"192.0.2.%1"_s.arg(i)), t0);
        QCOMPARE(throttle.begin(u"13800000001"_s, QHostAddress(u"192.0.3.1"_s), t0).delay, 30000ms);
        // Other accounts are not slowed.
        QCOMPARE(throttle.begin(u"13800000002"_s, owner, t0).delay, 0ms);
    }

    void perAddressLimitCoversEveryAccount()
    {
        LoginThrottle throttle({});
        for (int i = 0; i < 20; ++i) {
            const auto decision = throttle.begin(u"1380000%1"_s.arg(1000 + i), attacker, t0);
            QVERIFY(!decision.refused);
        }
        QVERIFY(throttle.begin(u"13900000000"_s, attacker, t0).refused);
        QVERIFY(!throttle.begin(u"13900000000"_s, owner, t0).refused);
    }

    void successForgivesOnlyItsPairAndUncheckedAttemptsCountForNothing()
    {
        LoginThrottle throttle({});
        for (int i = 0; i < 4; ++i) {
            const auto decision = throttle.begin(u"13800000001"_s, owner, t0);
            throttle.finish(decision.attempt, LoginThrottle::Outcome::Failed, t0);
        }
        const auto busy = throttle.begin(u"13800000001"_s, owner, t0);
        throttle.finish(busy.attempt, LoginThrottle::Outcome::NotTried, t0);
        const auto success = throttle.begin(u"13800000001"_s, owner, t0);
        QVERIFY(!success.refused);
        throttle.finish(success.attempt, LoginThrottle::Outcome::Succeeded, t0);
        for (int i = 0; i < 5; ++i)
            QVERIFY(!throttle.begin(u"13800000001"_s, owner, t0).refused);
    }

    void signUpsAreLimitedPerAddress()
    {
        SignupThrottle throttle({ 3, 60s });
        for (int i = 0; i < 3; ++i)
            QVERIFY(throttle.admit(attacker, t0));
        QVERIFY(!throttle.admit(attacker, t0.addSecs(59)));
        QVERIFY(throttle.admit(owner, t0));
        QVERIFY(throttle.admit(attacker, t0.addSecs(61)));
    }
};

QTEST_GUILESS_MAIN(TestLoginThrottle)
#include "tst_loginthrottle.moc"
