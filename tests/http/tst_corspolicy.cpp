#include "http/corspolicy.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Im::Http::CorsPolicy;
using Im::Http::HttpRequest;
using Im::Http::HttpResponse;

namespace {

HttpRequest preflight(const QByteArray &origin, const QByteArray &requestedHeaders = {})
{
    HttpRequest request;
    request.method = HttpRequest::Method::Options;
    request.path = u"/api/v1/friends"_s;
    request.headers = { { "Origin", origin }, { "Access-Control-Request-Method", "POST" } };
    if (!requestedHeaders.isEmpty())
        request.headers.append({ "Access-Control-Request-Headers", requestedHeaders });
    return request;
}

} // namespace

class TestCorsPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void preflightEchoesAnyOrigin_data()
    {
        QTest::addColumn<QByteArray>("origin");
        QTest::newRow("dev server") << QByteArray("http://localhost:1212");
        QTest::newRow("packaged file page") << QByteArray("null");
        QTest::newRow("file scheme") << QByteArray("file://");
    }

    void preflightEchoesAnyOrigin()
    {
        QFETCH(QByteArray, origin);
        const CorsPolicy policy;
        const HttpRequest request = preflight(origin, "authorization,userid,content-type");
        QVERIFY(CorsPolicy::isPreflight(request));
        const HttpResponse response = policy.preflightResponse(request);
        QCOMPARE(response.status, 204);
        QCOMPARE(response.header("Access-Control-Allow-Origin"), origin);
        QCOMPARE(response.header("Access-Control-Allow-Credentials"), QByteArray("true"));
        QVERIFY(response.header("Access-Control-Allow-Methods").contains("POST"));
        QCOMPARE(response.header("Access-Control-Allow-Headers"),
                 QByteArray("authorization,userid,content-type"));
        QCOMPARE(response.header("Access-Control-Max-Age"), QByteArray("60"));
    }

    void preflightWithoutRequestedHeadersAllowsTheAuthHeaders()
    {
        const HttpResponse response = CorsPolicy().preflightResponse(preflight("null"));
        const QByteArray allowed = response.header("Access-Control-Allow-Headers").toLower();
        for (const char *name : { "content-type", "authorization", "userid" })
            QVERIFY2(allowed.contains(name), name);
    }

    void allowListLimitsOrigins()
    {
        const CorsPolicy policy({ u"http://localhost:1212"_s, u"http://127.0.0.1:1212"_s });
        QCOMPARE(policy.preflightResponse(preflight("http://127.0.0.1:1212"))
                     .header("Access-Control-Allow-Origin"),
                 QByteArray("http://127.0.0.1:1212"));
        const HttpResponse refused = policy.preflightResponse(preflight("http://evil.example"));
        QVERIFY(refused.header("Access-Control-Allow-Origin").isEmpty());
        QVERIFY(refused.header("Access-Control-Allow-Credentials").isEmpty());
    }

    void actualResponsesGetTheSameOriginHeaders()
    {
        HttpRequest request;
        request.method = HttpRequest::Method::Get;
        request.headers = { { "Origin", "null" } };
        HttpResponse response = HttpResponse::empty(200);
        CorsPolicy().decorate(request, response);
        QCOMPARE(response.header("Access-Control-Allow-Origin"), QByteArray("null"));
        QCOMPARE(response.header("Access-Control-Allow-Credentials"), QByteArray("true"));
        QCOMPARE(response.header("Access-Control-Expose-Headers"),
                 QByteArray("authorization, userid"));
        QCOMPARE(response.header("Vary"), QByteArray("Origin"));
    }

    void requestsWithoutOriginGetNoCorsHeaders()
    {
        HttpRequest request;
        HttpResponse response = HttpResponse::empty(200);
        CorsPolicy().decorate(request, response);
        QVERIFY(response.headers.isEmpty());
        request.method = HttpRequest::Method::Options;
        QVERIFY(!CorsPolicy::isPreflight(request));
    }
};

QTEST_GUILESS_MAIN(TestCorsPolicy)
#include "tst_corspolicy.moc"
