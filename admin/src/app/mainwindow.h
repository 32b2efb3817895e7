#pragma once

#include "app/consolesession.h"

#include <QDateTime>
#include <QMainWindow>

class QAction;
class QLabel;
class QLineEdit;
class QMenu;
class QTabWidget;
class QTimer;

namespace Im::Admin {

class AlarmMonitor;
class Banner;
class ConnectDialog;
class CursorsView;
class StuckBoardView;
class LanguageMenu;
class OverviewView;
class QueuesView;
class SessionsView;

//! The console's main window: the Overview, Sessions, Queues, Stuck deliveries and Cursors views
//! in tabs, fed by the ConsoleSession's signals (nothing here waits for the network); Find (an
//! account or user id: filters every table, Enter shows the user's cursors); a banner when the
//! server is out of reach ("Disconnected — data as of …", the views greyed and their actions off)
//! and one for alarms (AlarmMonitor); File ▸ Connect…, New window… (newWindowRequested, for
//! ConsoleWindows), Disconnect, Close window, Quit (all windows); View ▸ Refresh; the Language
//! menu; the connection state and the latest error or action result in the status bar; the
//! server in the title. Geometry and tool bar state are kept in QSettings ("window/geometry",
//! "window/state").
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(ConsoleSession *session, QWidget *parent = nullptr);
    ~MainWindow() override;

    [[nodiscard]] ConsoleSession *session() const { return m_session; }

    //! Shows the tab whose view has \a objectName (overviewView, sessionsView, queuesView,
    //! cursorsView); false if there is none.
    bool selectView(const QString &objectName);
    //! Whether Disconnect session / Disconnect user ask first (tests turn this off).
    void setConfirmActions(bool confirm);
    //! Opens the connect dialog (window-modal, not blocking), filled in with what was tried last;
    //! accepting it connects.
    ConnectDialog *openConnectDialog();
    //! Connects at start (--server, --account, --password-stdin); if that login fails, the connect
    //! dialog opens with the server and account tried.
    void connectAtStart(const QUrl &server, const QString &account, const QString &password);

    [[nodiscard]] OverviewView *overviewView() const { return m_overview; }
    [[nodiscard]] SessionsView *sessionsView() const { return m_sessions; }
    [[nodiscard]] QueuesView *queuesView() const { return m_queues; }
    [[nodiscard]] CursorsView *cursorsView() const { return m_cursors; }
    [[nodiscard]] StuckBoardView *boardView() const { return m_board; }
    [[nodiscard]] Banner *connectionBanner() const { return m_connectionBanner; }
    [[nodiscard]] Banner *alarmBanner() const { return m_alarmBanner; }
    [[nodiscard]] AlarmMonitor *alarms() const { return m_alarms; }
    //! When data last arrived from the server (invalid: never).
    [[nodiscard]] QDateTime dataAsOf() const { return m_dataAsOf; }

Q_SIGNALS:
    //! File ▸ New window…: the operator wants another window, for another server.
    void newWindowRequested();

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void connectSession();
    void retranslate();
    void showState();
    void showTitle();
    //! Shows \a message in the status bar; results vanish after a while, errors stay.
    void showMessage(const QString &message, bool isError);
    void clearViews();
    void refresh();
    //! Data arrived: the views show the server as of now.
    void touch();
    //! Greys the views and says since when the data is, or makes them live again.
    void showLiveness();
    void findUser(const QString &text);
    //! Connects to \a server, clearing the views first unless it is the server they show.
    void connectTo(const QUrl &server, const QString &account, const QString &password);

    ConsoleSession *m_session;
    QTabWidget *m_tabs;
    Banner *m_connectionBanner;
    Banner *m_alarmBanner;
    QLineEdit *m_findEdit;
    QLabel *m_findLabel;
    OverviewView *m_overview;
    SessionsView *m_sessions;
    QueuesView *m_queues;
    StuckBoardView *m_board;
    CursorsView *m_cursors;
    AlarmMonitor *m_alarms;
    QLabel *m_stateLabel;
    QLabel *m_messageLabel;
    QTimer *m_messageTimer;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    LanguageMenu *m_languageMenu = nullptr;
    QAction *m_connect = nullptr;
    QAction *m_newWindow = nullptr;
    QAction *m_disconnect = nullptr;
    QAction *m_closeWindow = nullptr;
    QAction *m_quit = nullptr;
    QAction *m_refresh = nullptr;
    bool m_showingError = false;
    QDateTime m_dataAsOf;
    //! The server the views show (kept across reconnects; cleared for another server).
    QUrl m_shownServer;
    QUrl m_triedServer;
    QString m_triedAccount;
    //! A failed login opens the dialog (set by connectAtStart until it connects).
    bool m_dialogOnFailure = false;
};

} // namespace Im::Admin
