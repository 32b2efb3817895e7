#include "app/mainwindow.h"

#include "app/alarmmonitor.h"
#include "app/connectdialog.h"
#include "app/languagemenu.h"
#include "im/version.h"
#include "views/banner.h"
#include "views/cursorsview.h"
#include "views/livefiguresview.h"
#include "views/overviewview.h"
#include "views/queuesview.h"
#include "views/sessionsview.h"
#include "views/stuckboardview.h"
#include "views/tablepanel.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Im::Admin {

namespace {

const QString geometryKey = u"window/geometry"_s;
const QString stateKey = u"window/state"_s;
constexpr int resultShownMs = 10000;
//! An error while connected (one request refused) fades after this; one that broke the
//! connection goes when the connection is back.
constexpr int connectedErrorShownMs = 30000;

} // namespace

MainWindow::MainWindow(ConsoleSession *session, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_tabs(new QTabWidget(this))
    , m_connectionBanner(new Banner(Banner::Severity::Critical, this))
    , m_alarmBanner(new Banner(Banner::Severity::Warning, this))
    , m_findEdit(new QLineEdit(this))
    , m_findLabel(new QLabel(this))
    , m_overview(new OverviewView(this))
    , m_sessions(new SessionsView(this))
    , m_queues(new QueuesView(this))
    , m_board(new StuckBoardView(this))
    , m_cursors(new CursorsView(this))
    , m_alarms(new AlarmMonitor(this))
    , m_stateLabel(new QLabel(this))
    , m_messageLabel(new QLabel(this))
    , m_messageTimer(new QTimer(this))
{
    Q_ASSERT(session);
    setObjectName(u"mainWindow"_s);
    m_tabs->setObjectName(u"viewTabs"_s);
    m_tabs->setDocumentMode(true);
    for (QWidget *view : { static_cast<QWidget *>(m_overview), static_cast<QWidget *>(m_sessions),
                           static_cast<QWidget *>(m_queues), static_cast<QWidget *>(m_board),
                           static_cast<QWidget *>(m_cursors) })
        m_tabs->addTab(view, QString());
    m_connectionBanner->setObjectName(u"connectionBanner"_s);
    m_alarmBanner->setObjectName(u"alarmBanner"_s);
    m_findEdit->setObjectName(u"findUserEdit"_s);
    m_findEdit->setClearButtonEnabled(true);
    m_findEdit->setMaxLength(CursorsView::maxUserRefLength);
    m_findEdit->setMinimumWidth(280);
    m_findLabel->setBuddy(m_findEdit);
    connect(m_findEdit, &QLineEdit::textChanged, this, &MainWindow::findUser);
    connect(m_findEdit, &QLineEdit::returnPressed, this, [this] {
        if (!m_findEdit->text().trimmed().isEmpty()) {
            selectView(u"cursorsView"_s);
            m_cursors->showCursorsOf(m_findEdit->text().trimmed());
        }
    });
    auto *findRow = new QHBoxLayout;
    findRow->setContentsMargins(6, 4, 6, 0);
    findRow->addWidget(m_findLabel);
    findRow->addWidget(m_findEdit);
    findRow->addStretch(1);
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_connectionBanner);
    layout->addWidget(m_alarmBanner);
    layout->addLayout(findRow);
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);

    m_stateLabel->setObjectName(u"connectionLabel"_s);
    m_messageLabel->setObjectName(u"statusMessageLabel"_s);
    m_messageLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addWidget(m_messageLabel, 1);
    statusBar()->addPermanentWidget(m_stateLabel);
    m_messageTimer->setSingleShot(true);
    connect(m_messageTimer, &QTimer::timeout, m_messageLabel, &QLabel::clear);

    createMenus();
    connectSession();
    retranslate();

    setWindowIcon(QIcon(u":/icons/im-admin.svg"_s));
    // Fits a 1280×800 screen with its panel and title bar.
    resize(1240, 720);
    const QSettings settings;
    restoreGeometry(settings.value(geometryKey).toByteArray());
    restoreState(settings.value(stateKey).toByteArray());
}

MainWindow::~MainWindow()
{
    // The session may be our child (ConsoleWindows), destroyed after this body: it must not call
    // back into a window that is half gone.
    disconnect(m_session, nullptr, this, nullptr);
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_connect = m_fileMenu->addAction(QString(), this, [this] { openConnectDialog(); });
    m_connect->setObjectName(u"connectAction"_s);
    m_connect->setShortcut(QKeySequence::Open);
    m_newWindow = m_fileMenu->addAction(QString(), this, &MainWindow::newWindowRequested);
    m_newWindow->setObjectName(u"newWindowAction"_s);
    m_newWindow->setShortcut(QKeySequence::New);
    m_disconnect =
        m_fileMenu->addAction(QString(), m_session, &ConsoleSession::disconnectFromServer);
    m_disconnect->setObjectName(u"disconnectAction"_s);
    m_fileMenu->addSeparator();
    m_closeWindow = m_fileMenu->addAction(QString(), this, &QWidget::close);
    m_closeWindow->setObjectName(u"closeWindowAction"_s);
    m_closeWindow->setShortcut(QKeySequence::Close);
    // Quit ends the console, every window of it.
    m_quit = m_fileMenu->addAction(QString(), qApp, &QApplication::closeAllWindows);
    m_quit->setObjectName(u"quitAction"_s);
    m_quit->setShortcut(QKeySequence::Quit);

    m_viewMenu = menuBar()->addMenu(QString());
    m_refresh = m_viewMenu->addAction(QString(), this, &MainWindow::refresh);
    m_refresh->setObjectName(u"refreshAction"_s);
    m_refresh->setShortcut(QKeySequence::Refresh);

    m_languageMenu = new LanguageMenu(this);
    menuBar()->addMenu(m_languageMenu);
}

void MainWindow::connectSession()
{
    ConsoleSession *session = m_session;
    connect(session, &ConsoleSession::stateChanged, this, &MainWindow::showState);
    connect(session, &ConsoleSession::errorOccurred, this, [this](const QString &reason) {
        showMessage(reason, true);
        m_cursors->abandonRequest();
        if (m_dialogOnFailure && m_session->state() == ConsoleSession::State::Disconnected) {
            m_dialogOnFailure = false;
            openConnectDialog();
        }
    });
    connect(session, &ConsoleSession::actionFinished, this,
            [this](const QString &message) { showMessage(message, false); });
    connect(session, &ConsoleSession::overviewChanged, m_overview, &OverviewView::setOverview);
    connect(session, &ConsoleSession::overviewChanged, m_alarms, &AlarmMonitor::setOverview);
    connect(session, &ConsoleSession::sampleAdded, m_overview, &OverviewView::addSample);
    connect(session, &ConsoleSession::sampleAdded, m_alarms, &AlarmMonitor::addSample);
    connect(session, &ConsoleSession::ratesChanged, m_overview, &OverviewView::setRates);
    connect(session, &ConsoleSession::minuteRatesChanged, m_overview,
            &OverviewView::setMinuteRates);
    connect(session, &ConsoleSession::sessionsChanged, m_sessions, &SessionsView::setSessions);
    connect(session, &ConsoleSession::queuesChanged, m_queues, &QueuesView::setQueues);
    connect(session, &ConsoleSession::boardChanged, m_board, &StuckBoardView::setBoard);
    connect(session, &ConsoleSession::laggingChanged, m_cursors, &CursorsView::setLagging);
    connect(session, &ConsoleSession::cursorsChanged, m_cursors, &CursorsView::setCursors);
    connect(session, &ConsoleSession::cursorsFailed, m_cursors, &CursorsView::showFailure);
    for (const auto signal : { &ConsoleSession::overviewChanged, &ConsoleSession::queuesChanged })
        connect(session, signal, this, &MainWindow::touch);
    connect(session, &ConsoleSession::sampleAdded, this, &MainWindow::touch);
    connect(session, &ConsoleSession::sessionsChanged, this, &MainWindow::touch);
    connect(session, &ConsoleSession::serverRestarted, this, [this](const QDateTime &startedAt) {
        m_overview->markRestart(startedAt);
        showMessage(tr("The server restarted at %1; its counters began again.")
                        .arg(startedAt.toLocalTime().toString(u"HH:mm:ss"_s)),
                    false);
    });
    connect(m_alarms, &AlarmMonitor::alarmsChanged, this,
            [this](const QStringList &alarms) { m_alarmBanner->setText(alarms.join(u"  "_s)); });

    connect(m_sessions, &SessionsView::disconnectSessionRequested, session,
            &ConsoleSession::disconnectSession);
    connect(m_sessions, &SessionsView::disconnectUserRequested, session,
            &ConsoleSession::disconnectUser);
    connect(m_queues, &QueuesView::disconnectUserRequested, session,
            &ConsoleSession::disconnectUser);
    connect(m_board, &StuckBoardView::disconnectUserRequested, session,
            &ConsoleSession::disconnectUser);
    connect(m_cursors, &CursorsView::disconnectUserRequested, session,
            &ConsoleSession::disconnectUser);
    connect(m_sessions, &SessionsView::revokeUserRequested, session, &ConsoleSession::revokeUser);
    connect(m_queues, &QueuesView::revokeUserRequested, session, &ConsoleSession::revokeUser);
    connect(m_board, &StuckBoardView::revokeUserRequested, session, &ConsoleSession::revokeUser);
    connect(m_board, &StuckBoardView::cursorsRequested, this, [this](const QString &userRef) {
        selectView(u"cursorsView"_s);
        m_cursors->showCursorsOf(userRef);
    });
    connect(m_cursors, &CursorsView::cursorsRequested, session, &ConsoleSession::loadCursors);
}

bool MainWindow::selectView(const QString &objectName)
{
    for (int tab = 0; tab < m_tabs->count(); ++tab) {
        if (m_tabs->widget(tab)->objectName() == objectName) {
            m_tabs->setCurrentIndex(tab);
            return true;
        }
    }
    return false;
}

void MainWindow::setConfirmActions(bool confirm)
{
    m_sessions->setConfirmActions(confirm);
    m_queues->setConfirmActions(confirm);
    m_board->setConfirmActions(confirm);
    m_cursors->setConfirmActions(confirm);
}

ConnectDialog *MainWindow::openConnectDialog()
{
    auto *dialog = new ConnectDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (!m_triedServer.isEmpty())
        dialog->setTried(m_triedServer, m_triedAccount);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        connectTo(dialog->serverUrl(), dialog->account(), dialog->password());
    });
    dialog->open();
    return dialog;
}

void MainWindow::connectAtStart(const QUrl &server, const QString &account, const QString &password)
{
    m_dialogOnFailure = true;
    connectTo(server, account, password);
}

void MainWindow::connectTo(const QUrl &server, const QString &account, const QString &password)
{
    // The same server again keeps what the views show (the charts' history above all).
    if (server.adjusted(QUrl::StripTrailingSlash)
        != m_shownServer.adjusted(QUrl::StripTrailingSlash))
        clearViews();
    m_shownServer = server;
    m_triedServer = server;
    m_triedAccount = account;
    m_overview->liveFigures()->setServer(server.authority());
    m_session->connectTo(server, account, password);
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(geometryKey, saveGeometry());
    settings.setValue(stateKey, saveState());
    QMainWindow::closeEvent(event);
}

void MainWindow::retranslate()
{
    m_tabs->setTabText(m_tabs->indexOf(m_overview), tr("Overview"));
    m_tabs->setTabText(m_tabs->indexOf(m_sessions), tr("Sessions"));
    m_tabs->setTabText(m_tabs->indexOf(m_queues), tr("Queues"));
    m_tabs->setTabText(m_tabs->indexOf(m_board), tr("Stuck deliveries"));
    m_findLabel->setText(tr("&Find:"));
    m_findEdit->setPlaceholderText(tr("Account or user ID; Enter: its cursors"));
    m_tabs->setTabText(m_tabs->indexOf(m_cursors), tr("Cursors"));
    m_fileMenu->setTitle(tr("&File"));
    m_connect->setText(tr("&Connect…"));
    m_newWindow->setText(tr("&New Window…"));
    m_newWindow->setStatusTip(tr("Open another window, to watch another server side by side"));
    m_disconnect->setText(tr("&Disconnect"));
    m_closeWindow->setText(tr("Clos&e Window"));
    m_quit->setText(tr("&Quit"));
    m_viewMenu->setTitle(tr("&View"));
    m_refresh->setText(tr("&Refresh"));
    showState();
}

void MainWindow::showState()
{
    const ConsoleSession::State state = m_session->state();
    const QString server = m_session->server().toDisplayString();
    switch (state) {
    case ConsoleSession::State::Disconnected:
        m_stateLabel->setText(tr("Not connected to a server."));
        break;
    case ConsoleSession::State::Connecting:
        m_stateLabel->setText(tr("Connecting to %1 as %2…").arg(server, m_session->account()));
        break;
    case ConsoleSession::State::Connected:
        m_stateLabel->setText(tr("Connected to %1 as %2").arg(server, m_session->account()));
        break;
    case ConsoleSession::State::Reconnecting:
        m_stateLabel->setText(tr("Reconnecting to %1…").arg(server));
        break;
    }
    // Back in touch: the error that broke the connection is history.
    if (state == ConsoleSession::State::Connected) {
        m_dialogOnFailure = false;
        if (m_showingError)
            m_messageLabel->clear();
    }
    const bool active = state != ConsoleSession::State::Disconnected;
    // While reconnecting, Disconnect is what stops the retries: it stays, and says so.
    m_disconnect->setEnabled(active);
    m_disconnect->setText(state == ConsoleSession::State::Reconnecting ? tr("Stop &Reconnecting")
                                                                       : tr("&Disconnect"));
    m_refresh->setEnabled(state == ConsoleSession::State::Connected);
    showLiveness();
    showTitle();
}

void MainWindow::touch()
{
    if (m_session->state() == ConsoleSession::State::Connected)
        m_dataAsOf = QDateTime::currentDateTime();
}

void MainWindow::showLiveness()
{
    const ConsoleSession::State state = m_session->state();
    // Data arrives only while connected: without any, nothing shown can pass for the present.
    const bool live = state == ConsoleSession::State::Connected || !m_dataAsOf.isValid();
    m_overview->setLive(live);
    for (TablePanel *panel : { m_sessions->panel(), m_queues->panel(), m_board->panel(),
                               m_cursors->cursorsPanel(), m_cursors->laggingPanel() })
        panel->setLive(live);
    // Otherwise the operator must not take it for now.
    if (live) {
        m_connectionBanner->setText(QString());
        return;
    }
    const QString asOf = m_dataAsOf.toString(u"HH:mm:ss"_s);
    m_connectionBanner->setText(state == ConsoleSession::State::Disconnected
                                    ? tr("Disconnected — data as of %1.").arg(asOf)
                                    : tr("Disconnected — data as of %1. Reconnecting…").arg(asOf));
}

void MainWindow::findUser(const QString &text)
{
    // The tables filter on every column, so an account or id narrows each to its user.
    for (TablePanel *panel :
         { m_sessions->panel(), m_queues->panel(), m_board->panel(), m_cursors->laggingPanel() })
        panel->filterEdit()->setText(text.trimmed());
}

void MainWindow::showTitle()
{
    // With several windows open, the title tells them apart.
    if (m_session->state() == ConsoleSession::State::Disconnected)
        setWindowTitle(tr("im-admin %1").arg(versionString()));
    else
        setWindowTitle(
            tr("%1 — im-admin %2").arg(m_session->server().toDisplayString(), versionString()));
}

void MainWindow::showMessage(const QString &message, bool isError)
{
    m_messageLabel->setText(isError ? tr("Error: %1").arg(message) : message);
    m_messageLabel->setToolTip(m_messageLabel->text());
    m_showingError = isError;
    if (!isError)
        m_messageTimer->start(resultShownMs);
    else if (m_session->state() == ConsoleSession::State::Connected)
        m_messageTimer->start(connectedErrorShownMs);
    else
        m_messageTimer->stop();
}

void MainWindow::clearViews()
{
    m_overview->clear();
    m_sessions->clear();
    m_queues->clear();
    m_board->clear();
    m_cursors->clear();
    m_alarms->clear();
    m_dataAsOf = {};
}

void MainWindow::refresh()
{
    m_session->refreshNow();
    if (!m_cursors->shownUserRef().isEmpty())
        m_session->loadCursors(m_cursors->shownUserRef());
}

} // namespace Im::Admin
