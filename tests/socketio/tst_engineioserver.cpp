#include "http/httpserver.h"
#include "socketio/engineioserver.h"
#include "socketio/engineiosession.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace Im;
using SocketIo::EngineIoServer;
using SocketIo::EngineIoSession;

namespace {

struct Answer
{
    int status = 0;
    QByteArray body;
};

// One HTTP/1.1 exchange on a fresh connection (Connection: close), read to the end.
Answer exchange(quint16 port, const QByteArray &method, const QByteArray &target,
                const QByteArray &body = {}, int timeoutMs = 5000)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(2000))
        return {};
    socket.write(method + ' ' + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                 + "Content-Type: text/plain;charset=UTF-8\r\nContent-Length: "
                 + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QByteArray received;
    QElapsedTimer timer;
    timer.start();
    while (socket.state() == QAbstractSocket::ConnectedState && timer.elapsed() < timeoutMs) {
        QCoreApplication::processEvents();
        socket.waitForReadyRead(20);
        received += socket.readAll();
    }
    received += socket.readAll();
    const qsizetype split = received.indexOf("\r\n\r\n");
    if (split < 0)
        return {};
    return { received.mid(9, 3).toInt(), received.mid(split + 4) };
}

} // namespace

class TestEngineIoServer : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Http::HttpServer> m_http;
    std::unique_ptr<EngineIoServer> m_engine;
    quint16 m_port = 0;
    QList<EngineIoSession *> m_opened;

    void start(SocketIo::EngineOptions options)
    {
        m_http = std::make_unique<Http::HttpServer>(Http::HttpServer::Options {});
        m_engine = std::make_unique<EngineIoServer>(*m_http, options);
        connect(m_engine.get(), &EngineIoServer::sessionOpened, this,
                [this](EngineIoSession *session) {
                    m_opened.append(session);
                    // Echo, like the conformance suite's server.
                    connect(session, &EngineIoSession::textReceived, session,
                            &EngineIoSession::sendText);
                    connect(session, &EngineIoSession::binaryReceived, session,
                            &EngineIoSession::sendBinary);
                });
        m_port = m_http->start().value();
    }

    QString handshake()
    {
        const Answer open = exchange(m_port, "GET", "/engine.io/?EIO=4&transport=polling");
        if (open.status != 200 || !open.body.startsWith('0'))
            return {};
        return QJsonDocument::fromJson(open.body.mid(1)).object().value(u"sid"_s).toString();
    }

    QByteArray sidPath(const QString &sid)
    {
        return "/engine.io/?EIO=4&transport=polling&sid=" + sid.toLatin1();
    }

private Q_SLOTS:
    void init()
    {
        SocketIo::EngineOptions options;
        options.path = u"/engine.io/"_s;
        options.pingInterval = 300ms;
        options.pingTimeout = 200ms;
        options.maxBufferedBytes = 64 * 1024;
        start(options);
    }

    void cleanup()
    {
        m_engine.reset();
        m_http.reset();
        m_opened.clear();
    }

    void openPacketDescribesTheSession()
    {
        const Answer open = exchange(m_port, "GET", "/engine.io/?EIO=4&transport=polling");
        QCOMPARE(open.status, 200);
        QVERIFY(open.body.startsWith('0'));
        const QJsonObject fields = QJsonDocument::fromJson(open.body.mid(1)).object();
        QCOMPARE(fields.value(u"sid"_s).toString().size(), 20);
        QCOMPARE(fields.value(u"upgrades"_s).toArray().first().toString(), u"websocket"_s);
        QCOMPARE(fields.value(u"pingInterval"_s).toInt(), 300);
        QCOMPARE(fields.value(u"pingTimeout"_s).toInt(), 200);
        QCOMPARE(fields.value(u"maxPayload"_s).toInt(), 1000000);
        QCOMPARE(m_opened.size(), 1);
    }

    void badHandshakesAre400_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("target");
        QTest::newRow("EIO=3 client")
            << QByteArray("GET") << QByteArray("/engine.io/?EIO=3&transport=polling");
        QTest::newRow("no EIO") << QByteArray("GET") << QByteArray("/engine.io/?transport=polling");
        QTest::newRow("unknown transport")
            << QByteArray("GET") << QByteArray("/engine.io/?EIO=4&transport=carrier-pigeon");
        QTest::newRow("unknown sid")
            << QByteArray("GET") << QByteArray("/engine.io/?EIO=4&transport=polling&sid=nope");
        QTest::newRow("POST handshake")
            << QByteArray("POST") << QByteArray("/engine.io/?EIO=4&transport=polling");
    }

    void badHandshakesAre400()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, target);
        QCOMPARE(exchange(m_port, method, target, "4x").status, 400);
        QVERIFY(m_opened.isEmpty());
    }

    void messagesRoundTripOverPolling()
    {
        const QString sid = handshake();
        QVERIFY(!sid.isEmpty());
        const Answer posted = exchange(m_port, "POST", sidPath(sid),
                                       "4hello\x1e"
                                       "bAQID\x1e"
                                       "4world");
        QCOMPARE(posted.status, 200);
        QCOMPARE(posted.body, QByteArray("ok"));
        const Answer polled = exchange(m_port, "GET", sidPath(sid));
        QCOMPARE(polled.status, 200);
        QCOMPARE(polled.body,
                 QByteArray("4hello\x1e"
                            "bAQID\x1e"
                            "4world"));
    }

    void heldGetIsAnsweredByAPing()
    {
        // Timed from before the handshake, so that the ping timer (started by the handshake)
        // cannot have run for a while already, however slowly the handshake's answer arrives.
        QElapsedTimer timer;
        timer.start();
        const QString sid = handshake();
        const Answer polled = exchange(m_port, "GET", sidPath(sid));
        QCOMPARE(polled.body, QByteArray("2"));
        QVERIFY(timer.elapsed() >= 250); // held until the ping, not answered empty
    }

    void sessionWithoutPongTimesOut()
    {
        const QString sid = handshake();
        QSignalSpy closed(m_opened.constFirst(), &EngineIoSession::closed);
        QVERIFY(closed.wait(2000));
        QCOMPARE(closed.first().first().toString(), u"ping timeout"_s);
        QCOMPARE(exchange(m_port, "GET", sidPath(sid)).status, 400);
    }

    void pongKeepsTheSessionAlive()
    {
        const QString sid = handshake();
        EngineIoSession *session = m_opened.constFirst();
        QSignalSpy closed(session, &EngineIoSession::closed);
        for (int round = 0; round < 3; ++round) {
            QCOMPARE(exchange(m_port, "GET", sidPath(sid)).body, QByteArray("2"));
            QCOMPARE(exchange(m_port, "POST", sidPath(sid), "3").status, 200);
        }
        QCOMPARE(closed.count(), 0);
    }

    void secondConcurrentGetIsRefusedAndClosesTheSession()
    {
        const QString sid = handshake();
        QTcpSocket first;
        first.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(first.waitForConnected(2000));
        first.write("GET " + sidPath(sid) + " HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE(m_http->inFlightRequests(), 1); // the first GET is held now
        QCOMPARE(exchange(m_port, "GET", sidPath(sid)).status, 400);
        QTRY_VERIFY(m_engine->sessions().isEmpty());
    }

    void closePacketAnswersThePendingGetWithNoop()
    {
        const QString sid = handshake();
        QTcpSocket pending;
        pending.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(pending.waitForConnected(2000));
        pending.write("GET " + sidPath(sid) + " HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE(m_http->inFlightRequests(), 1); // the GET is held now
        QCOMPARE(exchange(m_port, "POST", sidPath(sid), "1").status, 200);
        QByteArray received;
        QTRY_VERIFY((received += pending.readAll()).endsWith("\r\n\r\n6"));
        QCOMPARE(exchange(m_port, "GET", sidPath(sid)).status, 400);
    }

    void clientKilledMidLongPollClosesOnlyItsSession()
    {
        const QString doomed = handshake();
        const QString survivor = handshake();
        {
            QTcpSocket killed;
            killed.connectToHost(QHostAddress::LocalHost, m_port);
            QVERIFY(killed.waitForConnected(2000));
            killed.write("GET " + sidPath(doomed) + " HTTP/1.1\r\nHost: x\r\n\r\n");
            QTRY_COMPARE(m_http->inFlightRequests(), 1); // killed in the middle of its long-poll
            killed.abort();
        }
        QTRY_VERIFY(!m_engine->session(doomed));
        QVERIFY(m_engine->session(survivor));
        QCOMPARE(exchange(m_port, "POST", sidPath(survivor), "4still here").status, 200);
        QCOMPARE(exchange(m_port, "GET", sidPath(survivor)).body, QByteArray("4still here"));
    }

    void malformedPayloadClosesTheSession()
    {
        const QString sid = handshake();
        QCOMPARE(exchange(m_port, "POST", sidPath(sid), "9nonsense").status, 400);
        QTRY_VERIFY(!m_engine->session(sid));
    }

    void slowConsumerIsClosedInsteadOfBuffering()
    {
        const QString sid = handshake();
        EngineIoSession *session = m_opened.constFirst();
        QSignalSpy closed(session, &EngineIoSession::closed);
        const QString chunk(1024, u'x');
        bool accepted = true;
        for (int i = 0; i < 200 && accepted; ++i)
            accepted = session->sendText(chunk);
        QVERIFY(!accepted);
        QCOMPARE(closed.count(), 1);
        QCOMPARE(closed.first().first().toString(), u"slow consumer"_s);
    }

    void webSocketProbeUpgradesThePollingSession()
    {
        const QString sid = handshake();
        QTcpSocket pending;
        pending.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(pending.waitForConnected(2000));
        pending.write("GET " + sidPath(sid) + " HTTP/1.1\r\nHost: x\r\n\r\n");

        QWebSocket ws;
        QSignalSpy texts(&ws, &QWebSocket::textMessageReceived);
        ws.open(
            QUrl(u"ws://127.0.0.1:%1/engine.io/?EIO=4&transport=websocket&sid=%2"_s.arg(m_port).arg(
                sid)));
        QTRY_COMPARE(ws.state(), QAbstractSocket::ConnectedState);
        ws.sendTextMessage(u"2probe"_s);
        QTRY_COMPARE(texts.count(), 1);
        QCOMPARE(texts.first().first().toString(), u"3probe"_s);
        QByteArray held;
        QTRY_VERIFY((held += pending.readAll()).endsWith("\r\n\r\n6"));
        ws.sendTextMessage(u"5"_s);
        ws.sendTextMessage(u"4over websocket"_s);
        QTRY_VERIFY(texts.count() >= 2);
        QVERIFY(std::any_of(texts.cbegin(), texts.cend(), [](const QList<QVariant> &args) {
            return args.first().toString() == u"4over websocket"_s;
        }));
        QCOMPARE(m_engine->session(sid)->transport(), SocketIo::TransportKind::WebSocket);
        // Polling is over for this session.
        QCOMPARE(exchange(m_port, "GET", sidPath(sid)).status, 400);
    }

    void getDuringTheUpgradeIsReleasedAtOnce()
    {
        // The real client may send its next GET just before "3probe" reaches it; holding that GET
        // would stall the client until the ping (and time the session out).
        const QString sid = handshake();
        QWebSocket ws;
        QSignalSpy texts(&ws, &QWebSocket::textMessageReceived);
        ws.open(
            QUrl(u"ws://127.0.0.1:%1/engine.io/?EIO=4&transport=websocket&sid=%2"_s.arg(m_port).arg(
                sid)));
        QTRY_COMPARE(ws.state(), QAbstractSocket::ConnectedState);
        ws.sendTextMessage(u"2probe"_s);
        QTRY_COMPARE(texts.count(), 1);
        QElapsedTimer timer;
        timer.start();
        const Answer polled = exchange(m_port, "GET", sidPath(sid));
        QCOMPARE(polled.body, QByteArray("6"));
        QVERIFY(timer.elapsed() < 200); // the ping would come after 300 ms
    }

    void otherMethodsAreEngineErrors()
    {
        const QString sid = handshake();
        const Answer put = exchange(m_port, "PUT", sidPath(sid), "4x");
        QCOMPARE(put.status, 400);
        QCOMPARE(QJsonDocument::fromJson(put.body).object().value(u"code"_s).toInt(), 3);
    }

    void webSocketOnlySessionGetsItsOpenPacket()
    {
        QWebSocket ws;
        QSignalSpy texts(&ws, &QWebSocket::textMessageReceived);
        QSignalSpy binaries(&ws, &QWebSocket::binaryMessageReceived);
        ws.open(QUrl(u"ws://127.0.0.1:%1/engine.io/?EIO=4&transport=websocket"_s.arg(m_port)));
        QTRY_COMPARE(texts.count(), 1);
        const QString open = texts.first().first().toString();
        QVERIFY(open.startsWith(u'0'));
        QVERIFY(QJsonDocument::fromJson(open.mid(1).toUtf8())
                    .object()
                    .value(u"upgrades"_s)
                    .toArray()
                    .isEmpty());
        ws.sendBinaryMessage(QByteArray("\x01\x02\x03", 3));
        QTRY_COMPARE(binaries.count(), 1);
        QCOMPARE(binaries.first().first().toByteArray(), QByteArray("\x01\x02\x03", 3));
    }

    void aSessionKeepsOnlyTheNamedHeadersOfItsHandshake()
    {
        cleanup();
        SocketIo::EngineOptions options;
        options.path = u"/engine.io/"_s;
        options.upgradeBindingHeaders = { "authorization" };
        options.keptHeaders = { "deviceid" };
        start(options);
        QNetworkRequest request(
            QUrl(u"ws://127.0.0.1:%1/engine.io/?EIO=4&transport=websocket&extra=1"_s.arg(m_port)));
        request.setRawHeader("DeviceId", "desk");
        request.setRawHeader("authorization", "Bearer t");
        request.setRawHeader("x-other", "dropped");
        QWebSocket ws;
        ws.open(request);
        QTRY_COMPARE(m_opened.size(), 1);

        const SocketIo::Handshake &kept = m_opened.first()->handshake();
        QCOMPARE(kept.headers.size(), 2);
        QCOMPARE(kept.header("deviceid"), "desk");
        QCOMPARE(kept.header("authorization"), "Bearer t");
        QVERIFY(kept.header("x-other").isNull());
        QVERIFY(kept.header("host").isNull());
        QVERIFY(kept.query.isEmpty());
        QVERIFY(kept.remoteAddress.isLoopback());
    }

    void webSocketOnOtherPathsIsRefused()
    {
        QWebSocket ws;
        QSignalSpy disconnected(&ws, &QWebSocket::disconnected);
        ws.open(QUrl(u"ws://127.0.0.1:%1/elsewhere/?EIO=4&transport=websocket"_s.arg(m_port)));
        QVERIFY(disconnected.wait(3000));
        QVERIFY(m_opened.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestEngineIoServer)
#include "tst_engineioserver.moc"
