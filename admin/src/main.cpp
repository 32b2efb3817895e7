#include "app/consolesession.h"
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
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"im-admin"_s);
    QApplication::setOrganizationName(u"im-server"_s);
    QApplication::setApplicationVersion(Im::versionString());
    const Im::Admin::StartupOptions options =
        Im::Admin::StartupOptions::parse(QApplication::arguments());
    if (!options.error.isEmpty()) {
        std::fprintf(stderr, "im-admin: %s\n", qPrintable(options.error));
        return 2;
    }
    // The language asked for, else the remembered one, else the system locale's.
    if (options.language.isEmpty())
        Im::Admin::LanguageSwitcher::instance()->applySaved();
    else
        Im::Admin::LanguageSwitcher::instance()->apply(options.language, false);

    Im::Admin::ConsoleSession session;
    Im::Admin::MainWindow window(&session);
    if (!options.view.isEmpty())
        window.selectView(options.view + u"View"_s);
    window.show();
    if (options.connectsAtStart()) {
        QString password;
        if (options.passwordFromStdin)
            password = QTextStream(stdin).readLine();
        session.connectTo(options.server, options.account, password);
    } else {
        window.openConnectDialog();
    }
    return app.exec();
}
