#pragma once

#include "app/consolesession.h"

#include <QMainWindow>

class QAction;
class QLabel;
class QMenu;
class QTabWidget;
class QTimer;

namespace Im::Admin {

class ConnectDialog;
class CursorsView;
class LanguageMenu;
class OverviewView;
class QueuesView;
class SessionsView;

//! The console's main window: the Overview, Sessions, Queues and Cursors views in tabs, fed by
//! the ConsoleSession's signals (nothing here waits for the network); File ▸ Connect…,
//! Disconnect, Quit; View ▸ Refresh; the Language menu; the connection state and the latest error
//! or action result in the status bar. Geometry and tool bar state are kept in QSettings
//! ("window/geometry", "window/state").
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(ConsoleSession *session, QWidget *parent = nullptr);

    //! Shows the tab whose view has \a objectName (overviewView, sessionsView, queuesView,
    //! cursorsView); false if there is none.
    bool selectView(const QString &objectName);
    //! Whether Disconnect session / Disconnect user ask first (tests turn this off).
    void setConfirmActions(bool confirm);
    //! Opens the connect dialog (window-modal, not blocking); accepting it connects.
    ConnectDialog *openConnectDialog();

    [[nodiscard]] OverviewView *overviewView() const { return m_overview; }
    [[nodiscard]] SessionsView *sessionsView() const { return m_sessions; }
    [[nodiscard]] QueuesView *queuesView() const { return m_queues; }
    [[nodiscard]] CursorsView *cursorsView() const { return m_cursors; }

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void connectSession();
    void retranslate();
    void showState();
    //! Shows \a message in the status bar; results vanish after a while, errors stay.
    void showMessage(const QString &message, bool isError);
    void clearViews();
    void refresh();

    ConsoleSession *m_session;
    QTabWidget *m_tabs;
    OverviewView *m_overview;
    SessionsView *m_sessions;
    QueuesView *m_queues;
    CursorsView *m_cursors;
    QLabel *m_stateLabel;
    QLabel *m_messageLabel;
    QTimer *m_messageTimer;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    LanguageMenu *m_languageMenu = nullptr;
    QAction *m_connect = nullptr;
    QAction *m_disconnect = nullptr;
    QAction *m_quit = nullptr;
    QAction *m_refresh = nullptr;
    bool m_showingError = false;
};

} // namespace Im::Admin
