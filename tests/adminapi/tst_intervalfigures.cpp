#include "adminapi/intervalfigures.h"
#include "adminapi/minutehistory.h"

#include <QJsonArray>
#include <QTest>

using namespace Im::AdminApi;
using namespace Qt::StringLiterals;

// The admin rate samples' arithmetic: quantiles from histogram buckets, what a histogram saw
// between two reads, and the per-minute history.
class TestIntervalFigures : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void quantile_data()
    {
        QTest::addColumn<BucketCounts>("counts"); // per bucket of {0.001, 0.01, 0.1} s, then +Inf
        QTest::addColumn<double>("q");
        QTest::addColumn<double>("expectedMs"); // < 0: none

        QTest::newRow("nothing observed") << BucketCounts { 0, 0, 0, 0 } << 0.5 << -1.0;
        QTest::newRow("all in the first bucket, median")
            << BucketCounts { 4, 0, 0, 0 } << 0.5 << 0.5;
        QTest::newRow("all in the second bucket, p99")
            << BucketCounts { 0, 10, 0, 0 } << 0.99 << (1.0 + 9.0 * 0.99);
        QTest::newRow("median in the lower half") << BucketCounts { 2, 2, 0, 0 } << 0.5 << 1.0;
        QTest::newRow("p99 in the slow tail") << BucketCounts { 98, 0, 2, 0 } << 0.99 << 55.0;
        QTest::newRow("beyond the last bound") << BucketCounts { 0, 0, 0, 3 } << 0.5 << 100.0;
    }

    void quantile()
    {
        QFETCH(BucketCounts, counts);
        QFETCH(double, q);
        QFETCH(double, expectedMs);

        const std::optional<double> ms = quantileMs({ 0.001, 0.01, 0.1 }, counts, q);

        if (expectedMs < 0) {
            QVERIFY(!ms);
        } else {
            QVERIFY(ms);
            QCOMPARE(*ms, expectedMs);
        }
    }

    void deltaSeesOnlyNewObservations()
    {
        Im::Metrics::Histogram histogram({ 0.001, 0.01 });
        histogram.observe(0.0005);
        HistogramDelta delta(histogram); // what was there before is not this interval's

        histogram.observe(0.005);
        histogram.observe(0.005);
        histogram.observe(5);
        QCOMPARE(delta.take(), (BucketCounts { 0, 2, 1 }));
        QCOMPARE(delta.take(), (BucketCounts { 0, 0, 0 }));
        histogram.observe(0.0001);
        QCOMPARE(delta.take(), (BucketCounts { 1, 0, 0 }));
    }

    void minutesMergeTheirSamples()
    {
        MinuteHistory history({ 0.001, 0.01 });
        const QDateTime start(QDate(2026, 12, 3), QTime(10, 0, 58), Qt::UTC);
        const auto sample = [](qint64 messages, qint64 queued) {
            IntervalFigures figures;
            figures.seconds = 1;
            figures.samples = 1;
            figures.messages = messages;
            figures.maxQueued = queued;
            figures.sendToAck = { 0, quint64(messages), 0 };
            return figures;
        };

        history.add(start, sample(10, 5));
        history.add(start.addSecs(1), sample(20, 2));
        history.add(start.addSecs(2), sample(30, 1)); // 10:01:00, a new minute

        const QJsonArray minutes = history.toJson();
        QCOMPARE(minutes.size(), 2);
        const QJsonObject closed = minutes.at(0).toObject();
        QCOMPARE(closed.value(u"at"_s).toString(), u"2026-12-03T10:00:00.000Z"_s);
        QCOMPARE(closed.value(u"complete"_s).toBool(), true);
        QCOMPARE(closed.value(u"messages"_s).toInteger(), 30);
        QCOMPARE(closed.value(u"messagesPerSecond"_s).toDouble(), 15.0);
        QCOMPARE(closed.value(u"samples"_s).toInt(), 2);
        QCOMPARE(closed.value(u"maxQueued"_s).toInteger(), 5);
        QCOMPARE(closed.value(u"sendToAckCount"_s).toInteger(), 30);
        const QJsonObject open = minutes.at(1).toObject();
        QCOMPARE(open.value(u"at"_s).toString(), u"2026-12-03T10:01:00.000Z"_s);
        QCOMPARE(open.value(u"complete"_s).toBool(), false);
        QCOMPARE(open.value(u"messages"_s).toInteger(), 30);
        QVERIFY(open.value(u"pushToAckP50Ms"_s).isNull());
    }

    void minutesAreBoundedToADay()
    {
        MinuteHistory history({ 0.001 });
        const QDateTime start(QDate(2026, 12, 3), QTime(0, 0), Qt::UTC);
        IntervalFigures figures;
        figures.seconds = 1;
        figures.samples = 1;
        for (int minute = 0; minute < 1500; ++minute)
            history.add(start.addSecs(60 * minute), figures);

        const QJsonArray minutes = history.toJson();
        QCOMPARE(minutes.size(), qsizetype(MinuteHistory::capacity + 1)); // and the open one
        QCOMPARE(minutes.last().toObject().value(u"at"_s).toString(),
                 start.addSecs(60 * 1499).toString(Qt::ISODateWithMs));
    }
};

QTEST_GUILESS_MAIN(TestIntervalFigures)
#include "tst_intervalfigures.moc"
