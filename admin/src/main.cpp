#include "im/version.h"
#include "mainwindow.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("im-admin"));
    QApplication::setOrganizationName(QStringLiteral("im-server"));
    QApplication::setApplicationVersion(Im::versionString());
    Im::Admin::MainWindow window;
    window.show();
    return app.exec();
}
