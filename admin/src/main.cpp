#include "app/consolesession.h"
#include "app/consolewindows.h"
#include "app/languageswitcher.h"
#include "app/mainwindow.h"
#include "app/startupoptions.h"
#include "im/version.h"

#include <QApplication>
#include <QTextStream>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    // Set before any application object exists: --version and QSettings read them.
    QCoreApplication::setApplicationName(u"im-admin"_s);
    QCoreApplication::setOrganizationName(u"im-server"_s);
    QCoreApplication::setApplicationVersion(Im::versionString());
    // Parsed before QApplication, which aborts without a display: --help, --version and a
    // refused option work on a server over ssh as well.
    const Im::Admin::StartupOptions options = Im::Admin::StartupOptions::parse(argc, argv);
    if (!options.error.isEmpty()) {
        std::fprintf(stderr, "im-admin: %s\n", qPrintable(options.error));
        return 2;
    }
    if (!options.helpOrVersionText.isEmpty()) {
        std::fputs(qPrintable(options.helpOrVersionText), stdout);
        return 0;
    }

    QApplication app(argc, argv);
    // The language asked for, else the remembered one, else the system locale's.
    if (options.language.isEmpty())
        Im::Admin::LanguageSwitcher::instance()->applySaved();
    else
        Im::Admin::LanguageSwitcher::instance()->apply(options.language, false);

    Im::Admin::ConsoleWindows windows;
    Im::Admin::MainWindow *window = windows.open();
    if (!options.view.isEmpty())
        window->selectView(options.view + u"View"_s);
    if (options.connectsAtStart()) {
        QString password;
        if (options.passwordFromStdin)
            password = QTextStream(stdin).readLine();
        window->connectAtStart(options.server, options.account, password);
    } else {
        window->openConnectDialog();
    }
    return app.exec();
}
