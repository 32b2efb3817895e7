#include "app/alarmmonitor.h"
#include "app/connectdialog.h"
#include "app/consolesession.h"
#include "app/languageswitcher.h"
#include "app/mainwindow.h"
#include "app/restartdetector.h"
#include "im/version.h"
#include "views/banner.h"
#include "views/cursorsview.h"
#include "views/livefigure.h"
#include "views/livefiguresview.h"
#include "views/overviewview.h"
#include "views/queuesview.h"
#include "views/ratechart.h"
#include "views/sessionsview.h"
#include "views/stuckboardview.h"
#include "views/tablepanel.h"

#include <QAction>
#include <QCategoryAxis>
#include <QClipboard>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QFile>
#include <QGuiApplication>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using Im::Admin::ConsoleSession;
using Im::Admin::MainWindow;

namespace {

QJsonObject sessionRow(int userId, const QString &account, const QString &device, int pendingAcks)
{
    return {
        { u"sid"_s, u"sid-%1-%2"_s.arg(userId).arg(device) },
        { u"socketId"_s, u"socket-%1-%2"_s.arg(userId).arg(device) },
        { u"userId"_s, userId },
        { u"account"_s, account },
        { u"deviceId"_s, device },
        { u"transport"_s, u"websocket"_s },
        { u"remoteAddress"_s, u"127.0.0.1"_s },
        { u"connectedSince"_s, u"2024-05-01T10:00:00.000Z"_s },
        { u"lastActivity"_s, u"2024-05-01T10:05:00.000Z"_s },
        { u"pendingAcks"_s, pendingAcks },
        { u"bufferedBytes"_s, 0 },
    };
}

QJsonArray threeSessions()
{
    return { sessionRow(7, u"alice"_s, u"phone"_s, 2), sessionRow(7, u"alice"_s, u"laptop"_s, 0),
             sessionRow(9, u"bob"_s, u"desktop"_s, 11) };
}

QJsonObject sample(const QDateTime &at, double messagesPerSecond)
{
    return { { u"at"_s, at.toString(Qt::ISODateWithMs) },
             { u"messagesPerSecond"_s, messagesPerSecond },
             { u"pushesPerSecond"_s, messagesPerSecond * 2 },
             { u"acksPerSecond"_s, messagesPerSecond },
             { u"queued"_s, 4 },
             { u"inFlight"_s, 1 },
             { u"writerWaiting"_s, 0 } };
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    template<typename T>
    static T *child(const QObject &parent, const QString &name)
    {
        T *found = parent.findChild<T *>(name);
        if (!found)
            qWarning("no child %s", qPrintable(name));
        return found;
    }

    static QTableView *table(const QObject &parent, const QString &name)
    {
        return child<QTableView>(parent, name);
    }

    static QStringList detailValues(const QTreeWidget *details)
    {
        QStringList values;
        for (int i = 0; i < details->topLevelItemCount(); ++i)
            values.append(details->topLevelItem(i)->text(1));
        return values;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"im-server-tests"_s);
        QCoreApplication::setApplicationName(u"tst_mainwindow"_s);
        QSettings().clear();
        Im::Admin::LanguageSwitcher::instance()->apply(u"en"_s, false);
    }

    void startsDisconnectedWithTheVersionInTheTitle()
    {
        ConsoleSession session;
        MainWindow window(&session);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.windowTitle().contains(Im::versionString()));
        auto *label = child<QLabel>(window, u"connectionLabel"_s);
        QVERIFY(label);
        QCOMPARE(label->text(), u"Not connected to a server."_s);
        QVERIFY(!child<QAction>(window, u"disconnectAction"_s)->isEnabled());
        QVERIFY(!child<QAction>(window, u"refreshAction"_s)->isEnabled());
        // The icon of the desktop entry, embedded (drawn by Qt's SVG icon engine).
        QVERIFY(!window.windowIcon().pixmap(32, 32).isNull());
    }

    void titleNamesTheServer()
    {
        ConsoleSession session;
        MainWindow window(&session);
        // Connecting to a port where nothing listens: the title names the server at once.
        session.connectTo(QUrl(u"http://127.0.0.1:9"_s), u"18800000001"_s, u"S3cretpass"_s);
        QVERIFY2(window.windowTitle().startsWith(u"http://127.0.0.1:9 — im-admin "_s),
                 qPrintable(window.windowTitle()));
        session.disconnectFromServer();
        QCOMPARE(window.windowTitle(), u"im-admin %1"_s.arg(Im::versionString()));
    }

    void newWindowActionAsksForAnotherWindow()
    {
        ConsoleSession session;
        MainWindow window(&session);
        QSignalSpy requests(&window, &MainWindow::newWindowRequested);
        auto *newWindow = child<QAction>(window, u"newWindowAction"_s);
        QVERIFY(newWindow);
        QCOMPARE(newWindow->shortcut(), QKeySequence(QKeySequence::New));
        newWindow->trigger();
        QCOMPARE(requests.size(), 1);
    }

    void quitActionClosesTheWindowAndRemembersItsGeometry()
    {
        QSettings().remove(u"window"_s);
        ConsoleSession session;
        MainWindow window(&session);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *quit = child<QAction>(window, u"quitAction"_s);
        QVERIFY(quit);
        quit->trigger();
        QTRY_VERIFY(!window.isVisible());
        QVERIFY(!QSettings().value(u"window/geometry"_s).toByteArray().isEmpty());
        QVERIFY(!QSettings().value(u"window/state"_s).toByteArray().isEmpty());
    }

    void selectViewShowsTheNamedTab()
    {
        ConsoleSession session;
        MainWindow window(&session);
        auto *tabs = child<QTabWidget>(window, u"viewTabs"_s);
        for (const QString &name :
             { u"sessionsView"_s, u"queuesView"_s, u"cursorsView"_s, u"overviewView"_s }) {
            QVERIFY(window.selectView(name));
            QCOMPARE(tabs->currentWidget()->objectName(), name);
        }
        QVERIFY(!window.selectView(u"noSuchView"_s));
        QCOMPARE(tabs->currentWidget()->objectName(), u"overviewView"_s);
    }

    void statusBarShowsStateAndErrors()
    {
        ConsoleSession session;
        MainWindow window(&session);
        auto *state = child<QLabel>(window, u"connectionLabel"_s);
        auto *message = child<QLabel>(window, u"statusMessageLabel"_s);
        Q_EMIT session.errorOccurred(u"The server at http://x did not answer"_s);
        QCOMPARE(message->text(), u"Error: The server at http://x did not answer"_s);
        Q_EMIT session.actionFinished(u"Session sid-1 disconnected."_s);
        QCOMPARE(message->text(), u"Session sid-1 disconnected."_s);
        // Reconnecting is shown from the session's own state, which stays Disconnected here.
        Q_EMIT session.stateChanged(ConsoleSession::State::Reconnecting);
        QCOMPARE(state->text(), u"Not connected to a server."_s);
    }

    void sessionsTableFillsFiltersAndShowsDetails()
    {
        ConsoleSession session;
        MainWindow window(&session);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.selectView(u"sessionsView"_s);
        Q_EMIT session.sessionsChanged(threeSessions());
        QTableView *sessions = table(window, u"sessionsTable"_s);
        QVERIFY(sessions);
        QCOMPARE(sessions->model()->rowCount(), 3);

        // Sorted by pending acks, descending: numbers, not text ("11" < "2" as text).
        const int pendingColumn = 7;
        QCOMPARE(sessions->model()->headerData(pendingColumn, Qt::Horizontal).toString(),
                 u"Pending acks"_s);
        sessions->sortByColumn(pendingColumn, Qt::DescendingOrder);
        QCOMPARE(sessions->model()->index(0, 2).data().toString(), u"desktop"_s);
        QCOMPARE(sessions->model()->index(2, 2).data().toString(), u"laptop"_s);

        auto *filter = child<QLineEdit>(window, u"sessionsFilter"_s);
        QTest::keyClicks(filter, u"ALI"_s);
        QCOMPARE(sessions->model()->rowCount(), 2);
        QCOMPARE(child<QLabel>(window, u"sessionsCount"_s)->text(), u"2 of 3 rows shown"_s);
        filter->clear();
        QCOMPARE(sessions->model()->rowCount(), 3);
        QCOMPARE(child<QLabel>(window, u"sessionsCount"_s)->text(), u"3 rows"_s);

        auto *details = child<QTreeWidget>(window, u"sessionsDetails"_s);
        QCOMPARE(details->topLevelItemCount(), 0);
        sessions->selectRow(0); // bob's desktop
        QVERIFY(detailValues(details).contains(u"bob"_s));
        QVERIFY(detailValues(details).contains(u"sid-9-desktop"_s));
        QCOMPARE(details->topLevelItemCount(), 11);

        // A refresh that changes bob's figures keeps him selected and updates the details.
        QJsonArray next = threeSessions();
        next.replace(2, sessionRow(9, u"bob"_s, u"desktop"_s, 12));
        next.removeAt(0);
        Q_EMIT session.sessionsChanged(next);
        QCOMPARE(sessions->model()->rowCount(), 2);
        QCOMPARE(sessions->selectionModel()->selectedRows().size(), 1);
        QCOMPARE(sessions->selectionModel()->selectedRows().first().siblingAtColumn(2).data(),
                 u"desktop"_s);
        QVERIFY(detailValues(details).contains(u"12"_s));

        // Gone: no row selected (not the neighbour), the details empty.
        Q_EMIT session.sessionsChanged({ sessionRow(7, u"alice"_s, u"laptop"_s, 0) });
        QCOMPARE(sessions->model()->rowCount(), 1);
        QVERIFY(!sessions->selectionModel()->hasSelection());
        QVERIFY(!child<QAction>(*window.sessionsView(), u"disconnectSessionAction"_s)->isEnabled());
        QCOMPARE(details->topLevelItemCount(), 0);
    }

    void copyRowPutsTabSeparatedTextOnTheClipboard()
    {
        ConsoleSession session;
        MainWindow window(&session);
        Q_EMIT session.sessionsChanged({ sessionRow(9, u"bob"_s, u"desk\ttop"_s, 11) });
        QTableView *sessions = table(window, u"sessionsTable"_s);
        auto *copy = window.sessionsView()->findChild<QAction *>(u"copyRowAction"_s);
        QVERIFY(copy);
        QVERIFY(!copy->isEnabled());
        QGuiApplication::clipboard()->clear();
        sessions->selectRow(0);
        QVERIFY(copy->isEnabled());
        copy->trigger();
        const QStringList cells = QGuiApplication::clipboard()->text().split(u'\t');
        QCOMPARE(cells.size(), sessions->model()->columnCount());
        QCOMPARE(cells.at(0), u"9"_s);
        QCOMPARE(cells.at(1), u"bob"_s);
        QCOMPARE(cells.at(2), u"desk top"_s);
        QCOMPARE(cells.at(3), u"WebSocket"_s);
        QCOMPARE(cells.at(9), u"sid-9-desk\ttop"_s.replace(u'\t', u' '));
    }

    void disconnectActionsAskAndThenRequest()
    {
        ConsoleSession session;
        MainWindow window(&session);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        Q_EMIT session.sessionsChanged(threeSessions());
        Im::Admin::SessionsView *view = window.sessionsView();
        QSignalSpy sessionRequests(view, &Im::Admin::SessionsView::disconnectSessionRequested);
        QSignalSpy userRequests(view, &Im::Admin::SessionsView::disconnectUserRequested);
        table(window, u"sessionsTable"_s)->selectRow(0);
        const QString sid = view->panel()->selectedRow()->value(u"sid"_s).toString();
        auto *disconnectSession = view->findChild<QAction *>(u"disconnectSessionAction"_s);
        auto *disconnectUser = view->findChild<QAction *>(u"disconnectUserAction"_s);

        // Cancel in the confirmation: nothing happens.
        QTimer::singleShot(0, this, [] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            QVERIFY(box);
            QCOMPARE(box->objectName(), u"confirmationBox"_s);
            box->button(QMessageBox::Cancel)->click();
        });
        disconnectSession->trigger();
        QCOMPARE(sessionRequests.size(), 0);

        // Yes: the request goes out.
        QTimer::singleShot(0, this, [] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            QVERIFY(box);
            box->button(QMessageBox::Yes)->click();
        });
        disconnectSession->trigger();
        QCOMPARE(sessionRequests.size(), 1);
        QCOMPARE(sessionRequests.first().first().toString(), sid);

        // Without confirmations (tests, scripts) it goes at once; the session, not connected,
        // reports an error in the status bar.
        window.setConfirmActions(false);
        disconnectUser->trigger();
        QCOMPARE(userRequests.size(), 1);
        QCOMPARE(userRequests.first().first().toInt(),
                 view->panel()->selectedRow()->value(u"userId"_s).toInt());
        QTRY_VERIFY(
            child<QLabel>(window, u"statusMessageLabel"_s)->text().startsWith(u"Error: "_s));
    }

    void overviewShowsFiguresAndCharts()
    {
        ConsoleSession session;
        MainWindow window(&session);
        Q_EMIT session.overviewChanged(QJsonObject {
            { u"version"_s, u"1.2.3"_s },
            { u"uptimeSeconds"_s, 3725 },
            { u"database"_s,
              QJsonObject {
                  { u"driver"_s, u"sqlite"_s }, { u"status"_s, u"up"_s }, { u"latencyMs"_s, 3 } } },
            { u"redis"_s, QJsonObject { { u"status"_s, u"disabled"_s } } },
            { u"connections"_s, QJsonObject { { u"sessions"_s, 4321 } } },
        });
        const auto text = [&window](const QString &name) {
            return child<QLabel>(window, name)->text();
        };
        QCOMPARE(text(u"overview.version"_s), u"1.2.3"_s);
        QCOMPARE(text(u"overview.uptimeSeconds"_s), u"1 h 2 min"_s);
        QCOMPARE(text(u"overview.database.status"_s), u"up"_s);
        QCOMPARE(text(u"overview.database.latencyMs"_s), u"3 ms"_s);
        QCOMPARE(text(u"overview.redis.status"_s), u"disabled"_s);
        QCOMPARE(text(u"overview.connections.sessions"_s), QLocale().toString(4321));
        QCOMPARE(text(u"overview.delivery.queued"_s), u"—"_s);

        Im::Admin::RateChart *rates = window.overviewView()->ratesChart();
        Im::Admin::RateChart *queues = window.overviewView()->queueChart();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QJsonArray history;
        // 20 minutes of samples a minute apart: the 5 oldest are outside the 15 minutes.
        for (int minutesAgo = 20; minutesAgo >= 1; --minutesAgo)
            history.append(sample(now.addSecs(-60 * minutesAgo), minutesAgo));
        Q_EMIT session.ratesChanged(QJsonObject { { u"samples"_s, history } });
        QCOMPARE(rates->sampleCount(), 16); // 16 .. 1 minutes ago: 15 minutes before the newest
        QCOMPARE(queues->sampleCount(), 16);
        Q_EMIT session.sampleAdded(sample(now, 3));
        QCOMPARE(rates->sampleCount(), 16); // now in, 16 minutes ago out
        QCOMPARE(rates->series(0)->at(rates->sampleCount() - 1).y(), 3.0);
        Q_EMIT session.sampleAdded(sample(now, 4)); // a repeat is ignored
        QCOMPARE(rates->series(0)->at(rates->sampleCount() - 1).y(), 3.0);
        QCOMPARE(queues->series(0)->at(0).y(), 4.0);
    }

    void queuesViewShowsTotalsAndUsers()
    {
        ConsoleSession session;
        MainWindow window(&session);
        Q_EMIT session.queuesChanged(QJsonObject {
            { u"totals"_s, QJsonObject { { u"queued"_s, 5 }, { u"oldestWaitingMs"_s, 4200 } } },
            { u"writer"_s, QJsonObject { { u"lastCommitMs"_s, 12 } } },
            { u"users"_s,
              QJsonArray {
                  QJsonObject {
                      { u"userId"_s, 7 }, { u"account"_s, u"alice"_s }, { u"queued"_s, 5 } },
                  QJsonObject {
                      { u"userId"_s, 9 }, { u"account"_s, u"bob"_s }, { u"queued"_s, 0 } } } },
        });
        QCOMPARE(child<QLabel>(window, u"queues.totals.queued"_s)->text(), u"5"_s);
        QCOMPARE(child<QLabel>(window, u"queues.totals.oldestWaitingMs"_s)->text(), u"4.2 s"_s);
        QCOMPARE(child<QLabel>(window, u"queues.writer.lastCommitMs"_s)->text(), u"12 ms"_s);
        QCOMPARE(table(window, u"queuesTable"_s)->model()->rowCount(), 2);

        QSignalSpy userRequests(window.queuesView(),
                                &Im::Admin::QueuesView::disconnectUserRequested);
        window.setConfirmActions(false);
        QTableView *queues = table(window, u"queuesTable"_s);
        queues->sortByColumn(0, Qt::AscendingOrder);
        queues->selectRow(1);
        window.queuesView()->findChild<QAction *>(u"disconnectUserAction"_s)->trigger();
        QCOMPARE(userRequests.size(), 1);
        QCOMPARE(userRequests.first().first().toInt(), 9);
    }

    void cursorsViewShowsRowsAndLaggingDevices()
    {
        ConsoleSession session;
        MainWindow window(&session);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.selectView(u"cursorsView"_s);
        Im::Admin::CursorsView *view = window.cursorsView();
        QSignalSpy requests(view, &Im::Admin::CursorsView::cursorsRequested);

        auto *userId = child<QLineEdit>(window, u"cursorsUserIdEdit"_s);
        auto *show = child<QPushButton>(window, u"showCursorsButton"_s);
        QVERIFY(!show->isEnabled());
        QTest::keyClicks(userId, u"abc"_s); // neither an id nor an account: refused
        QVERIFY(!show->isEnabled());
        userId->clear();
        // An 11-digit account is taken whole (it was cut to 10 digits, an id that did not exist).
        QTest::keyClicks(userId, u"13800000000"_s);
        QCOMPARE(userId->text(), u"13800000000"_s);
        QVERIFY(show->isEnabled());
        userId->clear();
        QTest::keyClicks(userId, u"7"_s);
        QVERIFY(show->isEnabled());
        QTest::mouseClick(show, Qt::LeftButton);
        QCOMPARE(requests.size(), 1);
        QCOMPARE(requests.first().first().toString(), u"7"_s);
        auto *userLabel = child<QLabel>(window, u"cursorsUserLabel"_s);
        // The session is not connected: the request fails at once, and the view stops waiting.
        QVERIFY(child<QLabel>(window, u"statusMessageLabel"_s)->text().startsWith(u"Error: "_s));
        QVERIFY(!userLabel->text().contains(u"Loading"_s));

        const auto row = [](const QString &device, int conversation, int ackLag) {
            return QJsonObject { { u"deviceId"_s, device },  { u"conversationId"_s, conversation },
                                 { u"kind"_s, u"single"_s }, { u"peerId"_s, 9 },
                                 { u"lastAck"_s, 10 },       { u"newestId"_s, 10 + ackLag },
                                 { u"ackLag"_s, ackLag } };
        };
        Q_EMIT session.cursorsChanged(
            u"7"_s,
            QJsonObject {
                { u"user"_s,
                  QJsonObject { { u"id"_s, 7 },
                                { u"account"_s, u"alice"_s },
                                { u"nickname"_s, u"Alice"_s } } },
                { u"rows"_s, QJsonArray { row(u"phone"_s, 1, 3), row(u"laptop"_s, 1, 0) } } });
        QTableView *cursors = table(window, u"cursorsTable"_s);
        QCOMPARE(cursors->model()->rowCount(), 2);
        QCOMPARE(view->shownUserId(), 7);
        QVERIFY2(userLabel->text().startsWith(u"User 7, account alice, as of "_s),
                 qPrintable(userLabel->text()));
        QCOMPARE(cursors->model()->index(0, 1).data().toString(), u"single"_s);

        Q_EMIT session.laggingChanged(QJsonArray {
            QJsonObject { { u"userId"_s, 7 },
                          { u"account"_s, u"alice"_s },
                          { u"deviceId"_s, u"phone"_s },
                          { u"ackLag"_s, 3 } },
            QJsonObject { { u"userId"_s, 12 },
                          { u"account"_s, u"carol"_s },
                          { u"deviceId"_s, u"tablet"_s },
                          { u"ackLag"_s, 40 } },
        });
        QTableView *lagging = table(window, u"laggingTable"_s);
        QCOMPARE(lagging->model()->rowCount(), 2);
        QCOMPARE(lagging->horizontalHeader()->sortIndicatorSection(), 5); // ack lag, most first
        const QRect carol = lagging->visualRect(lagging->model()->index(0, 1));
        QVERIFY(carol.isValid());
        // A real double-click: press and release, then the double-click event.
        QTest::mouseClick(lagging->viewport(), Qt::LeftButton, {}, carol.center());
        QTest::mouseDClick(lagging->viewport(), Qt::LeftButton, {}, carol.center());
        QCOMPARE(requests.size(), 2);
        QCOMPARE(requests.last().first().toString(), u"12"_s);
        QCOMPARE(userId->text(), u"12"_s);

        // Carol's rows replace Alice's.
        Q_EMIT session.cursorsChanged(
            u"12"_s,
            QJsonObject {
                { u"user"_s, QJsonObject { { u"id"_s, 12 }, { u"account"_s, u"carol"_s } } },
                { u"rows"_s, QJsonArray { row(u"tablet"_s, 4, 40) } } });
        QCOMPARE(cursors->model()->rowCount(), 1);
        QCOMPARE(view->shownUserId(), 12);

        // A lookup that fails empties the table: carol's rows must not pass for someone else's.
        QTest::keyClicks(userId, u"5"_s);
        QTest::mouseClick(show, Qt::LeftButton);
        Q_EMIT session.cursorsFailed(u"125"_s, u"No user 125."_s);
        QCOMPARE(cursors->model()->rowCount(), 0);
        QCOMPARE(userLabel->text(), u"No user 125."_s);
        QCOMPARE(view->shownUserId(), 0);
    }

    void chartWindowsFitTheDataAndSwitch()
    {
        ConsoleSession session;
        MainWindow window(&session);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        Im::Admin::RateChart *rates = window.overviewView()->ratesChart();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        // GIVEN 90 seconds of samples, one a second
        QJsonArray history;
        for (int secondsAgo = 89; secondsAgo >= 0; --secondsAgo)
            history.append(sample(now.addSecs(-secondsAgo), 1234.5));
        Q_EMIT session.ratesChanged(QJsonObject { { u"samples"_s, history } });
        // THEN the 15-minute window spans the 90 seconds there are, not 15 minutes
        QCOMPARE(rates->windowMinutes(), 15);
        QCOMPARE(rates->sampleCount(), 90);
        const auto span = [rates] {
            return rates->timeAxis()->min().msecsTo(rates->timeAxis()->max()) / 1000;
        };
        QCOMPARE(span(), 89);
        // Distinct line styles, so Pushed is not hidden under Acked.
        QCOMPARE(rates->series(0)->pen().style(), Qt::SolidLine);
        QCOMPARE(rates->series(1)->pen().style(), Qt::DashLine);
        QCOMPARE(rates->series(2)->pen().style(), Qt::DotLine);
        // Units and group separators on the value axis; the value under the mouse.
        QCOMPARE(rates->valueAxis()->titleText(), u"messages/s"_s);
        QVERIFY(rates->valueAxis()->categoriesLabels().contains(QLocale().toString(1000)));
        QVERIFY2(rates->valueText(0, now.toMSecsSinceEpoch()).contains(u"1,234.5"_s),
                 qPrintable(rates->valueText(0, now.toMSecsSinceEpoch())));

        // WHEN the operator picks the 1-minute window
        QTest::mouseClick(child<QPushButton>(window, u"window1Button"_s), Qt::LeftButton);
        // THEN both charts show the last minute only
        QCOMPARE(rates->windowMinutes(), 1);
        QCOMPARE(window.overviewView()->queueChart()->windowMinutes(), 1);
        QCOMPARE(rates->sampleCount(), 61);
        QCOMPARE(span(), 60);

        // WHEN the 60-minute window has the server's minute history
        QJsonArray minutes;
        for (int minutesAgo = 50; minutesAgo >= 2; --minutesAgo)
            minutes.append(sample(now.addSecs(-60 * minutesAgo), 10));
        Q_EMIT session.minuteRatesChanged(
            QJsonObject { { u"resolution"_s, u"minute"_s }, { u"samples"_s, minutes } });
        QTest::mouseClick(child<QPushButton>(window, u"window60Button"_s), Qt::LeftButton);
        // THEN the minutes fill in before the seconds: 49 + 90 points over 50 minutes
        QCOMPARE(rates->sampleCount(), 49 + 90);
        QCOMPARE(span(), 50 * 60);

        // A reconnect's history is merged, never wiped.
        Q_EMIT session.ratesChanged(
            QJsonObject { { u"samples"_s, QJsonArray { sample(now.addSecs(1), 1) } } });
        QCOMPARE(rates->sampleCount(), 49 + 91);
    }

    void restartIsMarkedOnTheCharts()
    {
        ConsoleSession session;
        MainWindow window(&session);
        Im::Admin::RateChart *rates = window.overviewView()->ratesChart();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QJsonArray history;
        for (int secondsAgo = 60; secondsAgo >= 0; --secondsAgo)
            history.append(sample(now.addSecs(-secondsAgo), 5));
        Q_EMIT session.ratesChanged(QJsonObject { { u"samples"_s, history } });
        QCOMPARE(rates->restartMarksShown(), 0);
        Q_EMIT session.serverRestarted(now.addSecs(-30));
        QCOMPARE(rates->restartMarksShown(), 1);
        QCOMPARE(window.overviewView()->queueChart()->restartMarksShown(), 1);
        QVERIFY(child<QLabel>(window, u"statusMessageLabel"_s)->text().contains(u"restarted"_s));
    }

    void restartDetectorTellsARestartFromAReconnect_data()
    {
        QTest::addColumn<QJsonObject>("before");
        QTest::addColumn<QJsonObject>("after");
        QTest::addColumn<bool>("restarted");
        const auto identity = [](const QString &instance, const QString &started, double uptime) {
            QJsonObject object { { u"uptimeSeconds"_s, uptime } };
            if (!instance.isEmpty())
                object.insert(u"instanceId"_s, instance);
            if (!started.isEmpty())
                object.insert(u"startedAt"_s, started);
            return object;
        };
        const QString t1 = u"2026-01-01T10:00:00.000Z"_s, t2 = u"2026-01-01T11:00:00.000Z"_s;
        QTest::newRow("same instance")
            << identity(u"a"_s, t1, 10) << identity(u"a"_s, t1, 20) << false;
        QTest::newRow("new instance")
            << identity(u"a"_s, t1, 10) << identity(u"b"_s, t2, 5) << true;
        QTest::newRow("new start time") << identity({}, t1, 10) << identity({}, t2, 5) << true;
        QTest::newRow("uptime backwards") << identity({}, {}, 100) << identity({}, {}, 3) << true;
        QTest::newRow("uptime onwards") << identity({}, {}, 100) << identity({}, {}, 105) << false;
    }

    void restartDetectorTellsARestartFromAReconnect()
    {
        QFETCH(QJsonObject, before);
        QFETCH(QJsonObject, after);
        QFETCH(bool, restarted);
        Im::Admin::RestartDetector detector;
        QVERIFY(!detector.observe(before).isValid()); // the first one seen is no restart
        QCOMPARE(detector.observe(after).isValid(), restarted);
    }

    void exportWritesTheShownRows()
    {
        ConsoleSession session;
        MainWindow window(&session);
        Q_EMIT session.sessionsChanged(threeSessions());
        Im::Admin::TablePanel *panel = window.sessionsView()->panel();
        panel->filterEdit()->setText(u"alice"_s);
        QCOMPARE(panel->proxy()->rowCount(), 2);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());

        QVERIFY(panel->exportTo(dir.filePath(u"sessions.csv"_s)));
        QFile csv(dir.filePath(u"sessions.csv"_s));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QStringList lines =
            QString::fromUtf8(csv.readAll()).split(u"\r\n"_s, Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3); // the header and alice's two devices, not bob's
        QVERIFY(lines.at(0).endsWith(u"User ID,Account,Device,Transport,Remote address,Connected "
                                     u"since,Last activity,Pending acks,Buffered,Session ID,Socket "
                                     u"ID"_s));
        QVERIFY(lines.at(1).contains(u",alice,"_s));
        QVERIFY(!lines.join(u'\n').contains(u"bob"_s));

        QVERIFY(panel->exportTo(dir.filePath(u"sessions.json"_s)));
        QFile json(dir.filePath(u"sessions.json"_s));
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QJsonArray rows = QJsonDocument::fromJson(json.readAll()).array();
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0).toObject().value(u"account"_s).toString(), u"alice"_s);
        QCOMPARE(rows.at(0).toObject().value(u"pendingAcks"_s).toInt(), 2); // raw, as sent

        QVERIFY(!panel->exportTo(dir.filePath(u"no/such/dir/x.csv"_s)));
    }

    void liveFiguresTurnAmberAndRedPastLimitsRememberedPerServer()
    {
        ConsoleSession session;
        MainWindow window(&session);
        Im::Admin::LiveFiguresView *figures = window.overviewView()->liveFigures();
        figures->setServer(u"server-a:3000"_s);
        figures->setLimits(u"messagesPerSecond"_s, { 100, 1000 });
        Im::Admin::LiveFigure *messages = figures->figure(u"messagesPerSecond"_s);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        using Level = Im::Admin::Limits::Level;
        Q_EMIT session.sampleAdded(sample(now, 50));
        QCOMPARE(messages->level(), Level::Normal);
        QCOMPARE(messages->valueText(), u"50.0"_s);
        Q_EMIT session.sampleAdded(sample(now.addSecs(1), 2500));
        QCOMPARE(messages->level(), Level::Red);
        QCOMPARE(messages->valueText(), QLocale().toString(2500));
        Q_EMIT session.sampleAdded(sample(now.addSecs(2), 150));
        QCOMPARE(messages->level(), Level::Amber);
        // A missing latency (nothing measured) is no zero.
        QCOMPARE(figures->figure(u"sendToAckP99Ms"_s)->valueText(), QString());

        // Another server has its own limits; the first one's come back with it.
        figures->setServer(u"server-b:3000"_s);
        QCOMPARE(messages->limits(), Im::Admin::Limits {});
        QCOMPARE(messages->level(), Level::Normal);
        figures->setServer(u"server-a:3000"_s);
        QCOMPARE(messages->limits(), (Im::Admin::Limits { 100, 1000 }));
        QCOMPARE(messages->level(), Level::Amber);
    }

    void alarmBannerWarnsOfAQueueGrowingForAWhile()
    {
        ConsoleSession session;
        MainWindow window(&session);
        window.alarms()->setPeriodMs(6000);
        Im::Admin::Banner *banner = window.alarmBanner();
        const QDateTime start = QDateTime::currentDateTimeUtc();
        const auto queued = [&](int second, int depth) {
            QJsonObject row = sample(start.addSecs(second), 1);
            row.insert(u"queued"_s, depth);
            row.insert(u"inFlight"_s, 0);
            Q_EMIT session.sampleAdded(row);
        };
        // A burst that drains again raises nothing.
        for (int second = 0; second <= 8; ++second)
            queued(second, second < 4 ? second * 100 : 0);
        QVERIFY(banner->isHidden());
        // A steady climb (with a dip) for longer than the period does.
        for (int second = 9; second <= 16; ++second)
            queued(second, 10 + (second - 9) * 20 - (second == 12 ? 15 : 0));
        QVERIFY2(!banner->isHidden(), qPrintable(banner->text()));
        QVERIFY(banner->text().contains(u"Delivery queue growing"_s));
        // Draining ends it.
        queued(17, 0);
        QVERIFY(banner->isHidden());

        Q_EMIT session.overviewChanged(
            QJsonObject { { u"database"_s, QJsonObject { { u"status"_s, u"down"_s } } } });
        QCOMPARE(banner->text(), u"The database is down."_s);
    }

    void boardListsStuckDevicesLongestWaitFirst()
    {
        ConsoleSession session;
        MainWindow window(&session);
        const auto device = [](int userId, const QString &deviceId, int waitedMs, bool acked) {
            QJsonObject row { { u"userId"_s, userId },
                              { u"account"_s, u"1380000000%1"_s.arg(userId) },
                              { u"deviceId"_s, deviceId },
                              { u"online"_s, false },
                              { u"waiting"_s, 3 },
                              { u"oldestWaitingMs"_s, waitedMs },
                              { u"lastAckAt"_s, QJsonValue() } };
            if (acked)
                row.insert(u"lastAckAt"_s, u"2024-05-01T10:00:00.000Z"_s);
            return row;
        };
        Q_EMIT session.boardChanged(QJsonObject {
            { u"at"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) },
            { u"devices"_s,
              QJsonArray { device(1, u"phone"_s, 500, true), device(2, u"tablet"_s, 90000, false),
                           device(3, u"desk"_s, 4000, true) } } });
        QTableView *board = table(window, u"boardTable"_s);
        QCOMPARE(board->model()->rowCount(), 3);
        const int deviceColumn = 1, lastAckColumn = 8;
        QCOMPARE(board->model()->index(0, deviceColumn).data().toString(), u"tablet"_s);
        QCOMPARE(board->model()->index(1, deviceColumn).data().toString(), u"desk"_s);
        QCOMPARE(board->model()->index(0, lastAckColumn).data().toString(), u"never"_s);
        QVERIFY(child<QLabel>(window, u"boardSummaryLabel"_s)->text().startsWith(u"3 devices"_s));
        // Double-click: that user's cursors, on the Cursors tab.
        QSignalSpy requests(window.cursorsView(), &Im::Admin::CursorsView::cursorsRequested);
        window.boardView()->panel()->table()->selectRow(0);
        Q_EMIT window.boardView()->panel()->rowActivated(
            *window.boardView()->panel()->selectedRow());
        QCOMPARE(requests.size(), 1);
        QCOMPARE(requests.first().first().toString(), u"2"_s);
        QCOMPARE(child<QTabWidget>(window, u"viewTabs"_s)->currentWidget()->objectName(),
                 u"cursorsView"_s);
    }

    void failedLoginAtStartOpensTheDialogWithWhatWasTried()
    {
        ConsoleSession session;
        MainWindow window(&session);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        // --server … --account … --password-stdin, and nothing listens there.
        window.connectAtStart(QUrl(u"http://127.0.0.1:9"_s), u"18800000001"_s, u"S3cretpass"_s);
        QTRY_VERIFY_WITH_TIMEOUT(window.findChild<Im::Admin::ConnectDialog *>(), 15000);
        auto *dialog = window.findChild<Im::Admin::ConnectDialog *>();
        QCOMPARE(session.state(), ConsoleSession::State::Disconnected);
        QCOMPARE(dialog->serverUrl(), QUrl(u"http://127.0.0.1:9"_s));
        QCOMPARE(dialog->account(), u"18800000001"_s);
        QVERIFY(dialog->password().isEmpty());
        QVERIFY(child<QLabel>(window, u"statusMessageLabel"_s)->text().startsWith(u"Error: "_s));
        dialog->reject();
    }

    void languageMenuSwitchesAtRunTime()
    {
        ConsoleSession session;
        MainWindow window(&session);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        Q_EMIT session.sessionsChanged(threeSessions());
        auto *tabs = child<QTabWidget>(window, u"viewTabs"_s);
        QTableView *sessions = table(window, u"sessionsTable"_s);
        auto *state = child<QLabel>(window, u"connectionLabel"_s);
        QCOMPARE(tabs->tabText(0), u"Overview"_s);

        child<QAction>(window, u"languageChineseAction"_s)->trigger();
        QTRY_COMPARE(tabs->tabText(0), u"概览"_s);
        QCOMPARE(tabs->tabText(1), u"会话"_s);
        QCOMPARE(state->text(), u"未连接到服务器。"_s);
        QCOMPARE(child<QAction>(window, u"newWindowAction"_s)->text(), u"新建窗口(&N)…"_s);
        QCOMPARE(sessions->model()->headerData(1, Qt::Horizontal).toString(), u"账号"_s);
        QCOMPARE(sessions->model()->index(0, 3).data().toString(), u"WebSocket"_s);
        QCOMPARE(QSettings().value(u"ui/language"_s).toString(), u"zh_CN"_s);
        QVERIFY(child<QAction>(window, u"languageChineseAction"_s)->isChecked());

        child<QAction>(window, u"languageEnglishAction"_s)->trigger();
        QTRY_COMPARE(tabs->tabText(0), u"Overview"_s);
        QCOMPARE(state->text(), u"Not connected to a server."_s);
        QCOMPARE(sessions->model()->headerData(1, Qt::Horizontal).toString(), u"Account"_s);
        QCOMPARE(QSettings().value(u"ui/language"_s).toString(), u"en"_s);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
