#include "socketio/deadlinequeue.h"

#include <QElapsedTimer>
#include <QTest>

using namespace std::chrono_literals;
using Im::SocketIo::DeadlineQueue;

class TestDeadlineQueue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firesEarliestFirst()
    {
        QList<int> fired;
        DeadlineQueue<int> queue([&](int key) { fired.append(key); });
        queue.schedule(3, 60ms);
        queue.schedule(1, 20ms);
        queue.schedule(2, 40ms);
        QCOMPARE(queue.size(), 3);
        QTRY_COMPARE(fired.size(), 3);
        QCOMPARE(fired, (QList<int> { 1, 2, 3 }));
        QCOMPARE(queue.size(), 0);
    }

    void rescheduleReplacesTheDeadline()
    {
        QList<int> fired;
        DeadlineQueue<int> queue([&](int key) { fired.append(key); });
        queue.schedule(1, 20ms);
        queue.schedule(2, 40ms);
        queue.schedule(1, 80ms); // later than it was: fires once, after 2
        QCOMPARE(queue.size(), 2);
        QTRY_COMPARE(fired.size(), 2);
        QCOMPARE(fired, (QList<int> { 2, 1 }));
        QTest::qWait(100);
        QCOMPARE(fired.size(), 2);
    }

    void anEarlierDeadlineRearmsTheTimer()
    {
        QElapsedTimer clock;
        qint64 firedAfter = -1;
        DeadlineQueue<int> queue([&](int) { firedAfter = clock.elapsed(); });
        clock.start();
        queue.schedule(1, 5s);
        queue.schedule(2, 20ms);
        QTRY_VERIFY_WITH_TIMEOUT(firedAfter >= 0, 2000);
        QVERIFY2(firedAfter < 2000, "the armed timer was not brought forward");
        QVERIFY(queue.contains(1));
        QVERIFY(!queue.contains(2));
    }

    void cancelledNeverFires()
    {
        QList<int> fired;
        DeadlineQueue<int> queue([&](int key) { fired.append(key); });
        queue.schedule(1, 20ms);
        queue.schedule(2, 30ms);
        queue.cancel(1);
        queue.cancel(7); // unknown: nothing happens
        QVERIFY(!queue.contains(1));
        QTRY_COMPARE(fired, (QList<int> { 2 }));
        QTest::qWait(50);
        QCOMPARE(fired, (QList<int> { 2 }));
    }

    void aCallbackMayCancelOthersDueAndRescheduleItself()
    {
        QList<int> fired;
        DeadlineQueue<int> *self = nullptr;
        DeadlineQueue<int> queue([&](int key) {
            fired.append(key);
            if (fired.size() == 1) {
                self->cancel(2); // due as well: it must not run any more
                self->schedule(1, 30ms); // once more, later
            }
        });
        self = &queue;
        queue.schedule(1, 10ms);
        queue.schedule(2, 10ms);
        QTest::qWait(25); // both due by the time the timer fires
        QTRY_COMPARE(fired, (QList<int> { 1, 1 }));
        QCOMPARE(queue.size(), 0);
        QTest::qWait(50);
        QCOMPARE(fired, (QList<int> { 1, 1 }));
    }
};

QTEST_GUILESS_MAIN(TestDeadlineQueue)
#include "tst_deadlinequeue.moc"
