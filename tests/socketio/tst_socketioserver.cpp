#include "http/httpserver.h"
#include "socketio/engineioserver.h"
#include "socketio/socketionamespace.h"
#include "socketio/socketioserver.h"
#include "socketio/socketiosocket.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QPromise>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace Im;
using namespace Im::SocketIo;

namespace {

//! A raw Socket.IO client over one WebSocket: sends Engine.IO frames as text and collects what
//! the server sends, so tests control every byte.
class RawClient
{
public:
    explicit RawClient(quint16 port)
        : m_texts(&m_socket, &QWebSocket::textMessageReceived)
        , m_binaries(&m_socket, &QWebSocket::binaryMessageReceived)
        , m_closed(&m_socket, &QWebSocket::disconnected)
    {
        m_socket.open(QUrl(u"ws://127.0.0.1:%1/socket.io/?EIO=4&transport=websocket"_s.arg(port)));
    }

    bool waitForOpen() { return waitForText(0) && text(0).startsWith(u'0'); }
    bool waitForText(int index, int timeoutMs = 5000)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (m_texts.count() <= index && !deadline.hasExpired())
            QTest::qWait(10);
        return m_texts.count() > index;
    }
    [[nodiscard]] QString text(int index) const { return m_texts.at(index).first().toString(); }
    [[nodiscard]] int textCount() const { return int(m_texts.count()); }
    [[nodiscard]] int binaryCount() const { return int(m_binaries.count()); }
    [[nodiscard]] QByteArray binary(int index) const
    {
        return m_binaries.at(index).first().toByteArray();
    }
    void send(const QString &frame) { m_socket.sendTextMessage(frame); }
    //! Sends \a frame and returns the next text frame (empty when none comes).
    QString exchange(const QString &frame)
    {
        const int index = textCount();
        send(frame);
        return waitForText(index) ? text(index) : QString();
    }
    void sendBinary(const QByteArray &data) { m_socket.sendBinaryMessage(data); }
    bool waitForClose(int timeoutMs = 5000)
    {
        return m_closed.count() > 0 || m_closed.wait(timeoutMs);
    }
    void abort() { m_socket.abort(); }
    //! The last text frame that starts with \a prefix.
    [[nodiscard]] QString lastStartingWith(const QString &prefix) const
    {
        for (qsizetype i = m_texts.size() - 1; i >= 0; --i) {
            if (text(int(i)).startsWith(prefix))
                return text(int(i));
        }
        return {};
    }

private:
    QWebSocket m_socket;
    QSignalSpy m_texts;
    QSignalSpy m_binaries;
    QSignalSpy m_closed;
};

} // namespace

class TestSocketIoServer : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Http::HttpServer> m_http;
    std::unique_ptr<EngineIoServer> m_engine;
    std::unique_ptr<SocketIoServer> m_io;
    quint16 m_port = 0;
    QList<QPointer<SocketIoSocket>> m_connected;

private Q_SLOTS:
    void init()
    {
        m_http = std::make_unique<Http::HttpServer>(Http::HttpServer::Options {});
        EngineOptions options;
        options.pingInterval = 10s;
        m_engine = std::make_unique<EngineIoServer>(*m_http, options);
        m_io = std::make_unique<SocketIoServer>(*m_engine, SocketIoServer::Options { 500ms });
        connect(m_io->of(u"/"_s), &SocketIoNamespace::connected, this,
                [this](SocketIoSocket *socket) {
                    m_connected.append(socket);
                    socket->on(u"echo"_s, [socket](const QVariantList &args, const Ack &ack) {
                        if (ack.isRequested())
                            ack(args);
                        else
                            socket->send(u"echoed"_s, args);
                    });
                });
        m_port = m_http->start().value();
    }

    void cleanup()
    {
        m_io.reset();
        m_engine.reset();
        m_http.reset();
        m_connected.clear();
    }

    void connectAnswersWithASidAndNoPid()
    {
        RawClient client(m_port);
        QVERIFY(client.waitForOpen());
        client.send(u"40"_s);
        QVERIFY(client.waitForText(1));
        QVERIFY(client.text(1).startsWith(u"40{"_s));
        const QJsonObject reply = QJsonDocument::fromJson(client.text(1).mid(2).toUtf8()).object();
        QCOMPARE(reply.value(u"sid"_s).toString().size(), 20);
        QVERIFY(!reply.contains(u"pid"_s));
        QTRY_COMPARE(m_connected.size(), 1);
    }

    void unknownNamespaceIsRefused()
    {
        RawClient client(m_port);
        QVERIFY(client.waitForOpen());
        client.send(u"40/nowhere,"_s);
        QVERIFY(client.waitForText(1));
        QCOMPARE(client.text(1), u"44/nowhere,{\"message\":\"Invalid namespace\"}"_s);
    }

    void eventsAndAcksRoundTrip()
    {
        RawClient client(m_port);
        QVERIFY(client.waitForOpen());
        client.send(u"40"_s);
        QVERIFY(client.waitForText(1));
        client.send(u"42[\"echo\",1,\"two\"]"_s);
        QVERIFY(client.waitForText(2));
        QCOMPARE(client.text(2), u"42[\"echoed\",1,\"two\"]"_s);
        client.send(u"4217[\"echo\",{\"a\":true}]"_s);
        QVERIFY(client.waitForText(3));
        QCOMPARE(client.text(3), u"4317[{\"a\":true}]"_s);
    }

    void namespaceHandlersServeEverySocketAfterItsOwn()
    {
        QList<SocketIoSocket *> senders;
        m_io->of(u"/"_s)->on(
            u"shared"_s,
            [&senders](SocketIoSocket *socket, const QVariantList &args, const Ack &ack) {
                senders.append(socket);
                ack(QVariantList { u"all"_s } + args);
            });
        m_io->of(u"/"_s)->on(u"echo"_s, [](SocketIoSocket *, const QVariantList &, const Ack &ack) {
            ack(QVariantList { u"namespace"_s }); // the socket's own "echo" goes first
        });
        RawClient first(m_port);
        RawClient second(m_port);
        for (RawClient *client : { &first, &second }) {
            QVERIFY(client->waitForOpen());
            client->send(u"40"_s);
            QVERIFY(client->waitForText(1));
        }
        QTRY_COMPARE(m_connected.size(), 2);

        QCOMPARE(first.exchange(u"421[\"shared\",1]"_s), u"431[\"all\",1]"_s);
        QCOMPARE(second.exchange(u"422[\"shared\",2]"_s), u"432[\"all\",2]"_s);
        QCOMPARE(senders.size(), 2);
        QVERIFY(senders.front() != senders.back());
        QVERIFY(m_connected.contains(senders.front()) && m_connected.contains(senders.back()));

        QCOMPARE(first.exchange(u"423[\"echo\",3]"_s), u"433[3]"_s);
    }

    void binaryEventsKeepTheirAttachments()
    {
        RawClient client(m_port);
        QVERIFY(client.waitForOpen());
        client.send(u"40"_s);
        QVERIFY(client.waitForText(1));
        client.send(u"451-5[\"echo\",{\"_placeholder\":true,\"num\":0}]"_s);
        client.sendBinary(QByteArray("\x00\xff\x10", 3));
        QVERIFY(client.waitForText(2));
        QCOMPARE(client.text(2), u"461-5[{\"_placeholder\":true,\"num\":0}]"_s);
        QTRY_COMPARE(client.binaryCount(), 1);
        QCOMPARE(client.binary(0), QByteArray("\x00\xff\x10", 3));
    }

    void serverAckCompletesTimesOutOrIsAbandoned()
    {
        RawClient client(m_port);
        QVERIFY(client.waitForOpen());
        client.send(u"40"_s);
        QTRY_COMPARE(m_connected.size(), 1);
        SocketIoSocket *socket = m_connected.constFirst();

        // Acknowledged.
        AckResult answered;
        socket->sendWithAck(u"question"_s, { 42 }, 5s, [&](const AckResult &r) { answered = r; });
        QVERIFY(client.waitForText(2));
        QCOMPARE(client.text(2), u"420[\"question\",42]"_s);
        client.send(u"430[\"answer\"]"_s);
        QTRY_COMPARE(answered.status, AckResult::Status::Acknowledged);
        QCOMPARE(answered.arguments, QVariantList { u"answer"_s });

        // Timed out: the client never answers.
        AckResult silent { AckResult::Status::Acknowledged, {} };
        socket->sendWithAck(u"question"_s, {}, 100ms, [&](const AckResult &r) { silent = r; });
        QTRY_COMPARE(silent.status, AckResult::Status::TimedOut);
        QCOMPARE(m_io->counters().acksTimedOut, 1);

        // One timer serves all of a socket's acks: a short timeout sent after a long one still
        // expires on time, and the long one is still answered afterwards.
        AckResult slow { AckResult::Status::TimedOut, {} };
        AckResult quick { AckResult::Status::Acknowledged, {} };
        socket->sendWithAck(u"question"_s, {}, 30s, [&](const AckResult &r) { slow = r; });
        socket->sendWithAck(u"question"_s, {}, 100ms, [&](const AckResult &r) { quick = r; });
        QTRY_COMPARE_WITH_TIMEOUT(quick.status, AckResult::Status::TimedOut, 2000);
        QCOMPARE(m_io->counters().acksTimedOut, 2);
        QCOMPARE(m_io->sessions().constFirst().pendingAcks, 1);
        client.send(u"432[\"late\"]"_s);
        QTRY_COMPARE(slow.status, AckResult::Status::Acknowledged);
        QCOMPARE(slow.arguments, QVariantList { u"late"_s });

        // Abandoned: the client leaves while the server waits. The report comes even when
        // deferred deletes are sent first (QTest::qWait does; it dropped the report at random).
        AckResult abandoned { AckResult::Status::Acknowledged, {} };
        socket->sendWithAck(u"question"_s, {}, 5s, [&](const AckResult &r) { abandoned = r; });
        QCOMPARE(m_io->sessions().constFirst().pendingAcks, 1);
        QSignalSpy gone(socket, &SocketIoSocket::disconnected);
        client.abort();
        QVERIFY(gone.wait());
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        QTRY_COMPARE(abandoned.status, AckResult::Status::Disconnected);
        QTRY_VERIFY(m_connected.constFirst().isNull()); // the socket object is gone too
    }

    void serverDisconnectDeliversWhatWasQueued()
    {
        // What the server sent just before it disconnected a socket (acks, pushes, the
        // DISCONNECT) reaches a client that reads it only later: deleting the session used to
        // abort the WebSocket with megabytes still unsent.
        RawClient client(m_port);
        QVERIFY(client.waitForOpen());
        client.send(u"40"_s);
        QTRY_COMPARE(m_connected.size(), 1);
        SocketIoSocket *socket = m_connected.constFirst();
        const QString bulk(64 * 1024, u'x');
        const int sent = 120; // 7.5 MiB: more than loopback takes at once, under the buffer cap
        for (int i = 0; i < sent; ++i)
            socket->send(u"bulk"_s, { bulk });
        socket->disconnect();
        QVERIFY(client.waitForClose(30000));
        int received = 0;
        for (int i = 0; i < client.textCount(); ++i)
            received += client.text(i).startsWith(u"42[\"bulk\""_s) ? 1 : 0;
        QCOMPARE(received, sent);
        QVERIFY(!client.lastStartingWith(u"41"_s).isEmpty());
    }

    void malformedPacketClosesOnlyThatSession()
    {
        RawClient bad(m_port);
        RawClient good(m_port);
        QVERIFY(bad.waitForOpen());
        QVERIFY(good.waitForOpen());
        bad.send(u"40"_s);
        good.send(u"40"_s);
        QVERIFY(bad.waitForText(1));
        QVERIFY(good.waitForText(1));
        bad.send(u"42{\"not\":\"an array\"}"_s);
        QVERIFY(bad.waitForClose());
        good.send(u"42[\"echo\",\"still here\"]"_s);
        QVERIFY(good.waitForText(2));
        QCOMPARE(good.text(2), u"42[\"echoed\",\"still here\"]"_s);
        QVERIFY(m_io->counters().protocolErrors >= 1);
    }

    void sessionWithoutConnectTimesOut()
    {
        RawClient idle(m_port);
        QVERIFY(idle.waitForOpen());
        QVERIFY(idle.waitForClose(3000)); // connectTimeout is 500 ms here
    }

    void slowAuthenticatorMayOutliveTheClient()
    {
        auto promise = std::make_shared<QPromise<ConnectDecision>>();
        promise->start();
        int asked = 0;
        m_io->of(u"/slow"_s)->setAuthenticator([&, promise](const ConnectRequest &request) {
            ++asked;
            // The hook sees the handshake request.
            if (!request.handshake.remoteAddress.isLoopback())
                qWarning() << "unexpected remote address";
            // Only the first client waits for the decision; the next one is the marker below.
            return asked == 1 ? promise->future()
                              : QtFuture::makeReadyFuture(ConnectDecision::accept(u"marker"_s));
        });
        {
            RawClient client(m_port);
            QVERIFY(client.waitForOpen());
            client.send(u"40/slow,{\"token\":\"abc\"}"_s);
            QTRY_COMPARE(asked, 1);
            client.abort();
        }
        QTRY_VERIFY(m_engine->sessions().isEmpty());
        // The decision arrives after the client left: nothing to do, nothing to crash.
        promise->addResult(ConnectDecision::accept(u"late"_s));
        promise->finish();
        // The marker: a client that connects after the late decision was delivered. Once it is
        // in, the late decision has been handled, and it added no socket.
        RawClient marker(m_port);
        QVERIFY(marker.waitForOpen());
        marker.send(u"40/slow,{}"_s);
        QVERIFY(marker.waitForText(1));
        QVERIFY(marker.text(1).startsWith(u"40/slow,{\"sid\":"_s));
        const QList<SocketIoSocket *> sockets = m_io->of(u"/slow"_s)->sockets();
        QCOMPARE(sockets.size(), 1);
        QCOMPARE(sockets.constFirst()->userData().toString(), u"marker"_s);
    }

    void refusedConnectCarriesTheMessage()
    {
        m_io->of(u"/private"_s)->setAuthenticator([](const ConnectRequest &request) {
            const bool ok = request.auth.toMap().value(u"token"_s) == u"good"_s;
            return QtFuture::makeReadyFuture(
                ok ? ConnectDecision::accept(u"user"_s)
                   : ConnectDecision::refuse(u"Authentication error"_s));
        });
        RawClient client(m_port);
        QVERIFY(client.waitForOpen());
        client.send(u"40/private,{\"token\":\"bad\"}"_s);
        QVERIFY(client.waitForText(1));
        QCOMPARE(client.text(1), u"44/private,{\"message\":\"Authentication error\"}"_s);
        client.send(u"40/private,{\"token\":\"good\"}"_s);
        QVERIFY(client.waitForText(2));
        QVERIFY(client.text(2).startsWith(u"40/private,{\"sid\":"_s));
        QCOMPARE(m_io->of(u"/private"_s)->sockets().constFirst()->userData().toString(), u"user"_s);
    }

    void roomsAddressTheirMembersOnly()
    {
        RawClient first(m_port);
        RawClient second(m_port);
        QVERIFY(first.waitForOpen());
        QVERIFY(second.waitForOpen());
        first.send(u"40"_s);
        QTRY_COMPARE(m_connected.size(), 1);
        second.send(u"40"_s);
        QTRY_COMPARE(m_connected.size(), 2);
        m_connected[0]->join(u"user:1"_s);
        QCOMPARE(m_io->of(u"/"_s)->broadcast(u"news"_s, { u"for one"_s }, u"user:1"_s), 1);
        QVERIFY(first.waitForText(2));
        QCOMPARE(first.text(2), u"42[\"news\",\"for one\"]"_s);
        QCOMPARE(m_io->of(u"/"_s)->broadcast(u"news"_s, { u"for all"_s }), 2);
        QVERIFY(second.waitForText(2));
        QCOMPARE(second.text(2), u"42[\"news\",\"for all\"]"_s);
        m_connected[0]->leave(u"user:1"_s);
        QVERIFY(m_io->of(u"/"_s)->socketsIn(u"user:1"_s).isEmpty());
    }

    void sessionsAreObservable()
    {
        RawClient client(m_port);
        QVERIFY(client.waitForOpen());
        client.send(u"40"_s);
        QVERIFY(client.waitForText(1));
        const QList<SessionInfo> sessions = m_io->sessions();
        QCOMPARE(sessions.size(), 1);
        QCOMPARE(sessions.first().transport, TransportKind::WebSocket);
        QVERIFY(sessions.first().remoteAddress.isLoopback());
        QCOMPARE(sessions.first().namespaces, QStringList { u"/"_s });
        QVERIFY(sessions.first().packetsIn >= 1);
        QVERIFY(sessions.first().bytesOut > 0);
        QCOMPARE(m_io->counters().sessionsOpened, 1);
    }
};

QTEST_GUILESS_MAIN(TestSocketIoServer)
#include "tst_socketioserver.moc"
