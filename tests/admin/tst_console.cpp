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
#include "views/cursorsview.h"
#include "views/queuesview.h"
#include "views/sessionsview.h"
#include "views/tablepanel.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
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
        const auto alice = clients.registerUser();
        const auto bob = clients.registerUser();
        QVERIFY(alice && bob);
        QVERIFY(clients.befriend(*alice, *bob));
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
        QVERIFY(m_server->stop(SIGTERM));
        QTRY_VERIFY_WITH_TIMEOUT(
            labelText(m_window.get(), u"connectionLabel"_s).contains(u"Reconnecting"_s),
            updateTimeoutMs);
        QVERIFY(!labelText(m_window.get(), u"statusMessageLabel"_s).isEmpty());
        QVERIFY(m_server->restart());
        QTRY_VERIFY_WITH_TIMEOUT(m_session->state() == ConsoleSession::State::Connected, 40000);
        QTRY_VERIFY(labelText(m_window.get(), u"connectionLabel"_s).contains(adminAccount));

        // Live again: a new client shows up in the sessions table.
        SocketClients clients;
        QVERIFY(clients.start(baseUrl()));
        const auto user = clients.registerUser();
        QVERIFY(user);
        const auto device = clients.connectDevice(*user, u"desk"_s);
        QVERIFY(device);
        QTRY_COMPARE_WITH_TIMEOUT(
            rowsWhere(m_window->sessionsView()->panel(), u"socketId"_s, device->socketId).size(), 1,
            updateTimeoutMs);
    }
};

QTEST_MAIN(TestConsole)
#include "tst_console.moc"
