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

    void onlyValidOriginsAreEchoed_data()
    {
        QTest::addColumn<QByteArray>("origin");
        QTest::addColumn<bool>("valid");
        QTest::newRow("http with port") << QByteArray("http://127.0.0.1:1212") << true;
        QTest::newRow("https without port") << QByteArray("https://chat.example.org") << true;
        QTest::newRow("IPv6 literal") << QByteArray("http://[::1]:3000") << true;
        QTest::newRow("null") << QByteArray("null") << true;
        QTest::newRow("file scheme") << QByteArray("file://") << true;
        QTest::newRow("bare CR") << QByteArray("http://a.example\rSet-Cookie: x=1") << false;
        QTest::newRow("LF") << QByteArray("http://a.example\nSet-Cookie: x=1") << false;
        QTest::newRow("NUL") << QByteArray("http://a.example\0x", 19) << false;
        QTest::newRow("path") << QByteArray("http://a.example/path") << false;
        QTest::newRow("user info") << QByteArray("http://user@a.example") << false;
        QTest::newRow("space") << QByteArray("http://a.example x") << false;
        QTest::newRow("no scheme") << QByteArray("a.example") << false;
        QTest::newRow("empty host") << QByteArray("http://") << false;
        QTest::newRow("port not numeric") << QByteArray("http://a.example:80x") << false;
        QTest::newRow("empty") << QByteArray() << false;
    }

    void onlyValidOriginsAreEchoed()
    {
        QFETCH(QByteArray, origin);
        QFETCH(bool, valid);
        QCOMPARE(CorsPolicy::isValidOrigin(origin), valid);
        HttpRequest request;
        request.method = HttpRequest::Method::Get;
        request.headers = { { "Origin", origin } };
        HttpResponse response = HttpResponse::empty(200);
        CorsPolicy().decorate(request, response);
        QCOMPARE(response.header("Access-Control-Allow-Origin"), valid ? origin : QByteArray());
        const HttpResponse preflightAnswer = CorsPolicy().preflightResponse(preflight(origin));
        QCOMPARE(preflightAnswer.header("Access-Control-Allow-Origin"),
                 valid ? origin : QByteArray());
    }

    void requestedHeadersWithControlBytesAreNotReflected()
    {
        const HttpResponse response =
            CorsPolicy().preflightResponse(preflight("null", "userid\rSet-Cookie: x=1"));
        const QByteArray allowed = response.header("Access-Control-Allow-Headers");
        QVERIFY(!allowed.contains('\r'));
        QVERIFY(allowed.toLower().contains("userid"));
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
