// The whole console as an operator uses it: the main window, its connect dialog and views, driven
// like a user would, against the real im-server process and real socket.io-client devices.
// With IM_ADMIN_SCREENSHOT=<file.png> the live-sessions test also saves the window there
// (scripts/admin-screenshot.sh makes the README's picture this way).

#include "app/connectdialog.h"
#include "app/consolesession.h"
#include "app/mainwindow.h"
#include "models/jsontablemodel.h"
#include "serverprocess.h"
#include "socketclients.h"
#include "views/banner.h"
#include "views/cursorsview.h"
#include "views/livefigure.h"
#include "views/livefiguresview.h"
#include "views/overviewview.h"
#include "views/queuesview.h"
#include "views/ratechart.h"
#include "views/sessionsview.h"
#include "views/sparkline.h"
#include "views/stuckboardview.h"
#include "views/tablepanel.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

#include <csignal>
#include <memory>

using namespace Qt::StringLiterals;
using Im::Admin::ConsoleSession;
using Im::Admin::MainWindow;
using Im::Admin::TablePanel;
using Im::Test::ServerProcess;
using Im::Test::SocketClients;

namespace {

const QString adminAccount = u"18800000002"_s;
const QString adminPassword = u"S3cretpass"_s;
constexpr int updateTimeoutMs = 15000;

//! The rows of \a panel's model whose \a field equals \a value.
QList<QJsonObject> rowsWhere(const TablePanel *panel, const QString &field, const QJsonValue &value)
{
    QList<QJsonObject> rows;
    for (int row = 0; row < panel->model()->rowCount(); ++row) {
        const QJsonObject object = panel->model()->rowObject(row);
        if (object.value(field) == value)
            rows.append(object);
    }
    return rows;
}

//! Selects the row of \a panel whose \a field equals \a value, as a click would.
bool selectRowWhere(TablePanel *panel, const QString &field, const QJsonValue &value)
{
    for (int row = 0; row < panel->model()->rowCount(); ++row) {
        if (panel->model()->rowObject(row).value(field) == value) {
            const QModelIndex shown = panel->proxy()->mapFromSource(panel->model()->index(row, 0));
            panel->table()->selectRow(shown.row());
            return panel->selectedRow().has_value();
        }
    }
    return false;
}

QString labelText(const QWidget *window, const QString &objectName)
{
    const auto *label = window->findChild<QLabel *>(objectName);
    return label ? label->text() : u"<no label %1>"_s.arg(objectName);
}

QAction *actionNamed(const QWidget *parent, const QString &objectName)
{
    return parent->findChild<QAction *>(objectName);
}

} // namespace

class TestConsole : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<ConsoleSession> m_session;
    std::unique_ptr<MainWindow> m_window;

    [[nodiscard]] QUrl baseUrl() const { return m_server->url(QString()); }

    //! Logs in through File ▸ Connect…, typing into the dialog's fields.
    void logInThroughTheDialog(const QString &account, const QString &password)
    {
        Im::Admin::ConnectDialog *dialog = m_window->openConnectDialog();
        QVERIFY(dialog);
        const auto type = [dialog](const QString &edit, const QString &text) {
            auto *line = dialog->findChild<QLineEdit *>(edit);
            QVERIFY(line);
            line->clear();
            QTest::keyClicks(line, text);
        };
        type(u"serverUrlEdit"_s, baseUrl().toString());
        type(u"accountEdit"_s, account);
        type(u"passwordEdit"_s, password);
        QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(ok && ok->isEnabled());
        QTest::mouseClick(ok, Qt::LeftButton);
    }

    void logInAsAdmin()
    {
        logInThroughTheDialog(adminAccount, adminPassword);
        QTRY_VERIFY_WITH_TIMEOUT(m_session->state() == ConsoleSession::State::Connected,
                                 updateTimeoutMs);
        QTRY_VERIFY(labelText(m_window.get(), u"connectionLabel"_s).contains(adminAccount));
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<ServerProcess>(
            QMap<QString, QString> { { u"LOG_FILE"_s, u"false"_s } });
        QVERIFY(m_server->createAdmin(adminAccount, adminPassword));
        QVERIFY2(m_server->start(), m_server->output().constData());
        m_session = std::make_unique<ConsoleSession>();
        m_window = std::make_unique<MainWindow>(m_session.get());
        m_window->setConfirmActions(false);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanup()
    {
        m_window.reset();
        m_session.reset();
        m_server.reset();
    }

    void liveSessionsAppearAndCanBeDisconnected()
    {
        logInAsAdmin();
        QVERIFY(m_window->selectView(u"sessionsView"_s));
        TablePanel *sessions = m_window->sessionsView()->panel();

        SocketClients clients;
        QVERIFY(clients.start(baseUrl()));
        const auto carol = clients.registerUser();
        const auto dave = clients.registerUser();
        QVERIFY(carol && dave);
        const auto phone = clients.connectDevice(*carol, u"phone"_s);
        const auto desk = clients.connectDevice(*carol, u"desk"_s);
        const auto laptop = clients.connectDevice(*dave, u"laptop"_s);
        QVERIFY(phone && desk && laptop);
        QTRY_COMPARE_WITH_TIMEOUT(sessions->model()->rowCount(), 3, updateTimeoutMs);
        const QList<QJsonObject> phoneRows = rowsWhere(sessions, u"socketId"_s, phone->socketId);
        QCOMPARE(phoneRows.size(), 1);
        QCOMPARE(phoneRows.first().value(u"account"_s).toString(), carol->account);
        QCOMPARE(phoneRows.first().value(u"deviceId"_s).toString(), u"phone"_s);

        // The details pane follows the selection; the filter narrows the table to one user.
        QVERIFY(selectRowWhere(sessions, u"socketId"_s, phone->socketId));
        QVERIFY(sessions->details()->topLevelItemCount() > 0);
        QTest::keyClicks(sessions->filterEdit(), dave->account);
        QTRY_COMPARE(sessions->proxy()->rowCount(), 1);
        sessions->filterEdit()->clear();
        QTRY_COMPARE(sessions->proxy()->rowCount(), 3);

        if (const QString file = qEnvironmentVariable("IM_ADMIN_SCREENSHOT"); !file.isEmpty()) {
            QVERIFY(selectRowWhere(sessions, u"socketId"_s, phone->socketId));
            QTest::qWait(1500); // a few feed updates, so the counters are live
            QVERIFY(m_window->grab().save(file));
        }

        // Disconnect session: the client is really gone, and so is its row.
        QVERIFY(selectRowWhere(sessions, u"socketId"_s, phone->socketId));
        QAction *disconnectSession = actionNamed(sessions, u"disconnectSessionAction"_s);
        QVERIFY(disconnectSession && disconnectSession->isEnabled());
        disconnectSession->trigger();
        QVERIFY(clients.waitForServerDisconnect(*phone));
        QTRY_VERIFY_WITH_TIMEOUT(rowsWhere(sessions, u"socketId"_s, phone->socketId).isEmpty(),
                                 updateTimeoutMs);
        QCOMPARE(sessions->model()->rowCount(), 2);

        // Disconnect user: every session of dave goes, carol's desk stays.
        QVERIFY(selectRowWhere(sessions, u"socketId"_s, laptop->socketId));
        actionNamed(sessions, u"disconnectUserAction"_s)->trigger();
        QVERIFY(clients.waitForServerDisconnect(*laptop));
        QTRY_COMPARE_WITH_TIMEOUT(sessions->model()->rowCount(), 1, updateTimeoutMs);
        QCOMPARE(sessions->model()->rowObject(0).value(u"socketId"_s).toString(), desk->socketId);

        // A client that leaves on its own disappears too.
        QVERIFY(clients.close(*desk));
        QTRY_COMPARE_WITH_TIMEOUT(sessions->model()->rowCount(), 0, updateTimeoutMs);
    }

    void queuesAndCursorsShowMessagesForAnOfflineUser()
    {
        logInAsAdmin();
        SocketClients clients;
        QVERIFY(clients.start(baseUrl()));
        const auto friends = clients.registerFriends();
        const auto &[alice, bob] = friends;
        QVERIFY(alice && bob);
        // Bob's phone receives a first message and acknowledges it (the queues view shows the
        // ack), so the server keeps its cursor; then it goes away and three more arrive.
        const auto bobPhone = clients.connectDevice(*bob, u"phone"_s);
        const auto aliceDesk = clients.connectDevice(*alice, u"desk"_s);
        QVERIFY(bobPhone && aliceDesk);
        const auto send = [&](const QString &text) {
            const auto ack = clients.sendText(*aliceDesk, bob->id, text);
            return ack && ack->value(u"statusCode"_s).toInt() == 200;
        };
        QVERIFY(send(u"while online"_s));
        QVERIFY(m_window->selectView(u"queuesView"_s));
        TablePanel *queues = m_window->queuesView()->panel();
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const QList<QJsonObject> bobRows = rowsWhere(queues, u"userId"_s, bob->id);
                return bobRows.size() == 1 && bobRows.first().value(u"acked"_s).toInt() == 1;
            }(),
            updateTimeoutMs);
        QVERIFY(clients.close(*bobPhone));
        for (int i = 0; i < 3; ++i)
            QVERIFY(send(u"while offline %1"_s.arg(i)));

        // Queues: the writer stored the four messages; bob, offline, has no row any more.
        QTRY_COMPARE_WITH_TIMEOUT(labelText(m_window.get(), u"queues.writer.messages"_s), u"4"_s,
                                  updateTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(rowsWhere(queues, u"userId"_s, bob->id).size(), 0,
                                  updateTimeoutMs);
        QCOMPARE(rowsWhere(queues, u"userId"_s, alice->id).size(), 1);

        // Cursors: bob's phone is three messages behind, in the one conversation with alice.
        QVERIFY(m_window->selectView(u"cursorsView"_s));
        Im::Admin::CursorsView *cursors = m_window->cursorsView();
        auto *userId = cursors->findChild<QLineEdit *>(u"cursorsUserIdEdit"_s);
        QVERIFY(userId);
        QTest::keyClicks(userId, QString::number(bob->id));
        QTest::mouseClick(cursors->findChild<QPushButton *>(u"showCursorsButton"_s),
                          Qt::LeftButton);
        TablePanel *rows = cursors->cursorsPanel();
        QTRY_COMPARE_WITH_TIMEOUT(rowsWhere(rows, u"deviceId"_s, u"phone"_s).size(), 1,
                                  updateTimeoutMs);
        const QJsonObject phoneRow = rowsWhere(rows, u"deviceId"_s, u"phone"_s).first();
        QCOMPARE(phoneRow.value(u"peerId"_s).toInt(), alice->id);
        QCOMPARE(phoneRow.value(u"ackLag"_s).toInt(), 3);
        QCOMPARE(phoneRow.value(u"readLag"_s).toInt(), 4); // bob has read none of the four
        QCOMPARE(phoneRow.value(u"newestSeq"_s).toInt(), 4);
        // The lagging devices (polled) put bob's phone first.
        TablePanel *lagging = cursors->laggingPanel();
        QTRY_VERIFY_WITH_TIMEOUT(lagging->model()->rowCount() > 0, updateTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(rowsWhere(lagging, u"userId"_s, bob->id).size(), 1, 20000);
        QCOMPARE(rowsWhere(lagging, u"userId"_s, bob->id).first().value(u"ackLag"_s).toInt(), 3);

        // Bob comes back: his phone catches up and the lag, shown again, is gone.
        const auto back = clients.connectDevice(*bob, u"phone"_s);
        QVERIFY(back);
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                QTest::mouseClick(cursors->findChild<QPushButton *>(u"showCursorsButton"_s),
                                  Qt::LeftButton);
                QTest::qWait(300);
                const QList<QJsonObject> now = rowsWhere(rows, u"deviceId"_s, u"phone"_s);
                return now.size() == 1 && now.first().value(u"ackLag"_s).toInt() == 0;
            }(),
            updateTimeoutMs);
    }

    void nonAdministratorIsRefusedWithAClearMessage()
    {
        SocketClients clients;
        QVERIFY(clients.start(baseUrl()));
        const auto user = clients.registerUser();
        QVERIFY(user);
        logInThroughTheDialog(user->account, u"secret123"_s);
        QTRY_VERIFY_WITH_TIMEOUT(
            labelText(m_window.get(), u"statusMessageLabel"_s).contains(u"not an administrator"_s),
            updateTimeoutMs);
        QCOMPARE(m_session->state(), ConsoleSession::State::Disconnected);
        QVERIFY(!labelText(m_window.get(), u"connectionLabel"_s).contains(user->account));
    }

    void serverGoingAwayIsShownAndRecoveredFrom()
    {
        logInAsAdmin();
        SocketClients clients;
        QVERIFY(clients.start(baseUrl()));
        const auto early = clients.registerUser();
        QVERIFY(early);
        const auto earlyDevice = clients.connectDevice(*early, u"desk"_s);
        QVERIFY(earlyDevice);
        TablePanel *sessions = m_window->sessionsView()->panel();
        QTRY_COMPARE_WITH_TIMEOUT(sessions->model()->rowCount(), 1, updateTimeoutMs);
        QVERIFY(selectRowWhere(sessions, u"socketId"_s, earlyDevice->socketId));
        QAction *disconnectSession = actionNamed(sessions, u"disconnectSessionAction"_s);
        QVERIFY(disconnectSession->isEnabled());
        Im::Admin::Banner *banner = m_window->connectionBanner();
        QVERIFY(banner->isHidden());
        QTRY_COMPARE_WITH_TIMEOUT(labelText(m_window.get(), u"overview.database.status"_s), u"up"_s,
                                  updateTimeoutMs);

        // Some history on the charts, to be kept across the restart.
        QTRY_VERIFY_WITH_TIMEOUT(m_window->overviewView()->ratesChart()->sampleCount() > 0,
                                 updateTimeoutMs);

        // The server stops: the banner says since when the data is, and nothing claims "up".
        QVERIFY(m_server->stop(SIGTERM));
        QTRY_VERIFY_WITH_TIMEOUT(
            labelText(m_window.get(), u"connectionLabel"_s).contains(u"Reconnecting"_s),
            updateTimeoutMs);
        QVERIFY(!labelText(m_window.get(), u"statusMessageLabel"_s).isEmpty());
        QVERIFY(!banner->isHidden());
        QVERIFY2(banner->text().startsWith(u"Disconnected — data as of %1"_s.arg(
                     m_window->dataAsOf().toString(u"HH:mm:ss"_s))),
                 qPrintable(banner->text()));
        QCOMPARE(labelText(m_window.get(), u"overview.database.status"_s), u"unknown"_s);
        // The rows stay for reference, greyed, and their actions are off.
        QCOMPARE(sessions->model()->rowCount(), 1);
        QVERIFY(!sessions->isLive());
        QVERIFY(!sessions->table()->isEnabled());
        QVERIFY(sessions->selectedRow().has_value());
        QVERIFY(!disconnectSession->isEnabled());
        QVERIFY(!actionNamed(sessions, u"revokeSessionsAction"_s)->isEnabled());
        QVERIFY(!m_window->findChild<QAction *>(u"refreshAction"_s)->isEnabled());

        // It comes back as a new process: the restart is marked on the charts.
        Im::Admin::RateChart *rates = m_window->overviewView()->ratesChart();
        QCOMPARE(rates->restartMarksShown(), 0);
        const int pointsBefore = rates->sampleCount();
        QVERIFY(m_server->restart());
        QTRY_VERIFY_WITH_TIMEOUT(m_session->state() == ConsoleSession::State::Connected, 40000);
        QTRY_VERIFY(labelText(m_window.get(), u"connectionLabel"_s).contains(adminAccount));
        QVERIFY(banner->isHidden());
        QVERIFY(sessions->isLive());
        QTRY_COMPARE_WITH_TIMEOUT(rates->restartMarksShown(), 1, updateTimeoutMs);
        QCOMPARE(m_window->overviewView()->queueChart()->restartMarksShown(), 1);
        // The history from before the restart is kept.
        QVERIFY(rates->sampleCount() >= pointsBefore);
        QTRY_COMPARE_WITH_TIMEOUT(labelText(m_window.get(), u"overview.database.status"_s), u"up"_s,
                                  updateTimeoutMs);

        // Live again: a new client shows up in the sessions table.
        SocketClients fresh;
        QVERIFY(fresh.start(baseUrl()));
        const auto user = fresh.registerUser();
        QVERIFY(user);
        const auto device = fresh.connectDevice(*user, u"desk"_s);
        QVERIFY(device);
        QTRY_COMPARE_WITH_TIMEOUT(rowsWhere(sessions, u"socketId"_s, device->socketId).size(), 1,
                                  updateTimeoutMs);
    }

    void devicesThatNeverAckedAreOnTheBoard()
    {
        logInAsAdmin();
        SocketClients clients;
        QVERIFY(clients.start(baseUrl()));
        const auto alice = clients.registerUser();
        const auto bob = clients.registerUser();
        const auto carol = clients.registerUser();
        QVERIFY(alice && bob && carol);
        QVERIFY(clients.befriend(*alice, *bob));
        QVERIFY(clients.befriend(*alice, *carol));
        const auto aliceDesk = clients.connectDevice(*alice, u"desk"_s);
        // GIVEN bob's phone, online, that acknowledges nothing, and carol's tablet, which went
        // away before it acknowledged anything
        const auto bobPhone = clients.connectDevice(*bob, u"phone"_s, true);
        const auto carolTablet = clients.connectDevice(*carol, u"tablet"_s, true);
        QVERIFY(aliceDesk && bobPhone && carolTablet);
        QVERIFY(clients.close(*carolTablet));
        // WHEN messages go to both, and some load to bob
        for (int i = 0; i < 3; ++i) {
            const auto toBob = clients.sendText(*aliceDesk, bob->id, u"to bob %1"_s.arg(i));
            const auto toCarol = clients.sendText(*aliceDesk, carol->id, u"to carol %1"_s.arg(i));
            QVERIFY(toBob && toBob->value(u"statusCode"_s).toInt() == 200);
            QVERIFY(toCarol && toCarol->value(u"statusCode"_s).toInt() == 200);
        }
        // The server may refuse some of a burst (its send limits): what it stored is what counts.
        const std::optional<int> accepted = clients.burst(*aliceDesk, bob->id, 150);
        QVERIFY(accepted && *accepted >= 100);

        // THEN both devices are on the board, the oldest wait first
        QVERIFY(m_window->selectView(u"boardView"_s));
        TablePanel *board = m_window->boardView()->panel();
        // (A board polled during the burst may not have all of it yet: wait for one after it.)
        QTRY_VERIFY_WITH_TIMEOUT(
            rowsWhere(board, u"userId"_s, carol->id).size() == 1
                && rowsWhere(board, u"userId"_s, bob->id).size() == 1
                && rowsWhere(board, u"userId"_s, bob->id).first().value(u"waiting"_s).toInt()
                    >= 3 + *accepted,
            updateTimeoutMs);
        const QJsonObject bobRow = rowsWhere(board, u"userId"_s, bob->id).first();
        QCOMPARE(bobRow.value(u"deviceId"_s).toString(), u"phone"_s);
        QCOMPARE(bobRow.value(u"account"_s).toString(), bob->account);
        QVERIFY(bobRow.value(u"online"_s).toBool());
        QVERIFY2(bobRow.value(u"waiting"_s).toInt() >= 3 + *accepted,
                 qPrintable(QString::number(bobRow.value(u"waiting"_s).toInt())));
        const QJsonObject carolRow = rowsWhere(board, u"userId"_s, carol->id).first();
        QCOMPARE(carolRow.value(u"deviceId"_s).toString(), u"tablet"_s);
        QVERIFY(!carolRow.value(u"online"_s).toBool());
        QCOMPARE(carolRow.value(u"waiting"_s).toInt(), 3);
        // Sorted by the oldest wait: the first row waits longest.
        const QModelIndex first = board->proxy()->index(0, 0);
        const QJsonObject top = board->model()->rowObject(board->proxy()->mapToSource(first).row());
        for (int row = 0; row < board->model()->rowCount(); ++row)
            QVERIFY(top.value(u"oldestWaitingMs"_s).toDouble()
                    >= board->model()->rowObject(row).value(u"oldestWaitingMs"_s).toDouble());

        // Pushes to bob's phone time out unanswered: the board counts them.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const QList<QJsonObject> rows = rowsWhere(board, u"userId"_s, bob->id);
                return rows.size() == 1 && rows.first().value(u"timedOut"_s).toInt() > 0;
            }(),
            30000);

        if (const QString file = qEnvironmentVariable("IM_ADMIN_BOARD_SCREENSHOT");
            !file.isEmpty()) {
            QVERIFY(selectRowWhere(board, u"userId"_s, bob->id));
            QVERIFY(m_window->grab().save(file));
        }

        // One double-click to the user's cursors.
        QVERIFY(selectRowWhere(board, u"userId"_s, carol->id));
        const QModelIndex carolIndex = board->table()->selectionModel()->selectedRows().first();
        const QRect cell = board->table()->visualRect(carolIndex);
        // A real double-click: press and release, then the double-click event.
        QTest::mouseClick(board->table()->viewport(), Qt::LeftButton, {}, cell.center());
        QTest::mouseDClick(board->table()->viewport(), Qt::LeftButton, {}, cell.center());
        auto *tabs = m_window->findChild<QTabWidget *>(u"viewTabs"_s);
        QTRY_COMPARE(tabs->currentWidget()->objectName(), u"cursorsView"_s);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->cursorsView()->shownUserId(), carol->id,
                                  updateTimeoutMs);
    }

    void liveFiguresMatchTheLoadSent()
    {
        logInAsAdmin();
        SocketClients clients;
        QVERIFY(clients.start(baseUrl()));
        const auto friends = clients.registerFriends();
        const auto &[alice, bob] = friends;
        QVERIFY(alice && bob);
        const auto aliceDesk = clients.connectDevice(*alice, u"desk"_s);
        const auto bobPhone = clients.connectDevice(*bob, u"phone"_s);
        QVERIFY(aliceDesk && bobPhone);
        Im::Admin::LiveFiguresView *figures = m_window->overviewView()->liveFigures();
        // Counted from the first sample after an idle one, so nothing before the load counts.
        QSignalSpy samples(m_session.get(), &ConsoleSession::sampleAdded);
        QVERIFY(samples.wait(updateTimeoutMs));
        const auto timeOf = [](const QList<QVariant> &arguments) {
            return QDateTime::fromString(arguments.first().toJsonObject().value(u"at"_s).toString(),
                                         Qt::ISODateWithMs);
        };
        QDateTime previous = timeOf(samples.last());
        samples.clear();

        // The server may refuse some of a burst (its send limits): what it stored is what counts.
        const std::optional<int> accepted = clients.burst(*aliceDesk, bob->id, 300);
        QVERIFY(accepted && *accepted >= 100);
        const int sent = *accepted;
        // Until a sample with nothing stored: the load is over and fully counted.
        QTRY_VERIFY_WITH_TIMEOUT(
            samples.size() > 1
                && samples.last().first().toJsonObject().value(u"messagesPerSecond"_s).toDouble()
                    == 0,
            updateTimeoutMs);
        double stored = 0;
        double rates = 0;
        qint64 pushes = 0;
        for (const QList<QVariant> &arguments : std::as_const(samples)) {
            const QJsonObject sample = arguments.first().toJsonObject();
            // A rate per second over the time since the sample before.
            const QDateTime at = timeOf(arguments);
            stored += sample.value(u"messagesPerSecond"_s).toDouble() * double(previous.msecsTo(at))
                / 1000.0;
            previous = at;
            rates += sample.value(u"messagesPerSecond"_s).toDouble();
            pushes += sample.value(u"sendToPushCount"_s).toInteger();
        }
        QVERIFY2(std::abs(stored - sent) <= sent * 0.15, qPrintable(QString::number(stored)));
        QCOMPARE(pushes, qint64(sent));
        // The big numbers and their sparklines show the same samples.
        Im::Admin::LiveFigure *messages = figures->figure(u"messagesPerSecond"_s);
        const QList<double> &line = messages->findChild<Im::Admin::Sparkline *>()->values();
        double shown = 0;
        for (qsizetype i = std::max<qsizetype>(0, line.size() - samples.size()); i < line.size();
             ++i)
            shown += line.at(i);
        QVERIFY2(std::abs(shown - rates) < 1e-6, qPrintable(u"%1 vs %2"_s.arg(shown).arg(rates)));
        QCOMPARE(messages->valueText(), QLocale().toString(0.0, 'f', 2));
        if (const QString file = qEnvironmentVariable("IM_ADMIN_OVERVIEW_SCREENSHOT");
            !file.isEmpty()) {
            QVERIFY(m_window->selectView(u"overviewView"_s));
            m_window->overviewView()->setWindowMinutes(1);
            QVERIFY(m_window->grab().save(file));
        }
        // Latencies were measured: the p99 figure had a value while the load ran.
        const QList<double> &p99 =
            figures->figure(u"sendToAckP99Ms"_s)->findChild<Im::Admin::Sparkline *>()->values();
        QVERIFY(!p99.isEmpty());
    }

    void findByAccountTakesElevenDigitAccounts()
    {
        logInAsAdmin();
        SocketClients clients;
        QVERIFY(clients.start(baseUrl()));
        const auto friends = clients.registerFriends();
        const auto &[alice, bob] = friends;
        QVERIFY(alice && bob);
        QCOMPARE(bob->account.size(), 11);
        const auto bobPhone = clients.connectDevice(*bob, u"phone"_s);
        const auto aliceDesk = clients.connectDevice(*alice, u"desk"_s);
        QVERIFY(bobPhone && aliceDesk);
        QVERIFY(clients.sendText(*aliceDesk, bob->id, u"hello"_s));
        TablePanel *sessions = m_window->sessionsView()->panel();
        QTRY_COMPARE_WITH_TIMEOUT(sessions->model()->rowCount(), 2, updateTimeoutMs);

        // Find: every table narrows to bob, and Enter shows his cursors.
        auto *find = m_window->findChild<QLineEdit *>(u"findUserEdit"_s);
        QVERIFY(find);
        QTest::keyClicks(find, bob->account);
        QCOMPARE(sessions->proxy()->rowCount(), 1);
        QTest::keyClick(find, Qt::Key_Return);
        Im::Admin::CursorsView *cursors = m_window->cursorsView();
        QTRY_COMPARE_WITH_TIMEOUT(cursors->shownUserId(), bob->id, updateTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(
            rowsWhere(cursors->cursorsPanel(), u"deviceId"_s, u"phone"_s).size(), 1,
            updateTimeoutMs);
        QVERIFY(labelText(m_window.get(), u"cursorsUserLabel"_s).contains(u"as of"_s));

        // An account nobody has: the rows go (not bob's left standing) and the label says why.
        auto *userEdit = cursors->findChild<QLineEdit *>(u"cursorsUserIdEdit"_s);
        userEdit->clear();
        QTest::keyClicks(userEdit, u"19999999999"_s);
        QCOMPARE(userEdit->text(), u"19999999999"_s);
        QTest::mouseClick(cursors->findChild<QPushButton *>(u"showCursorsButton"_s),
                          Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(cursors->cursorsPanel()->model()->rowCount(), 0, updateTimeoutMs);
        QTRY_VERIFY(labelText(m_window.get(), u"cursorsUserLabel"_s).contains(u"19999999999"_s));
        QCOMPARE(cursors->shownUserId(), 0);
    }

    void revokeMakesTheUserLogInAgain()
    {
        logInAsAdmin();
        SocketClients clients;
        QVERIFY(clients.start(baseUrl()));
        const auto dave = clients.registerUser();
        QVERIFY(dave);
        const auto laptop = clients.connectDevice(*dave, u"laptop"_s);
        QVERIFY(laptop);
        TablePanel *sessions = m_window->sessionsView()->panel();
        QTRY_COMPARE_WITH_TIMEOUT(rowsWhere(sessions, u"socketId"_s, laptop->socketId).size(), 1,
                                  updateTimeoutMs);
        QVERIFY(selectRowWhere(sessions, u"socketId"_s, laptop->socketId));
        actionNamed(sessions, u"revokeSessionsAction"_s)->trigger();
        QVERIFY(clients.waitForServerDisconnect(*laptop));
        QTRY_VERIFY_WITH_TIMEOUT(
            labelText(m_window.get(), u"statusMessageLabel"_s).contains(u"logged out"_s),
            updateTimeoutMs);
        // The old token is refused: the device cannot just come back.
        QVERIFY(!clients.connectDevice(*dave, u"laptop"_s));
    }
};

QTEST_MAIN(TestConsole)
#include "tst_console.moc"
