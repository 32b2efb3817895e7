#include "http/requestparser.h"
#include "http/trustedproxies.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Im::Http::HttpRequest;
using Im::Http::RequestParser;
using Im::Http::TrustedProxies;
using State = RequestParser::State;

namespace {

// Feeds \a bytes in pieces of \a step, as a connection would, until the parser stops.
qsizetype feedInSteps(RequestParser &parser, const QByteArray &bytes, qsizetype step)
{
    qsizetype used = 0;
    while (used < bytes.size()) {
        const qsizetype n = parser.feed(
            QByteArrayView(bytes).sliced(used).first(std::min(step, bytes.size() - used)));
        used += n;
        if (parser.state() != State::Head && parser.state() != State::Body)
            break;
        if (n == 0)
            break;
    }
    return used;
}

} // namespace

class TestRequestParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stopsAfterTheHeadBeforeAnyBodyByte()
    {
        RequestParser parser(16 * 1024);
        const QByteArray request =
            "POST /api/v1/users/login?x=%C3%A4 HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n"
            "UserId:  42 \r\n\r\nhello";
        const qsizetype used = parser.feed(request);
        QCOMPARE(parser.state(), State::HeadComplete);
        QVERIFY(used <= request.indexOf("hello"));
        QCOMPARE(parser.head().method, HttpRequest::Method::Post);
        QCOMPARE(parser.head().path, u"/api/v1/users/login"_s);
        QCOMPARE(parser.head().query.queryItemValue(u"x"_s, QUrl::FullyDecoded), u"ä"_s);
        QCOMPARE(parser.head().header("userid"), QByteArray("42"));
        QCOMPARE(parser.announcedBodyLength(), std::optional<qint64>(5));
        QVERIFY(parser.keepAlive());

        parser.startBody();
        QCOMPARE(parser.state(), State::Body);
        parser.feed(QByteArrayView(request).sliced(used));
        QCOMPARE(parser.state(), State::Complete);
        QCOMPARE(parser.takeBody(), QByteArray("hello"));
    }

    void readsPipelinedRequestsOneAtATimeInAnyPieces_data()
    {
        QTest::addColumn<int>("step");
        QTest::newRow("byte by byte") << 1;
        QTest::newRow("seven bytes") << 7;
        QTest::newRow("all at once") << 4096;
    }

    void readsPipelinedRequestsOneAtATimeInAnyPieces()
    {
        QFETCH(int, step);
        const QByteArray stream = "GET /a HTTP/1.1\r\n\r\n"
                                  "POST /b HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                                  "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"
                                  "DELETE /c HTTP/1.1\r\nConnection: close\r\n\r\n";
        RequestParser parser(16 * 1024);
        QStringList paths;
        QByteArray bodies;
        qsizetype at = 0;
        for (int guard = 0; guard < 10000 && at < stream.size(); ++guard) {
            at += feedInSteps(parser, stream.sliced(at), step);
            if (parser.state() == State::HeadComplete) {
                paths.append(parser.head().path);
                parser.startBody();
            }
            bodies += parser.takeBody();
            if (parser.state() == State::Complete) {
                if (!parser.keepAlive())
                    break;
                parser.next();
            }
            QVERIFY2(parser.state() != State::Failed, qPrintable(parser.error().message));
        }
        QCOMPARE(paths, QStringList({ u"/a"_s, u"/b"_s, u"/c"_s }));
        QCOMPARE(bodies, QByteArray("abcde"));
    }

    void refusesWhatIsMalformed_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::newRow("garbage") << QByteArray("\x01\x02garbage\r\n\r\n") << 400;
        QTest::newRow("no target") << QByteArray("GET HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("absolute target") << QByteArray("GET http://evil/ HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("HTTP/2.0") << QByteArray("GET / HTTP/2.0\r\n\r\n") << 505;
        QTest::newRow("two Content-Length")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")
            << 400;
        QTest::newRow("Content-Length with chunked")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n")
            << 400;
        QTest::newRow("gzip coding")
            << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n") << 501;
        QTest::newRow("bad header name") << QByteArray("GET / HTTP/1.1\r\nA B: c\r\n\r\n") << 400;
        QTest::newRow("unknown method") << QByteArray("FOO /x HTTP/1.1\r\n\r\n") << 405;
    }

    void refusesWhatIsMalformed()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        RequestParser parser(16 * 1024);
        parser.feed(request);
        QCOMPARE(parser.state(), State::Failed);
        QCOMPARE(parser.error().status, status);
    }

    void namesAnUnknownMethodAndItsPath()
    {
        RequestParser parser(16 * 1024);
        parser.feed("BREW /api/v1/health HTTP/1.1\r\n\r\n");
        QCOMPARE(parser.state(), State::Failed);
        QCOMPARE(parser.head().methodName(), QByteArray("BREW"));
        QCOMPARE(parser.head().path, u"/api/v1/health"_s);
    }

    void namesAnUnknownMethodHoweverItArrives()
    {
        RequestParser parser(16 * 1024);
        QCOMPARE(parser.feed(QByteArrayView()), 0); // empty input is not the end of the stream
        QCOMPARE(parser.feed("BR"), 2);
        QCOMPARE(parser.state(), State::Head); // the method's name is not complete yet
        parser.feed("EW /api/v1/he");
        QCOMPARE(parser.state(), State::Head);
        parser.feed("alth HTTP/1.1\r\n\r\n");
        QCOMPARE(parser.state(), State::Failed);
        QCOMPARE(parser.error().status, 405);
        QCOMPARE(parser.head().methodName(), QByteArray("BREW"));
        QCOMPARE(parser.head().path, u"/api/v1/health"_s);

        RequestParser garbage(16 * 1024);
        garbage.feed("B\x01");
        QCOMPARE(garbage.state(), State::Failed);
        QCOMPARE(garbage.error().status, 400);
    }

    void aPathStartingWithTwoSlashesIsAPath()
    {
        RequestParser parser(16 * 1024);
        parser.feed("GET //evil.example/api/v1/health?x=1 HTTP/1.1\r\n\r\n");
        QCOMPARE(parser.state(), State::HeadComplete);
        QCOMPARE(parser.head().path, u"//evil.example/api/v1/health"_s);
        QCOMPARE(parser.head().query.queryItemValue(u"x"_s), u"1"_s);
    }

    void capsTheHeadExactly()
    {
        const QByteArray head = "GET / HTTP/1.1\r\nX: " + QByteArray(100, 'a') + "\r\n\r\n";
        RequestParser fits(head.size());
        fits.feed(head);
        QCOMPARE(fits.state(), State::HeadComplete);

        RequestParser over(head.size() - 10);
        feedInSteps(over, head, 3);
        QCOMPARE(over.state(), State::Failed);
        QCOMPARE(over.error().status, 431);
    }

    void readsNoFurtherAfterConnectionClose()
    {
        RequestParser parser(16 * 1024);
        const QByteArray request = "GET / HTTP/1.0\r\n\r\n";
        const qsizetype used = parser.feed(request);
        QCOMPARE(parser.state(), State::HeadComplete);
        QVERIFY(!parser.keepAlive());
        parser.startBody();
        // The library stops on the head's last byte and reads it again to end the request.
        parser.feed(QByteArrayView(request).sliced(used));
        QCOMPARE(parser.state(), State::Complete);
        parser.next();
        QCOMPARE(parser.state(), State::Failed);
    }

    void trustsForwardedForOnlyFromTrustedProxies()
    {
        const auto proxies = TrustedProxies::parse({ u"10.0.0.0/8"_s, u"::1"_s, u"192.0.2.7"_s });
        QVERIFY(proxies);
        const QHostAddress proxy(u"10.1.2.3"_s);
        const QHostAddress stranger(u"203.0.113.9"_s);
        // The rightmost address that is not a trusted proxy is the client; left of it, claims.
        QCOMPARE(proxies->clientAddress(proxy, "198.51.100.1, 203.0.113.5, 10.9.9.9"),
                 QHostAddress(u"203.0.113.5"_s));
        QCOMPARE(proxies->clientAddress(QHostAddress(u"::ffff:10.1.2.3"_s), "203.0.113.5"),
                 QHostAddress(u"203.0.113.5"_s));
        QCOMPARE(proxies->clientAddress(stranger, "198.51.100.1"), stranger);
        QCOMPARE(proxies->clientAddress(proxy, ""), proxy);
        QCOMPARE(proxies->clientAddress(proxy, "not-an-address"), proxy);
        QString bad;
        QVERIFY(!TrustedProxies::parse({ u"10.0.0.0/8"_s, u"proxy.local"_s }, &bad));
        QCOMPARE(bad, u"proxy.local"_s);
    }
};

QTEST_GUILESS_MAIN(TestRequestParser)
#include "tst_requestparser.moc"
