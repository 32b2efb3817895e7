#include "metrics/processmetrics.h"
#include "metrics/registry.h"
#include "metrics/textformat.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <thread>
#include <vector>

using namespace Qt::StringLiterals;
using namespace Im::Metrics;

class TestMetrics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void counterAddsFromManyThreads();
    void histogramBucketsAreCumulative();
    void histogramBoundIsInclusive();
    void familyKeepsOneChildPerLabelSet();
    void formatsValues_data();
    void formatsValues();
    void rendersCounterAndGauge();
    void rendersHistogramWithLabels();
    void escapesHelpAndLabelValues();
    void rendersEmptyFamilyHeaderOnly();
    void validatesNames_data();
    void validatesNames();
    void registryReadsAtScrapeTime();
    void processFiguresAreRead();
};

void TestMetrics::counterAddsFromManyThreads()
{
    // GIVEN a counter WHEN four threads add to it at once THEN no increment is lost.
    Counter counter;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&counter] {
            for (int i = 0; i < 10000; ++i)
                counter.add();
        });
    for (std::thread &thread : threads)
        thread.join();
    QCOMPARE(counter.value(), quint64(40000));
}

void TestMetrics::histogramBucketsAreCumulative()
{
    Histogram histogram({ 0.1, 1, 10 });
    for (const double value : { 0.05, 0.5, 0.7, 5.0, 50.0 })
        histogram.observe(value);
    const Histogram::Snapshot snapshot = histogram.snapshot();
    QCOMPARE(snapshot.cumulativeCounts, (std::vector<quint64> { 1, 3, 4, 5 }));
    QCOMPARE(snapshot.count(), quint64(5));
    QCOMPARE(snapshot.sum, 56.25);
}

void TestMetrics::histogramBoundIsInclusive()
{
    // Prometheus buckets are "less than or equal": a value on a bound counts in that bucket.
    Histogram histogram({ 1, 2 });
    histogram.observe(1);
    histogram.observe(2);
    QCOMPARE(histogram.snapshot().cumulativeCounts, (std::vector<quint64> { 1, 2, 2 }));
}

void TestMetrics::familyKeepsOneChildPerLabelSet()
{
    Family<Counter> family({ "route", "status" });
    Counter &first = family.with({ u"/a"_s, u"200"_s });
    first.add();
    family.with({ u"/a"_s, u"200"_s }).add(2);
    family.with({ u"/a"_s, u"404"_s }).add();
    QCOMPARE(&family.with({ u"/a"_s, u"200"_s }), &first);
    QList<std::pair<QStringList, quint64>> seen;
    family.forEach([&seen](const QStringList &values, const Counter &counter) {
        seen.append({ values, counter.value() });
    });
    QCOMPARE(seen.size(), 2);
    QCOMPARE(seen[0], std::make_pair(QStringList { u"/a"_s, u"200"_s }, quint64(3)));
    QCOMPARE(seen[1], std::make_pair(QStringList { u"/a"_s, u"404"_s }, quint64(1)));
}

void TestMetrics::formatsValues_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("integer") << 42.0 << "42"_ba;
    QTest::newRow("zero") << 0.0 << "0"_ba;
    QTest::newRow("fraction") << 0.25 << "0.25"_ba;
    QTest::newRow("shortest round trip") << 0.1 << "0.1"_ba;
    QTest::newRow("large") << 1e21 << "1e+21"_ba;
    QTest::newRow("negative") << -3.5 << "-3.5"_ba;
    QTest::newRow("+Inf") << std::numeric_limits<double>::infinity() << "+Inf"_ba;
    QTest::newRow("-Inf") << -std::numeric_limits<double>::infinity() << "-Inf"_ba;
    QTest::newRow("NaN") << std::numeric_limits<double>::quiet_NaN() << "NaN"_ba;
}

void TestMetrics::formatsValues()
{
    QFETCH(double, value);
    QFETCH(QByteArray, expected);
    QCOMPARE(formatValue(value), expected);
}

void TestMetrics::rendersCounterAndGauge()
{
    Registry registry;
    Counter counter;
    counter.add(7);
    registry.add("im_things_total", "Things done.", counter);
    registry.addValue("im_depth", "Current depth.", MetricType::Gauge, [] { return 1.5; });
    QCOMPARE(renderTextFormat(registry.collect()),
             "# HELP im_things_total Things done.\n"
             "# TYPE im_things_total counter\n"
             "im_things_total 7\n"
             "# HELP im_depth Current depth.\n"
             "# TYPE im_depth gauge\n"
             "im_depth 1.5\n"_ba);
}

void TestMetrics::rendersHistogramWithLabels()
{
    Registry registry;
    Family<Histogram> family({ "route" }, [] {
        return std::make_unique<Histogram>(std::vector { 0.5, 1.0 });
    });
    family.with({ u"/x"_s }).observe(0.25);
    family.with({ u"/x"_s }).observe(2);
    registry.add("im_wait_seconds", "Waits.", family);
    QCOMPARE(renderTextFormat(registry.collect()),
             "# HELP im_wait_seconds Waits.\n"
             "# TYPE im_wait_seconds histogram\n"
             "im_wait_seconds_bucket{route=\"/x\",le=\"0.5\"} 1\n"
             "im_wait_seconds_bucket{route=\"/x\",le=\"1\"} 1\n"
             "im_wait_seconds_bucket{route=\"/x\",le=\"+Inf\"} 2\n"
             "im_wait_seconds_sum{route=\"/x\"} 2.25\n"
             "im_wait_seconds_count{route=\"/x\"} 2\n"_ba);
}

void TestMetrics::escapesHelpAndLabelValues()
{
    // HELP escapes backslash and newline; label values also the double quote. UTF-8 passes.
    Registry registry;
    registry.add("im_odd", "A \\ and\na \"quote\".", MetricType::Gauge, [] {
        Series one;
        one.labels = { { "path", u"a\"b\\c\nd é"_s } };
        one.value = 1;
        return QList<Series> { one };
    });
    QCOMPARE(renderTextFormat(registry.collect()),
             "# HELP im_odd A \\\\ and\\na \"quote\".\n"
             "# TYPE im_odd gauge\n"
             "im_odd{path=\"a\\\"b\\\\c\\nd \xc3\xa9\"} 1\n"_ba);
}

void TestMetrics::rendersEmptyFamilyHeaderOnly()
{
    Registry registry;
    Family<Counter> family({ "kind" });
    registry.add("im_none_total", "Nothing yet.", family);
    QCOMPARE(renderTextFormat(registry.collect()),
             "# HELP im_none_total Nothing yet.\n# TYPE im_none_total counter\n"_ba);
}

void TestMetrics::validatesNames_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<bool>("metric");
    QTest::addColumn<bool>("label");
    QTest::newRow("plain") << "im_http_requests_total"_ba << true << true;
    QTest::newRow("colon") << "job:rate5m"_ba << true << false;
    QTest::newRow("leading digit") << "5xx"_ba << false << false;
    QTest::newRow("dash") << "im-http"_ba << false << false;
    QTest::newRow("empty") << QByteArray() << false << false;
    QTest::newRow("reserved label") << "__name__"_ba << true << false;
}

void TestMetrics::validatesNames()
{
    QFETCH(QByteArray, name);
    QFETCH(bool, metric);
    QFETCH(bool, label);
    QCOMPARE(isValidMetricName(name), metric);
    QCOMPARE(isValidLabelName(name), label);
}

void TestMetrics::registryReadsAtScrapeTime()
{
    // Figures kept elsewhere are read when collected, not when registered.
    Registry registry;
    int depth = 1;
    registry.addValue("im_depth", "Depth.", MetricType::Gauge, [&depth] { return double(depth); });
    depth = 9;
    const QList<FamilySnapshot> families = registry.collect();
    QCOMPARE(families.size(), 1);
    QCOMPARE(families[0].series.size(), 1);
    QCOMPARE(families[0].series[0].value, 9.0);
    QVERIFY(registry.contains("im_depth"));
    QVERIFY(!registry.contains("im_other"));
}

void TestMetrics::processFiguresAreRead()
{
    const std::optional<ProcessFigures> figures = readProcessFigures();
    QVERIFY(figures);
    QVERIFY(figures->residentBytes > 1024 * 1024);
    QVERIFY(figures->openFds >= 3); // stdin, stdout, stderr at least
    QVERIFY(figures->maxFds == -1 || figures->maxFds >= figures->openFds);
    const double now = double(QDateTime::currentSecsSinceEpoch());
    QVERIFY2(figures->startTimeSeconds > now - 3600 && figures->startTimeSeconds <= now + 1,
             qPrintable(QString::number(figures->startTimeSeconds, 'f', 1)));
    QVERIFY(figures->cpuSeconds >= 0);

    Registry registry;
    addProcessMetrics(registry);
    const QByteArray text = renderTextFormat(registry.collect());
    for (const char *name :
         { "process_cpu_seconds_total ", "process_resident_memory_bytes ",
           "process_start_time_seconds ", "process_open_fds ", "process_max_fds " })
        QVERIFY2(text.contains("\n"_ba + name), name);
}

QTEST_GUILESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
