#pragma once

#include "app/mainwindow.h"

#include <QList>
#include <QObject>
#include <QPointer>

namespace Im::Admin {

//! The console's main windows, each with a ConsoleSession of its own, so that several servers
//! can be watched side by side. File ▸ New window… in any of them opens another here. Owns them:
//! a closed window is deleted with its session, the others with this object (which must go
//! before the QApplication).
class ConsoleWindows : public QObject
{
    Q_OBJECT

public:
    explicit ConsoleWindows(QObject *parent = nullptr);
    ~ConsoleWindows() override;

    //! Shows a new, unconnected window; cascaded from \a from when given.
    MainWindow *open(const MainWindow *from = nullptr);
    //! The windows still open, oldest first.
    [[nodiscard]] QList<MainWindow *> windows() const;

Q_SIGNALS:
    //! A window opened by File ▸ New window… (its connect dialog already open).
    void windowOpened(Im::Admin::MainWindow *window);

private:
    QList<QPointer<MainWindow>> m_windows;
};

} // namespace Im::Admin
