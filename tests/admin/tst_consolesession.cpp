// ConsoleSession against the real im-server process (SQLite in a temporary data folder), with
// real socket.io-client devices (socketclients.mjs) to watch and to disconnect.

#include "app/consolesession.h"
#include "serverprocess.h"
#include "socketclients.h"
#include "testhttpclient.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

#include <algorithm>
#include <csignal>
#include <memory>

using namespace Qt::StringLiterals;
using Im::Admin::ConsoleSession;
using Im::Test::ServerProcess;
using Im::Test::SocketClients;

namespace {

const QString adminAccount = u"18800000001"_s;
const QString adminPassword = u"S3cretpass"_s;
// Polling (while the feed is down) takes up to 5 s; the feed is quicker.
constexpr int updateTimeoutMs = 15000;

//! The most recent sessions list \a spy saw.
QJsonArray lastSessions(const QSignalSpy &spy)
{
    return spy.isEmpty() ? QJsonArray() : spy.constLast().at(0).toJsonArray();
}

//! The session of \a socketId in \a sessions, or an empty object.
QJsonObject sessionOf(const QJsonArray &sessions, const QString &socketId)
{
    for (const QJsonValue &session : sessions) {
        if (session.toObject().value(u"socketId"_s).toString() == socketId)
            return session.toObject();
    }
    return {};
}

QString lastError(const QSignalSpy &spy)
{
    return spy.isEmpty() ? QString() : spy.constLast().at(0).toString();
}

} // namespace

class TestConsoleSession : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;

    //! A fresh server with an administrator account.
    bool startServer()
    {
        m_server = std::make_unique<ServerProcess>(
            QMap<QString, QString> { { u"LOG_FILE"_s, u"false"_s } });
        if (!m_server->createAdmin(adminAccount, adminPassword))
            return false;
        if (!m_server->start()) {
            qWarning("the server did not start: %s", m_server->output().constData());
            return false;
        }
        return true;
    }

    [[nodiscard]] QUrl baseUrl() const { return m_server->url(QString()); }

    //! \a session connected as the administrator.
    bool connectAdmin(ConsoleSession &session)
    {
        session.connectTo(baseUrl(), adminAccount, adminPassword);
        return QTest::qWaitFor([&] { return session.state() == ConsoleSession::State::Connected; },
                               updateTimeoutMs);
    }

private Q_SLOTS:
    void init() { QVERIFY(startServer()); }
    void cleanup() { m_server.reset(); }

    void adminLogsInAndGetsEverything()
    {
        ConsoleSession session;
        QSignalSpy states(&session, &ConsoleSession::stateChanged);
        QSignalSpy overviews(&session, &ConsoleSession::overviewChanged);
        QSignalSpy sessions(&session, &ConsoleSession::sessionsChanged);
        QSignalSpy queues(&session, &ConsoleSession::queuesChanged);
        QSignalSpy errors(&session, &ConsoleSession::errorOccurred);
        QVERIFY(connectAdmin(session));
        QCOMPARE(states.at(0).at(0).value<ConsoleSession::State>(),
                 ConsoleSession::State::Connecting);
        QCOMPARE(states.at(1).at(0).value<ConsoleSession::State>(),
                 ConsoleSession::State::Connected);
        QCOMPARE(session.account(), adminAccount);
        QCOMPARE(session.server(), baseUrl());
        QTRY_VERIFY(!overviews.isEmpty());
        QVERIFY(overviews.constLast().at(0).toJsonObject().contains(u"version"_s));
        QTRY_VERIFY(!sessions.isEmpty());
        QTRY_VERIFY(!queues.isEmpty());
        QVERIFY(queues.constLast().at(0).toJsonObject().contains(u"channels"_s));
        // The overview is polled again every 5 s.
        const qsizetype before = overviews.size();
        QTRY_VERIFY_WITH_TIMEOUT(overviews.size() > before, 8000);
        QVERIFY2(session.state() == ConsoleSession::State::Connected,
                 qPrintable(lastError(errors)));
    }

    void boardMinuteHistoryAndRestartsArrive()
    {
        ConsoleSession session;
        QSignalSpy boards(&session, &ConsoleSession::boardChanged);
        QSignalSpy minutes(&session, &ConsoleSession::minuteRatesChanged);
        QSignalSpy restarts(&session, &ConsoleSession::serverRestarted);
        QVERIFY(connectAdmin(session));
        // At once after connecting: the board (an object with its devices) and the minute history.
        QTRY_VERIFY_WITH_TIMEOUT(!boards.isEmpty() && !minutes.isEmpty(), updateTimeoutMs);
        QVERIFY(boards.constLast().at(0).toJsonObject().value(u"devices"_s).isArray());
        QCOMPARE(minutes.constLast().at(0).toJsonObject().value(u"resolution"_s).toString(),
                 u"minute"_s);
        // The board is polled again.
        const qsizetype before = boards.size();
        QTRY_VERIFY_WITH_TIMEOUT(boards.size() > before, 2 * ConsoleSession::boardIntervalMs);

        // Polls and reconnects are no restart: none so far. A new server process is, once.
        QCOMPARE(restarts.size(), 0);
        QVERIFY(m_server->stop(SIGTERM));
        QVERIFY(m_server->restart());
        QTRY_VERIFY_WITH_TIMEOUT(
            session.state() == ConsoleSession::State::Connected && restarts.size() == 1, 40000);
        QVERIFY(restarts.constFirst().at(0).toDateTime().isValid());
    }

    void sessionsFollowTheClients()
    {
        ConsoleSession session;
        QSignalSpy sessions(&session, &ConsoleSession::sessionsChanged);
        QVERIFY(connectAdmin(session));
        SocketClients clients;
        QVERIFY(clients.start(baseUrl()));
        const auto user = clients.registerUser();
        QVERIFY(user);
        const auto device = clients.connectDevice(*user, u"desk"_s);
        QVERIFY(device);
        QTRY_VERIFY_WITH_TIMEOUT(!sessionOf(lastSessions(sessions), device->socketId).isEmpty(),
                                 updateTimeoutMs);
        const QJsonObject listed = sessionOf(lastSessions(sessions), device->socketId);
        QCOMPARE(listed.value(u"userId"_s).toInt(), user->id);
        QCOMPARE(listed.value(u"deviceId"_s).toString(), u"desk"_s);
        QVERIFY(clients.close(*device));
        QTRY_VERIFY_WITH_TIMEOUT(sessionOf(lastSessions(sessions), device->socketId).isEmpty(),
                                 updateTimeoutMs);
    }

    void disconnectSessionEndsTheClient()
    {
        ConsoleSession session;
        QSignalSpy sessions(&session, &ConsoleSession::sessionsChanged);
        QSignalSpy finished(&session, &ConsoleSession::actionFinished);
        QVERIFY(connectAdmin(session));
        SocketClients clients;
        QVERIFY(clients.start(baseUrl()));
        const auto user = clients.registerUser();
        QVERIFY(user);
        const auto kept = clients.connectDevice(*user, u"kept"_s);
        const auto device = clients.connectDevice(*user, u"phone"_s);
        QVERIFY(kept && device);
        QTRY_VERIFY_WITH_TIMEOUT(!sessionOf(lastSessions(sessions), device->socketId).isEmpty(),
                                 updateTimeoutMs);
        const QString sid =
            sessionOf(lastSessions(sessions), device->socketId).value(u"sid"_s).toString();
        QVERIFY(!sid.isEmpty());

        session.disconnectSession(sid);
        QTRY_COMPARE(finished.size(), 1);
        QVERIFY(finished.at(0).at(0).toString().contains(sid));
        QVERIFY(clients.waitForServerDisconnect(*device));
        QTRY_VERIFY_WITH_TIMEOUT(sessionOf(lastSessions(sessions), device->socketId).isEmpty(),
                                 updateTimeoutMs);
        QVERIFY(!sessionOf(lastSessions(sessions), kept->socketId).isEmpty());
    }

    void disconnectUserEndsAllItsClients()
    {
        ConsoleSession session;
        QSignalSpy finished(&session, &ConsoleSession::actionFinished);
        QVERIFY(connectAdmin(session));
        SocketClients clients;
        QVERIFY(clients.start(baseUrl()));
        const auto user = clients.registerUser();
        QVERIFY(user);
        const auto desk = clients.connectDevice(*user, u"desk"_s);
        const auto phone = clients.connectDevice(*user, u"phone"_s);
        QVERIFY(desk && phone);

        session.disconnectUser(user->id);
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.at(0).at(0).toString(),
                 u"User %1 disconnected: 2 session(s) closed."_s.arg(user->id));
        QVERIFY(clients.waitForServerDisconnect(*desk));
        QVERIFY(clients.waitForServerDisconnect(*phone));
    }

    void deliveredMessagesShowInTheQueues()
    {
        ConsoleSession session;
        QSignalSpy queues(&session, &ConsoleSession::queuesChanged);
        QVERIFY(connectAdmin(session));
        SocketClients clients;
        QVERIFY(clients.start(baseUrl()));
        const auto friends = clients.registerFriends();
        const auto &[alice, bob] = friends;
        QVERIFY(alice && bob);
        const auto aliceDesk = clients.connectDevice(*alice, u"desk"_s);
        const auto bobDesk = clients.connectDevice(*bob, u"desk"_s);
        QVERIFY(aliceDesk && bobDesk);
        const auto ack = clients.sendText(*aliceDesk, bob->id, u"hello"_s);
        QVERIFY(ack);
        QCOMPARE(ack->value(u"statusCode"_s).toInt(), 200);
        const auto pushed = [&] {
            return queues.isEmpty()
                ? 0
                : queues.constLast().at(0).toJsonObject()[u"totals"_s][u"pushed"_s].toInt();
        };
        QTRY_VERIFY_WITH_TIMEOUT(pushed() >= 1, updateTimeoutMs);
    }

    void nonAdministratorIsRefused()
    {
        const QJsonObject account { { u"account"_s, u"13900000002"_s },
                                    { u"pwd"_s, u"secret123"_s } };
        const auto created = Im::Test::httpRequest("POST", m_server->url(u"/api/v1/users/create"_s),
                                                   { { "Content-Type", "application/json" } },
                                                   QJsonDocument(account).toJson());
        QCOMPARE(created.status, 200);

        ConsoleSession session;
        QSignalSpy errors(&session, &ConsoleSession::errorOccurred);
        QSignalSpy states(&session, &ConsoleSession::stateChanged);
        session.connectTo(baseUrl(), u"13900000002"_s, u"secret123"_s);
        QTRY_COMPARE(states.size(), 2);
        QCOMPARE(session.state(), ConsoleSession::State::Disconnected);
        QCOMPARE(errors.size(), 1);
        QVERIFY2(lastError(errors).contains(u"not an administrator"_s),
                 qPrintable(lastError(errors)));
    }

    void wrongPasswordIsRefused()
    {
        ConsoleSession session;
        QSignalSpy errors(&session, &ConsoleSession::errorOccurred);
        QSignalSpy states(&session, &ConsoleSession::stateChanged);
        session.connectTo(baseUrl(), adminAccount, u"not-the-password"_s);
        QTRY_COMPARE(states.size(), 2);
        QCOMPARE(session.state(), ConsoleSession::State::Disconnected);
        QCOMPARE(lastError(errors), u"Login failed: wrong account or password."_s);
    }

    void unreachableServerIsReported()
    {
        const QUrl url = baseUrl();
        QVERIFY(m_server->stop(SIGTERM));
        ConsoleSession session;
        QSignalSpy errors(&session, &ConsoleSession::errorOccurred);
        session.connectTo(url, adminAccount, adminPassword);
        QTRY_COMPARE(session.state(), ConsoleSession::State::Disconnected);
        QVERIFY2(lastError(errors).startsWith(u"Cannot reach the server"_s),
                 qPrintable(lastError(errors)));
    }

    void reconnectsWhenTheServerComesBack()
    {
        ConsoleSession session;
        QSignalSpy errors(&session, &ConsoleSession::errorOccurred);
        QSignalSpy overviews(&session, &ConsoleSession::overviewChanged);
        QSignalSpy rates(&session, &ConsoleSession::ratesChanged);
        QVERIFY(connectAdmin(session));
        QTRY_VERIFY(!overviews.isEmpty());
        errors.clear();

        QVERIFY(m_server->stop(SIGTERM));
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), ConsoleSession::State::Reconnecting, 10000);
        QVERIFY(!errors.isEmpty());
        // A few failed attempts while the server is away (each one reports when it retries).
        const auto failedAttempts = [&] {
            return std::count_if(errors.cbegin(), errors.cend(), [](const QList<QVariant> &error) {
                return error.at(0).toString().startsWith(u"Reconnecting in"_s);
            });
        };
        QTRY_VERIFY_WITH_TIMEOUT(failedAttempts() >= 2, 15000);
        QCOMPARE(session.state(), ConsoleSession::State::Reconnecting);

        QVERIFY(m_server->restart());
        overviews.clear();
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), ConsoleSession::State::Connected, 40000);
        QTRY_VERIFY(!overviews.isEmpty());
    }

    void logsInAgainWhenItsSessionIsGone()
    {
        ConsoleSession session;
        QSignalSpy overviews(&session, &ConsoleSession::overviewChanged);
        QVERIFY(connectAdmin(session));
        QTRY_VERIFY(!overviews.isEmpty());
        // While the server is down every login session is deleted: after the restart the
        // console's token answers 401, and only a fresh login brings it back.
        QVERIFY(m_server->stop(SIGTERM));
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), ConsoleSession::State::Reconnecting, 10000);
        {
            QSqlDatabase database = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"sessions"_s);
            database.setDatabaseName(m_server->dataDir() + u"/im-server.sqlite"_s);
            QVERIFY(database.open());
            QSqlQuery deleted(database);
            QVERIFY(deleted.exec(u"DELETE FROM Sessions"_s));
            QVERIFY(deleted.numRowsAffected() > 0);
        }
        QSqlDatabase::removeDatabase(u"sessions"_s);
        QVERIFY(m_server->restart());
        overviews.clear();
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), ConsoleSession::State::Connected, 40000);
        QTRY_VERIFY(!overviews.isEmpty());
    }

    void actionsNeedAConnection()
    {
        ConsoleSession session;
        QSignalSpy errors(&session, &ConsoleSession::errorOccurred);
        session.refreshNow();
        session.disconnectSession(u"abc"_s);
        QCOMPARE(errors.size(), 2);
        QCOMPARE(lastError(errors), u"Not connected to a server."_s);
        QCOMPARE(session.state(), ConsoleSession::State::Disconnected);
    }
};

QTEST_GUILESS_MAIN(TestConsoleSession)
#include "tst_consolesession.moc"
