#include "mainwindow.h"

#include "im/version.h"

#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>

namespace Im::Admin {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("im-admin %1").arg(versionString()));
    m_placeholder = new QLabel(tr("Not connected to a server."), this);
    m_placeholder->setObjectName(QStringLiteral("connectionLabel"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    setCentralWidget(m_placeholder);
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *quit = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcut(QKeySequence::Quit);
    statusBar()->showMessage(tr("Ready"));
    resize(960, 600);
}

} // namespace Im::Admin
