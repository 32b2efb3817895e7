#include "im/cumulativecursor.h"

#include <QTest>

using Im::Core::CumulativeCursor;

// The cursor rule as a table: pushes of ids 1..n end ok (o), lost (x: failed or timed out) in the
// order given; the cursor must stop just below the lowest message not acknowledged, whatever the
// order, and move on once the lost ones are redelivered.
class TestCumulativeCursor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rule_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<QList<int>>("ackOrder"); // ids acknowledged, in this order
        QTest::addColumn<qint64>("expected");

        QTest::newRow("1 ok, 2 lost, 3 ok") << 3 << QList<int> { 1, 3 } << qint64(1);
        QTest::newRow("all ok in order") << 3 << QList<int> { 1, 2, 3 } << qint64(3);
        QTest::newRow("all ok reversed") << 3 << QList<int> { 3, 2, 1 } << qint64(3);
        QTest::newRow("3 ok, 1 ok, 2 lost") << 3 << QList<int> { 3, 1 } << qint64(1);
        QTest::newRow("first lost") << 3 << QList<int> { 2, 3 } << qint64(0);
        QTest::newRow("last lost") << 3 << QList<int> { 1, 2 } << qint64(2);
        QTest::newRow("all lost") << 3 << QList<int> {} << qint64(0);
        QTest::newRow("2 ok, 4 ok, 1 ok, 3 lost") << 4 << QList<int> { 2, 4, 1 } << qint64(2);
        QTest::newRow("duplicate acks") << 3 << QList<int> { 1, 1, 3, 3 } << qint64(1);
    }

    void rule()
    {
        QFETCH(int, count);
        QFETCH(QList<int>, ackOrder);
        QFETCH(qint64, expected);
        CumulativeCursor cursor;
        for (int id = 1; id <= count; ++id)
            QVERIFY(cursor.track(id));
        for (int id : ackOrder)
            cursor.acknowledge(id);
        QCOMPARE(cursor.value(), expected);
        QCOMPARE(cursor.highestTracked(), qint64(count));
    }

    void lostMessageRedeliveredThenCursorMovesOn()
    {
        CumulativeCursor cursor;
        cursor.track(1);
        cursor.track(2);
        cursor.track(3);
        QVERIFY(cursor.acknowledge(1));
        // 2 is lost (no ack, or a failure); 3 is acknowledged: the cursor stays at 1.
        QVERIFY(!cursor.acknowledge(3));
        QCOMPARE(cursor.value(), qint64(1));
        QVERIFY(cursor.isTracked(2));
        // 2 is redelivered and acknowledged: the cursor jumps over the run to 3.
        QVERIFY(cursor.acknowledge(2));
        QCOMPARE(cursor.value(), qint64(3));
        QCOMPARE(cursor.outstanding(), 0);
    }

    void neverMovesBackwardsNorPassesUntracked()
    {
        CumulativeCursor cursor(10);
        QVERIFY(!cursor.track(5)); // at or below the cursor: held already
        QVERIFY(!cursor.track(10));
        QVERIFY(cursor.track(12));
        QVERIFY(!cursor.track(11)); // ids come in increasing order only
        QVERIFY(!cursor.acknowledge(11)); // never pushed: ignored
        QCOMPARE(cursor.value(), qint64(10));
        QVERIFY(cursor.acknowledge(12));
        QCOMPARE(cursor.value(), qint64(12));
        QVERIFY(!cursor.acknowledge(12));
        QCOMPARE(cursor.value(), qint64(12));
    }

    // Every order of ok / lost over four messages: the cursor is the longest acked prefix.
    void everyOutcomeInEveryOrder()
    {
        constexpr int count = 4;
        QList<int> ids { 1, 2, 3, 4 };
        for (int mask = 0; mask < (1 << count); ++mask) {
            std::sort(ids.begin(), ids.end());
            do {
                CumulativeCursor cursor;
                for (int id = 1; id <= count; ++id)
                    cursor.track(id);
                for (int id : ids) {
                    if (mask & (1 << (id - 1)))
                        cursor.acknowledge(id);
                }
                qint64 prefix = 0;
                while (prefix < count && (mask & (1 << prefix)))
                    ++prefix;
                QCOMPARE(cursor.value(), prefix);
            } while (std::next_permutation(ids.begin(), ids.end()));
        }
    }
};

QTEST_APPLESS_MAIN(TestCumulativeCursor)
#include "tst_cumulativecursor.moc"
