#include "monitoring/metricscontroller.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Im::Http::HttpRequest;
using Im::Monitoring::MetricsController;

class TestMetricsController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void checksBearerToken_data();
    void checksBearerToken();
    void scrapeNeedsTheToken();
};

void TestMetricsController::checksBearerToken_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("exact") << "Bearer 0123456789abcdef"_ba << true;
    QTest::newRow("scheme in lower case") << "bearer 0123456789abcdef"_ba << true;
    QTest::newRow("trailing space") << "Bearer 0123456789abcdef "_ba << true;
    QTest::newRow("wrong token") << "Bearer 0123456789abcdeX"_ba << false;
    QTest::newRow("prefix of the token") << "Bearer 0123456789abcde"_ba << false;
    QTest::newRow("longer token") << "Bearer 0123456789abcdef0"_ba << false;
    QTest::newRow("no scheme") << "0123456789abcdef"_ba << false;
    QTest::newRow("basic scheme") << "Basic 0123456789abcdef"_ba << false;
    QTest::newRow("scheme only") << "Bearer "_ba << false;
    QTest::newRow("empty") << QByteArray() << false;
}

void TestMetricsController::checksBearerToken()
{
    QFETCH(QByteArray, authorization);
    QFETCH(bool, accepted);
    const MetricsController controller(u"0123456789abcdef"_s);
    QCOMPARE(controller.isAuthorized(authorization), accepted);
}

void TestMetricsController::scrapeNeedsTheToken()
{
    MetricsController controller(u"0123456789abcdef"_s);
    controller.registry().addValue("im_depth", "Depth.", Im::Metrics::MetricType::Gauge,
                                   [] { return 3.0; });
    Im::Http::Router router;
    controller.registerRoutes(router);
    const auto match = router.match(HttpRequest::Method::Get, u"/metrics"_s);
    QVERIFY(match);
    QCOMPARE(match->pattern, u"/metrics"_s);

    HttpRequest request;
    request.method = HttpRequest::Method::Get;
    request.path = u"/metrics"_s;
    const Im::Http::HttpResponse refused = (*match->handler)(request).result();
    QCOMPARE(refused.status, 401);
    QVERIFY(refused.header("WWW-Authenticate").startsWith("Bearer"));
    QVERIFY(!refused.body.contains("im_depth"));

    request.headers.append({ "authorization"_ba, "Bearer 0123456789abcdef"_ba });
    const Im::Http::HttpResponse answered = (*match->handler)(request).result();
    QCOMPARE(answered.status, 200);
    QCOMPARE(answered.contentType, "text/plain; version=0.0.4; charset=utf-8"_ba);
    QVERIFY(answered.body.contains("\nim_depth 3\n"));
}

QTEST_GUILESS_MAIN(TestMetricsController)
#include "tst_metricscontroller.moc"
