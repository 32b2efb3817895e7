// Two servers watched side by side: File ▸ New window… opens a second main window with a session
// of its own; each window, connected to its own real im-server, shows that server's sessions and
// names it in its title; the connect dialog offers the servers remembered, most recent first.

#include "app/connectdialog.h"
#include "app/consolesession.h"
#include "app/consolewindows.h"
#include "app/languageswitcher.h"
#include "app/mainwindow.h"
#include "app/serverhistory.h"
#include "models/jsontablemodel.h"
#include "serverprocess.h"
#include "socketclients.h"
#include "views/sessionsview.h"
#include "views/tablepanel.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using Im::Admin::ConnectDialog;
using Im::Admin::ConsoleSession;
using Im::Admin::ConsoleWindows;
using Im::Admin::MainWindow;
using Im::Test::ServerProcess;
using Im::Test::SocketClients;

namespace {

const QString password = u"S3cretpass"_s;
constexpr int updateTimeoutMs = 15000;

//! The socket ids in \a window's sessions table.
QStringList shownSocketIds(const MainWindow *window)
{
    const Im::Admin::TablePanel *panel = window->sessionsView()->panel();
    QStringList ids;
    for (int row = 0; row < panel->model()->rowCount(); ++row)
        ids.append(panel->model()->rowObject(row).value(u"socketId"_s).toString());
    return ids;
}

} // namespace

class TestConsoleWindows : public QObject
{
    Q_OBJECT

private:
    struct Server
    {
        std::unique_ptr<ServerProcess> process;
        QString adminAccount;
        [[nodiscard]] QUrl url() const { return process->url(QString()); }
    };
    Server m_a;
    Server m_b;

    static bool startServer(Server &server, const QString &adminAccount)
    {
        server.process = std::make_unique<ServerProcess>(
            QMap<QString, QString> { { u"LOG_FILE"_s, u"false"_s } });
        server.adminAccount = adminAccount;
        if (!server.process->createAdmin(adminAccount, password))
            return false;
        if (!server.process->start()) {
            qWarning("%s", server.process->output().constData());
            return false;
        }
        return true;
    }

    //! Fills \a dialog as the operator would and clicks OK.
    static void logIn(ConnectDialog *dialog, const Server &server)
    {
        const auto type = [dialog](const QString &edit, const QString &text) {
            auto *line = dialog->findChild<QLineEdit *>(edit);
            QVERIFY(line);
            line->clear();
            QTest::keyClicks(line, text);
        };
        type(u"serverUrlEdit"_s, server.url().toString());
        type(u"accountEdit"_s, server.adminAccount);
        type(u"passwordEdit"_s, password);
        QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(ok && ok->isEnabled());
        QTest::mouseClick(ok, Qt::LeftButton);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"im-server-tests"_s);
        QCoreApplication::setApplicationName(u"tst_consolewindows"_s);
        QSettings().clear();
        Im::Admin::LanguageSwitcher::instance()->apply(u"en"_s, false);
        QVERIFY(startServer(m_a, u"18800000011"_s));
        QVERIFY(startServer(m_b, u"18800000012"_s));
    }

    void cleanupTestCase()
    {
        m_a.process.reset();
        m_b.process.reset();
    }

    void twoWindowsWatchTwoServers()
    {
        ConsoleWindows windows;
        MainWindow *first = windows.open();
        QVERIFY(QTest::qWaitForWindowExposed(first));
        first->setConfirmActions(false);

        // GIVEN the first window connected to server A
        logIn(first->openConnectDialog(), m_a);
        QTRY_VERIFY_WITH_TIMEOUT(first->session()->state() == ConsoleSession::State::Connected,
                                 updateTimeoutMs);
        QVERIFY2(first->windowTitle().startsWith(m_a.url().toDisplayString()),
                 qPrintable(first->windowTitle()));

        // WHEN File ▸ New window… THEN a second window opens with its own session and the
        // connect dialog, offering A (the most recent) first
        QSignalSpy opened(&windows, &ConsoleWindows::windowOpened);
        auto *newWindow = first->findChild<QAction *>(u"newWindowAction"_s);
        QVERIFY(newWindow);
        newWindow->trigger();
        QCOMPARE(opened.size(), 1);
        QCOMPARE(windows.windows().size(), 2);
        MainWindow *second = windows.windows().last();
        QVERIFY(second != first);
        QVERIFY(second->session() != first->session());
        QVERIFY(QTest::qWaitForWindowExposed(second));
        QCOMPARE(second->session()->state(), ConsoleSession::State::Disconnected);
        auto *dialog = second->findChild<ConnectDialog *>();
        QVERIFY(dialog);
        QCOMPARE(dialog->serverUrl(), m_a.url());
        QCOMPARE(dialog->account(), m_a.adminAccount);

        // AND connected to server B
        logIn(dialog, m_b);
        QTRY_VERIFY_WITH_TIMEOUT(second->session()->state() == ConsoleSession::State::Connected,
                                 updateTimeoutMs);
        QVERIFY2(second->windowTitle().startsWith(m_b.url().toDisplayString()),
                 qPrintable(second->windowTitle()));
        QVERIFY(first->windowTitle().startsWith(m_a.url().toDisplayString()));
        QCOMPARE(Im::Admin::ServerHistory::servers(),
                 (QList<Im::Admin::ServerHistory::Server> {
                     { m_b.url().toString(), m_b.adminAccount },
                     { m_a.url().toString(), m_a.adminAccount } }));

        // THEN each window shows its own server's sessions
        SocketClients clientsA;
        SocketClients clientsB;
        QVERIFY(clientsA.start(m_a.url()));
        QVERIFY(clientsB.start(m_b.url()));
        const auto userA = clientsA.registerUser();
        const auto userB = clientsB.registerUser();
        QVERIFY(userA && userB);
        const auto deviceA = clientsA.connectDevice(*userA, u"phone"_s);
        const auto deviceB = clientsB.connectDevice(*userB, u"desk"_s);
        QVERIFY(deviceA && deviceB);
        QTRY_COMPARE_WITH_TIMEOUT(shownSocketIds(first), QStringList { deviceA->socketId },
                                  updateTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(shownSocketIds(second), QStringList { deviceB->socketId },
                                  updateTimeoutMs);

        // WHEN the second window closes THEN it goes with its session; the first stays connected
        QPointer<ConsoleSession> secondSession = second->session();
        second->findChild<QAction *>(u"closeWindowAction"_s)->trigger();
        QTRY_VERIFY(secondSession.isNull());
        QCOMPARE(windows.windows(), QList<MainWindow *> { first });
        QCOMPARE(first->session()->state(), ConsoleSession::State::Connected);

        // File ▸ Quit closes every window.
        windows.open(first);
        QCOMPARE(windows.windows().size(), 2);
        first->findChild<QAction *>(u"quitAction"_s)->trigger();
        QTRY_VERIFY(windows.windows().isEmpty());
    }
};

QTEST_MAIN(TestConsoleWindows)
#include "tst_consolewindows.moc"
