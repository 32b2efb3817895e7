#include "app/consolewindows.h"

#include "app/consolesession.h"
#include "app/mainwindow.h"

namespace Im::Admin {

namespace {

constexpr int cascadeOffset = 40;

} // namespace

ConsoleWindows::ConsoleWindows(QObject *parent)
    : QObject(parent)
{ }

ConsoleWindows::~ConsoleWindows()
{
    for (const QPointer<MainWindow> &window : std::as_const(m_windows))
        delete window.data();
}

MainWindow *ConsoleWindows::open(const MainWindow *from)
{
    auto *session = new ConsoleSession;
    auto *window = new MainWindow(session);
    // The session is the window's: one server per window, gone when the window closes.
    session->setParent(window);
    window->setAttribute(Qt::WA_DeleteOnClose);
    if (from)
        window->move(from->pos() + QPoint(cascadeOffset, cascadeOffset));
    m_windows.removeIf([](const QPointer<MainWindow> &open) { return open.isNull(); });
    m_windows.append(window);
    connect(window, &MainWindow::newWindowRequested, this, [this, window] {
        MainWindow *another = open(window);
        another->openConnectDialog();
        Q_EMIT windowOpened(another);
    });
    window->show();
    return window;
}

QList<MainWindow *> ConsoleWindows::windows() const
{
    QList<MainWindow *> open;
    for (const QPointer<MainWindow> &window : m_windows) {
        if (window)
            open.append(window.data());
    }
    return open;
}

} // namespace Im::Admin
