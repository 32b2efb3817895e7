#include "http/envelope.h"
#include "http/httpserver.h"

#include <QFuture>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPromise>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using Im::Http::HttpRequest;
using Im::Http::HttpResponse;
using Im::Http::HttpServer;
using Method = HttpRequest::Method;

namespace {

// Reads raw HTTP/1.1 answers off a socket: enough of a client to see order and framing.
struct RawAnswer
{
    int status = 0;
    QByteArray headers;
    QByteArray body;
};

QList<RawAnswer> parseAnswers(QByteArray data)
{
    QList<RawAnswer> answers;
    for (;;) {
        const qsizetype end = data.indexOf("\r\n\r\n");
        if (end < 0)
            break;
        RawAnswer answer;
        answer.headers = data.left(end);
        answer.status = data.mid(9, 3).toInt();
        qsizetype length = 0;
        for (const QByteArray &line : answer.headers.split('\n')) {
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        }
        if (data.size() < end + 4 + length)
            break;
        answer.body = data.mid(end + 4, length);
        data.remove(0, end + 4 + length);
        answers.append(answer);
    }
    return answers;
}

QByteArray get(const QByteArray &path, const QByteArray &extra = {})
{
    return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + extra + "\r\n";
}

} // namespace

class TestHttpServer : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<HttpServer> m_server;
    quint16 m_port = 0;
    std::shared_ptr<QPromise<HttpResponse>> m_held;
    int m_holdCalls = 0;

    void startServer(qint64 maxRequestBytes = 64 * 1024)
    {
        HttpServer::Options options;
        options.maxRequestBytes = maxRequestBytes;
        m_server = std::make_unique<HttpServer>(options);
        auto &router = m_server->router();
        router.add(Method::Get, u"/fast"_s, [](const HttpRequest &) {
            return QtFuture::makeReadyFuture(HttpResponse::text(200, "fast"));
        });
        router.add(Method::Post, u"/echo"_s, [](const HttpRequest &request) {
            return QtFuture::makeReadyFuture(HttpResponse::text(200, request.body));
        });
        router.add(Method::Get, u"/slow"_s, [this](const HttpRequest &) {
            auto promise = std::make_shared<QPromise<HttpResponse>>();
            promise->start();
            QTimer::singleShot(300ms, m_server.get(), [promise] {
                promise->addResult(HttpResponse::text(200, "slow"));
                promise->finish();
            });
            return promise->future();
        });
        router.add(Method::Get, u"/hold"_s, [this](const HttpRequest &) {
            ++m_holdCalls;
            m_held = std::make_shared<QPromise<HttpResponse>>();
            m_held->start();
            return m_held->future();
        });
        // Answers the body's size, checksum and whether it came as a spooled file.
        router.add(Method::Post, u"/digest"_s, [](const HttpRequest &request) {
            const QByteArray digest = QByteArray::number(request.body.size()) + ' '
                + QByteArray::number(qChecksum(request.body)) + ' '
                + (request.bodyOwner ? "spooled" : "memory");
            return QtFuture::makeReadyFuture(HttpResponse::text(200, digest));
        });
        router.add(Method::Get, u"/users/:id"_s, [](const HttpRequest &request) {
            return QtFuture::makeReadyFuture(
                HttpResponse::text(200, request.pathParameters.value(u"id"_s).toUtf8()));
        });
        auto port = m_server->start();
        QVERIFY(port);
        m_port = port.value();
    }

    QByteArray exchange(const QByteArray &request, int expectedAnswers,
                        QTcpSocket *socket = nullptr)
    {
        QTcpSocket own;
        QTcpSocket *client = socket ? socket : &own;
        if (client->state() != QAbstractSocket::ConnectedState) {
            client->connectToHost(QHostAddress::LocalHost, m_port);
            if (!client->waitForConnected(5000))
                return {};
        }
        client->write(request);
        QByteArray received;
        QElapsedTimer timer;
        timer.start();
        while (parseAnswers(received).size() < expectedAnswers && timer.elapsed() < 10000) {
            QCoreApplication::processEvents();
            if (client->bytesAvailable() || client->waitForReadyRead(20))
                received += client->readAll();
            if (client->state() == QAbstractSocket::UnconnectedState) {
                received += client->readAll();
                break;
            }
        }
        return received;
    }

private Q_SLOTS:
    void init() { startServer(); }
    void cleanup()
    {
        m_server.reset();
        m_held.reset();
        m_holdCalls = 0;
    }

    void routesWithPathParameters()
    {
        const auto answers = parseAnswers(exchange(get("/users/10042"), 1));
        QCOMPARE(answers.size(), 1);
        QCOMPARE(answers[0].status, 200);
        QCOMPARE(answers[0].body, QByteArray("10042"));
    }

    void pipelinedAnswersKeepTheRequestOrder()
    {
        // GIVEN a slow request followed by a fast one on the same connection
        const auto answers = parseAnswers(exchange(get("/slow") + get("/fast"), 2));
        // THEN the fast answer waits for the slow one
        QCOMPARE(answers.size(), 2);
        QCOMPARE(answers[0].body, QByteArray("slow"));
        QCOMPARE(answers[1].body, QByteArray("fast"));
    }

    void clientLeavingBeforeItsAnswerIsHarmless()
    {
        {
            QTcpSocket client;
            client.connectToHost(QHostAddress::LocalHost, m_port);
            QVERIFY(client.waitForConnected(5000));
            client.write(get("/hold"));
            QTRY_COMPARE(m_holdCalls, 1);
            QCOMPARE(m_server->inFlightRequests(), 1);
            client.abort();
        }
        // Wait until the server has seen the disconnect and destroyed its socket.
        QTRY_VERIFY(m_server->findChildren<QTcpSocket *>().isEmpty());
        m_held->addResult(HttpResponse::text(200, "late"));
        m_held->finish();
        QTRY_COMPARE(m_server->inFlightRequests(), 0);
        // And it still serves others.
        const auto answers = parseAnswers(exchange(get("/fast"), 1));
        QCOMPARE(answers.size(), 1);
        QCOMPARE(answers[0].body, QByteArray("fast"));
    }

    void oversizedRequestGets413AndTheConnectionCloses()
    {
        cleanup();
        startServer(4096);
        const QByteArray body(64 * 1024, 'x');
        const QByteArray request = "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        QTcpSocket client;
        const auto answers = parseAnswers(exchange(request, 1, &client));
        QCOMPARE(answers.size(), 1);
        QCOMPARE(answers[0].status, 413);
        QCOMPARE(QJsonDocument::fromJson(answers[0].body).object().value(u"statusCode"_s).toInt(),
                 413);
        QTRY_COMPARE(client.state(), QAbstractSocket::UnconnectedState);
        // A request within the limit still works.
        const QByteArray small =
            "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\nhello";
        const auto echoed = parseAnswers(exchange(small, 1));
        QCOMPARE(echoed.size(), 1);
        QCOMPARE(echoed[0].body, QByteArray("hello"));
    }

    void largeBodiesAreSpooledToDiskWholeAndExact_data()
    {
        QTest::addColumn<bool>("chunked");
        QTest::newRow("Content-Length") << false;
        QTest::newRow("chunked") << true;
    }

    void largeBodiesAreSpooledToDiskWholeAndExact()
    {
        QFETCH(bool, chunked);
        cleanup();
        startServer(16 * 1024 * 1024);
        QByteArray body(3 * 1024 * 1024 + 17, Qt::Uninitialized);
        for (qsizetype i = 0; i < body.size(); ++i)
            body[i] = char((i * 7919) % 251);
        QByteArray request = "POST /digest HTTP/1.1\r\nHost: x\r\n";
        if (chunked) {
            request += "Transfer-Encoding: chunked\r\n\r\n";
            for (qsizetype at = 0; at < body.size(); at += 100000) {
                const QByteArray piece = body.mid(at, 100000);
                request += QByteArray::number(piece.size(), 16) + "\r\n" + piece + "\r\n";
            }
            request += "0\r\n\r\n";
        } else {
            request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        }
        const auto answers = parseAnswers(exchange(request, 1));
        QCOMPARE(answers.size(), 1);
        QCOMPARE(answers[0].body,
                 QByteArray::number(body.size()) + ' ' + QByteArray::number(qChecksum(body))
                     + " spooled");
        // A small body stays in memory.
        const auto small = parseAnswers(
            exchange("POST /digest HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc", 1));
        QCOMPARE(small.size(), 1);
        QVERIFY(small[0].body.endsWith(" memory"));
    }

    void jsonRoutesRefuseOtherMediaTypes()
    {
        const auto refused =
            parseAnswers(exchange("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\n"
                                  "Content-Length: 3\r\n\r\na,b",
                                  1));
        QCOMPARE(refused.size(), 1);
        QCOMPARE(refused[0].status, 415);
        for (const QByteArray type :
             { "application/json; charset=utf-8", "application/x-www-form-urlencoded", "" }) {
            const QByteArray header =
                type.isEmpty() ? QByteArray() : "Content-Type: " + type + "\r\n";
            const auto accepted = parseAnswers(exchange(
                "POST /echo HTTP/1.1\r\nHost: x\r\n" + header + "Content-Length: 2\r\n\r\n{}", 1));
            QCOMPARE(accepted.size(), 1);
            QCOMPARE(accepted[0].status, 200);
        }
        m_server->router().acceptAnyBody(Method::Post, u"/echo"_s);
        const auto raw =
            parseAnswers(exchange("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\n"
                                  "Content-Length: 3\r\n\r\na,b",
                                  1));
        QCOMPARE(raw.size(), 1);
        QCOMPARE(raw[0].body, QByteArray("a,b"));
    }

    void unknownPathsAndMethodsGetEnvelopes()
    {
        const auto missing = parseAnswers(exchange(get("/nowhere"), 1));
        QCOMPARE(missing.size(), 1);
        QCOMPARE(missing[0].status, 404);
        const QJsonObject body = QJsonDocument::fromJson(missing[0].body).object();
        QCOMPARE(body.value(u"statusCode"_s).toInt(), 404);
        QCOMPARE(body.value(u"message"_s).toString(), u"Cannot GET /nowhere"_s);

        const auto wrongMethod =
            parseAnswers(exchange("DELETE /fast HTTP/1.1\r\nHost: localhost\r\n\r\n", 1));
        QCOMPARE(wrongMethod.size(), 1);
        QCOMPARE(wrongMethod[0].status, 405);
        QVERIFY(wrongMethod[0].headers.contains("Allow: GET"));
    }

    void preflightIsAnsweredForAnyPath()
    {
        const auto answers = parseAnswers(exchange(
            "OPTIONS /api/v1/not-even-a-route HTTP/1.1\r\nHost: localhost\r\nOrigin: null\r\n"
            "Access-Control-Request-Method: POST\r\n"
            "Access-Control-Request-Headers: authorization,userid,content-type\r\n\r\n",
            1));
        QCOMPARE(answers.size(), 1);
        QCOMPARE(answers[0].status, 204);
        QVERIFY(answers[0].headers.contains("Access-Control-Allow-Origin: null"));
        QVERIFY(answers[0].headers.contains("Access-Control-Allow-Credentials: true"));
    }

    void connectionCloseIsHonoured()
    {
        QTcpSocket client;
        const auto answers =
            parseAnswers(exchange(get("/fast", "Connection: close\r\n"), 1, &client));
        QCOMPARE(answers.size(), 1);
        QVERIFY(answers[0].headers.contains("Connection: close"));
        QTRY_COMPARE(client.state(), QAbstractSocket::UnconnectedState);
    }

    void stopAcceptingDrainsInFlightRequests()
    {
        QSignalSpy drained(m_server.get(), &HttpServer::drained);
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(client.waitForConnected(5000));
        client.write(get("/hold"));
        QTRY_COMPARE(m_holdCalls, 1);

        m_server->stopAccepting();
        QCOMPARE(drained.count(), 0); // the held request is still running
        QTcpSocket late;
        late.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(!late.waitForConnected(1000)); // no new connections

        m_held->addResult(HttpResponse::text(200, "done"));
        m_held->finish();
        QTRY_COMPARE(drained.count(), 1);
        QByteArray received;
        QTRY_VERIFY((received += client.readAll()).contains("done"));
    }

    void originWithControlBytesNeverReachesAHeader_data()
    {
        QTest::addColumn<QByteArray>("request");
        const QByteArray crOrigin = "http://a.example\rSet-Cookie: injected=1";
        const QByteArray nulOrigin = QByteArray("http://a.example\0Set-Cookie: injected=1", 40);
        QTest::newRow("bare CR in Origin") << get("/fast", "Origin: " + crOrigin + "\r\n");
        QTest::newRow("NUL in Origin") << get("/fast", "Origin: " + nulOrigin + "\r\n");
        QTest::newRow("bare CR in preflight Origin")
            << ("OPTIONS /fast HTTP/1.1\r\nHost: localhost\r\nOrigin: " + crOrigin
                + "\r\nAccess-Control-Request-Method: GET\r\n\r\n");
        QTest::newRow("bare CR in requested headers")
            << QByteArray("OPTIONS /fast HTTP/1.1\r\nHost: localhost\r\nOrigin: null\r\n"
                          "Access-Control-Request-Method: GET\r\n"
                          "Access-Control-Request-Headers: userid\rSet-Cookie: injected=1\r\n"
                          "\r\n");
    }

    void originWithControlBytesNeverReachesAHeader()
    {
        QFETCH(QByteArray, request);
        // WHEN a client sends CR or NUL inside a header the server reflects
        const QByteArray received = exchange(request, 1);
        const auto answers = parseAnswers(received);
        // THEN the answer's header block has neither, and no injected header
        QCOMPARE(answers.size(), 1);
        const QByteArray headers = answers[0].headers;
        QVERIFY2(!headers.toLower().contains("set-cookie"), headers.constData());
        QVERIFY(!headers.contains('\0'));
        QCOMPARE(headers.count('\r'), headers.count("\r\n"));
    }

    void validOriginsAreStillEchoed_data()
    {
        QTest::addColumn<QByteArray>("origin");
        QTest::newRow("dev server") << QByteArray("http://localhost:1212");
        QTest::newRow("packaged client") << QByteArray("null");
        QTest::newRow("IPv6 with port") << QByteArray("http://[::1]:1212");
    }

    void validOriginsAreStillEchoed()
    {
        QFETCH(QByteArray, origin);
        const auto answers = parseAnswers(exchange(get("/fast", "Origin: " + origin + "\r\n"), 1));
        QCOMPARE(answers.size(), 1);
        QVERIFY2(answers[0].headers.contains("Access-Control-Allow-Origin: " + origin + "\r\n"),
                 answers[0].headers.constData());
    }
};

QTEST_GUILESS_MAIN(TestHttpServer)
#include "tst_httpserver.moc"
