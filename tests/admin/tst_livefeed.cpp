// LiveFeed against im-socketio-echo (short heartbeats, namespaces with and without
// authentication) and against the real server's Socket.IO endpoint.

#include "net/livefeed.h"
#include "serverprocess.h"
#include "testhttpclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <csignal>

using namespace Qt::StringLiterals;
using Im::Admin::LiveFeed;

namespace {

//! im-socketio-echo on a free port with the server's Engine.IO path.
class EchoServer
{
public:
    ~EchoServer()
    {
        m_process.kill();
        m_process.waitForFinished(5000);
    }

    bool start(const QStringList &arguments = {})
    {
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(QStringLiteral(IM_SOCKETIO_ECHO),
                        QStringList { u"--port"_s, u"0"_s, u"--path"_s, u"/socket/v1/IM/"_s }
                            + arguments);
        static const QRegularExpression listening(u"listening on (http://\\S+)"_s);
        QByteArray output;
        while (m_process.waitForReadyRead(10000)) {
            output += m_process.readAll();
            const auto match = listening.match(QString::fromUtf8(output));
            if (match.hasMatch()) {
                m_url = QUrl(match.captured(1));
                return true;
            }
        }
        return false;
    }

    void stop()
    {
        m_process.terminate();
        m_process.waitForFinished(10000);
    }

    [[nodiscard]] QUrl url() const { return m_url; }

private:
    QProcess m_process;
    QUrl m_url;
};

//! POSTs \a body as JSON to \a path and returns the envelope's data (the session of a login or
//! registration).
QJsonObject postJson(const Im::Test::ServerProcess &server, const QString &path,
                     const QJsonObject &body)
{
    const auto answer =
        Im::Test::httpRequest("POST", server.url(path), { { "Content-Type", "application/json" } },
                              QJsonDocument(body).toJson());
    if (answer.status != 200)
        qWarning("%s: %s", qPrintable(path), answer.body.constData());
    return answer.json().value(u"data"_s).toObject();
}

} // namespace

class TestLiveFeed : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reportsTheEventsOfItsNamespace()
    {
        EchoServer echo;
        QVERIFY(echo.start());
        LiveFeed feed(u"/"_s);
        QSignalSpy connected(&feed, &LiveFeed::connected);
        QSignalSpy events(&feed, &LiveFeed::eventReceived);
        feed.open(echo.url(), 7, u"any"_s);
        QTRY_COMPARE(connected.size(), 1);
        QVERIFY(feed.isConnected());
        // The echo's "/" emits `auth` with the CONNECT payload: `{}` without one.
        QTRY_COMPARE(events.size(), 1);
        QCOMPARE(events.at(0).at(0).toString(), u"auth"_s);
        QCOMPARE(events.at(0).at(1).value<QJsonValue>(), QJsonValue(QJsonObject()));
    }

    void sendsTheSessionHeaders()
    {
        EchoServer echo;
        QVERIFY(echo.start());
        LiveFeed feed(u"/auth"_s);
        QSignalSpy events(&feed, &LiveFeed::eventReceived);
        feed.open(echo.url(), 42, u"good-token"_s);
        QTRY_COMPARE(events.size(), 1);
        QCOMPARE(events.at(0).at(0).toString(), u"whoami"_s);
        QCOMPARE(events.at(0).at(1).value<QJsonValue>(), QJsonValue(u"42"_s));
    }

    void reportsARefusal()
    {
        EchoServer echo;
        QVERIFY(echo.start());
        LiveFeed feed(u"/auth"_s);
        QSignalSpy connected(&feed, &LiveFeed::connected);
        QSignalSpy refused(&feed, &LiveFeed::refused);
        QSignalSpy disconnected(&feed, &LiveFeed::disconnected);
        feed.open(echo.url(), 42, u"bad-token"_s);
        QTRY_COMPARE(refused.size(), 1);
        QCOMPARE(refused.at(0).at(0).toString(), u"Authentication error"_s);
        QVERIFY(!feed.isConnected());
        // Nothing follows a refusal: watch a while, failing at the first stray signal.
        QVERIFY(
            !QTest::qWaitFor([&] { return !connected.isEmpty() || !disconnected.isEmpty(); }, 300));
    }

    void answersPingsPastThePingInterval()
    {
        // Unanswered pings would end the session after 200 + 200 ms.
        EchoServer echo;
        QVERIFY(echo.start({ u"--ping-interval"_s, u"200"_s, u"--ping-timeout"_s, u"200"_s }));
        LiveFeed feed(u"/"_s);
        QSignalSpy connected(&feed, &LiveFeed::connected);
        QSignalSpy disconnected(&feed, &LiveFeed::disconnected);
        feed.open(echo.url(), 7, u"any"_s);
        QTRY_COMPARE(connected.size(), 1);
        // Five ping intervals, failing at once if the feed drops meanwhile.
        const bool dropped = QTest::qWaitFor([&] { return !disconnected.isEmpty(); }, 2000);
        QVERIFY2(!dropped, dropped ? qPrintable(disconnected.at(0).at(0).toString()) : "");
        QVERIFY(feed.isConnected());
    }

    void reportsTheServerGoingAway()
    {
        EchoServer echo;
        QVERIFY(echo.start());
        LiveFeed feed(u"/"_s);
        QSignalSpy connected(&feed, &LiveFeed::connected);
        QSignalSpy disconnected(&feed, &LiveFeed::disconnected);
        feed.open(echo.url(), 7, u"any"_s);
        QTRY_COMPARE(connected.size(), 1);
        echo.stop();
        QTRY_COMPARE(disconnected.size(), 1);
        QVERIFY(!feed.isConnected());
        QVERIFY(!disconnected.at(0).at(0).toString().isEmpty());
    }

    void reportsAnUnreachableServer()
    {
        EchoServer echo;
        QVERIFY(echo.start());
        const QUrl url = echo.url();
        echo.stop();
        LiveFeed feed(u"/"_s);
        QSignalSpy disconnected(&feed, &LiveFeed::disconnected);
        feed.open(url, 7, u"any"_s);
        QTRY_COMPARE(disconnected.size(), 1);
    }

    void closeIsSilent()
    {
        EchoServer echo;
        QVERIFY(echo.start());
        LiveFeed feed(u"/"_s);
        QSignalSpy connected(&feed, &LiveFeed::connected);
        QSignalSpy disconnected(&feed, &LiveFeed::disconnected);
        feed.open(echo.url(), 7, u"any"_s);
        QTRY_COMPARE(connected.size(), 1);
        feed.close();
        QVERIFY(!feed.isConnected());
        // close() emits nothing, not even later: watch a while, failing at the first signal.
        QVERIFY(!QTest::qWaitFor([&] { return !disconnected.isEmpty(); }, 300));
    }

    void connectsToTheRealServer()
    {
        Im::Test::ServerProcess server;
        QVERIFY2(server.start(), server.output().constData());
        const QJsonObject account { { u"account"_s, u"13900000001"_s },
                                    { u"pwd"_s, u"secret123"_s } };
        const auto created = Im::Test::httpRequest("POST", server.url(u"/api/v1/users/create"_s),
                                                   { { "Content-Type", "application/json" } },
                                                   QJsonDocument(account).toJson());
        QCOMPARE(created.status, 200);
        const QJsonObject session = created.json().value(u"data"_s).toObject();
        const int userId = session.value(u"id"_s).toInt();
        const QString token = session.value(u"token"_s).toString();
        const QUrl base = server.url(QString());

        LiveFeed refusedFeed(u"/"_s);
        QSignalSpy refused(&refusedFeed, &LiveFeed::refused);
        refusedFeed.open(base, userId, u"not-the-token"_s);
        QTRY_COMPARE(refused.size(), 1);
        QCOMPARE(refused.at(0).at(0).toString(), u"Authentication error"_s);

        LiveFeed feed(u"/"_s);
        QSignalSpy connected(&feed, &LiveFeed::connected);
        QSignalSpy disconnected(&feed, &LiveFeed::disconnected);
        feed.open(base, userId, token);
        QTRY_COMPARE(connected.size(), 1);
        QVERIFY(server.stop(SIGTERM));
        QTRY_COMPARE(disconnected.size(), 1);
    }

    void adminFeedNeedsThePermissionAndPushesSessions()
    {
        Im::Test::ServerProcess server({ { u"LOG_FILE"_s, u"false"_s } });
        QVERIFY(server.createAdmin(u"18800000001"_s, u"S3cretpass"_s));
        QVERIFY2(server.start(), server.output().constData());
        const QJsonObject admin =
            postJson(server, u"/api/v1/users/login"_s,
                     { { u"account"_s, u"18800000001"_s }, { u"pwd"_s, u"S3cretpass"_s } });
        const QJsonObject user =
            postJson(server, u"/api/v1/users/create"_s,
                     { { u"account"_s, u"13900000001"_s }, { u"pwd"_s, u"secret123"_s } });
        const QUrl base = server.url(QString());

        LiveFeed forbidden;
        QCOMPARE(forbidden.nameSpace(), u"/admin"_s);
        QSignalSpy refused(&forbidden, &LiveFeed::refused);
        forbidden.open(base, user.value(u"id"_s).toInt(), user.value(u"token"_s).toString());
        QTRY_COMPARE(refused.size(), 1);
        QCOMPARE(refused.at(0).at(0).toString(),
                 u"Forbidden: the adminConsole permission is required"_s);

        LiveFeed feed;
        QSignalSpy connected(&feed, &LiveFeed::connected);
        QSignalSpy events(&feed, &LiveFeed::eventReceived);
        feed.open(base, admin.value(u"id"_s).toInt(), admin.value(u"token"_s).toString());
        QTRY_COMPARE(connected.size(), 1);
        // A user's socket opens: the next `sessions` lists it.
        LiveFeed userSocket(u"/"_s);
        userSocket.open(base, user.value(u"id"_s).toInt(), user.value(u"token"_s).toString());
        const auto listsTheUser = [&] {
            for (const QList<QVariant> &event : std::as_const(events)) {
                if (event.at(0).toString() != "sessions"_L1)
                    continue;
                for (const QJsonValue &session : event.at(1).value<QJsonValue>().toArray()) {
                    if (session[u"userId"_s].toInt() == user.value(u"id"_s).toInt())
                        return true;
                }
            }
            return false;
        };
        QTRY_VERIFY(listsTheUser());
        const auto queuesEvents = [&] {
            return std::count_if(events.cbegin(), events.cend(), [](const QList<QVariant> &event) {
                return event.at(0).toString() == "queues"_L1;
            });
        };
        QTRY_VERIFY(queuesEvents() >= 2);
    }
};

QTEST_GUILESS_MAIN(TestLiveFeed)
#include "tst_livefeed.moc"
