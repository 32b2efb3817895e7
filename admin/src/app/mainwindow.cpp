#include "app/mainwindow.h"

#include "app/connectdialog.h"
#include "app/languagemenu.h"
#include "im/version.h"
#include "views/cursorsview.h"
#include "views/overviewview.h"
#include "views/queuesview.h"
#include "views/sessionsview.h"

#include <QAction>
#include <QCloseEvent>
#include <QLabel>
#include <QMenuBar>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Im::Admin {

namespace {

const QString geometryKey = u"window/geometry"_s;
const QString stateKey = u"window/state"_s;
constexpr int resultShownMs = 10000;

} // namespace

MainWindow::MainWindow(ConsoleSession *session, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_tabs(new QTabWidget(this))
    , m_overview(new OverviewView(this))
    , m_sessions(new SessionsView(this))
    , m_queues(new QueuesView(this))
    , m_cursors(new CursorsView(this))
    , m_stateLabel(new QLabel(this))
    , m_messageLabel(new QLabel(this))
    , m_messageTimer(new QTimer(this))
{
    Q_ASSERT(session);
    setObjectName(u"mainWindow"_s);
    m_tabs->setObjectName(u"viewTabs"_s);
    m_tabs->setDocumentMode(true);
    for (QWidget *view : { static_cast<QWidget *>(m_overview), static_cast<QWidget *>(m_sessions),
                           static_cast<QWidget *>(m_queues), static_cast<QWidget *>(m_cursors) })
        m_tabs->addTab(view, QString());
    setCentralWidget(m_tabs);

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

    resize(1200, 760);
    const QSettings settings;
    restoreGeometry(settings.value(geometryKey).toByteArray());
    restoreState(settings.value(stateKey).toByteArray());
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_connect = m_fileMenu->addAction(QString(), this, [this] { openConnectDialog(); });
    m_connect->setObjectName(u"connectAction"_s);
    m_connect->setShortcut(QKeySequence::Open);
    m_disconnect =
        m_fileMenu->addAction(QString(), m_session, &ConsoleSession::disconnectFromServer);
    m_disconnect->setObjectName(u"disconnectAction"_s);
    m_fileMenu->addSeparator();
    m_quit = m_fileMenu->addAction(QString(), this, &QWidget::close);
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
    });
    connect(session, &ConsoleSession::actionFinished, this,
            [this](const QString &message) { showMessage(message, false); });
    connect(session, &ConsoleSession::overviewChanged, m_overview, &OverviewView::setOverview);
    connect(session, &ConsoleSession::sampleAdded, m_overview, &OverviewView::addSample);
    connect(session, &ConsoleSession::ratesChanged, m_overview, &OverviewView::setRates);
    connect(session, &ConsoleSession::sessionsChanged, m_sessions, &SessionsView::setSessions);
    connect(session, &ConsoleSession::queuesChanged, m_queues, &QueuesView::setQueues);
    connect(session, &ConsoleSession::laggingChanged, m_cursors, &CursorsView::setLagging);
    connect(session, &ConsoleSession::cursorsChanged, m_cursors, &CursorsView::setCursors);

    connect(m_sessions, &SessionsView::disconnectSessionRequested, session,
            &ConsoleSession::disconnectSession);
    connect(m_sessions, &SessionsView::disconnectUserRequested, session,
            &ConsoleSession::disconnectUser);
    connect(m_queues, &QueuesView::disconnectUserRequested, session,
            &ConsoleSession::disconnectUser);
    connect(m_cursors, &CursorsView::disconnectUserRequested, session,
            &ConsoleSession::disconnectUser);
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
    m_cursors->setConfirmActions(confirm);
}

ConnectDialog *MainWindow::openConnectDialog()
{
    auto *dialog = new ConnectDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        clearViews();
        m_session->connectTo(dialog->serverUrl(), dialog->account(), dialog->password());
    });
    dialog->open();
    return dialog;
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
    setWindowTitle(tr("im-admin %1").arg(versionString()));
    m_tabs->setTabText(m_tabs->indexOf(m_overview), tr("Overview"));
    m_tabs->setTabText(m_tabs->indexOf(m_sessions), tr("Sessions"));
    m_tabs->setTabText(m_tabs->indexOf(m_queues), tr("Queues"));
    m_tabs->setTabText(m_tabs->indexOf(m_cursors), tr("Cursors"));
    m_fileMenu->setTitle(tr("&File"));
    m_connect->setText(tr("&Connect…"));
    m_disconnect->setText(tr("&Disconnect"));
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
    if (state == ConsoleSession::State::Connected && m_showingError)
        m_messageLabel->clear();
    const bool active = state != ConsoleSession::State::Disconnected;
    m_disconnect->setEnabled(active);
    m_refresh->setEnabled(state == ConsoleSession::State::Connected);
}

void MainWindow::showMessage(const QString &message, bool isError)
{
    m_messageLabel->setText(isError ? tr("Error: %1").arg(message) : message);
    m_messageLabel->setToolTip(m_messageLabel->text());
    m_showingError = isError;
    if (isError)
        m_messageTimer->stop();
    else
        m_messageTimer->start(resultShownMs);
}

void MainWindow::clearViews()
{
    m_overview->clear();
    m_sessions->clear();
    m_queues->clear();
    m_cursors->clear();
}

void MainWindow::refresh()
{
    m_session->refreshNow();
    if (m_cursors->shownUserId() > 0)
        m_session->loadCursors(m_cursors->shownUserId());
}

} // namespace Im::Admin
