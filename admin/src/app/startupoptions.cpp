#include "startupoptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace Im::Admin {

namespace {

const QStringList knownViews { u"overview"_s, u"sessions"_s, u"queues"_s, u"board"_s,
                               u"cursors"_s };
const QStringList knownLanguages { u"en"_s, u"zh_CN"_s };

//! The options QGuiApplication and QApplication take out of argv themselves (their documented
//! ones). We parse before they exist, so we must not refuse these; they stay out of --help.
QList<QCommandLineOption> qtOwnOptions()
{
    QList<QCommandLineOption> options;
    for (const QString &name :
         { u"platform"_s, u"platformpluginpath"_s, u"platformtheme"_s, u"plugin"_s,
           u"qmljsdebugger"_s, u"qwindowgeometry"_s, u"qwindowicon"_s, u"qwindowtitle"_s,
           u"session"_s, u"display"_s, u"geometry"_s, u"title"_s, u"name"_s, u"style"_s,
           u"stylesheet"_s })
        options.append(QCommandLineOption(name, QString(), u"value"_s));
    for (const QString &name : { u"reverse"_s, u"widgetcount"_s, u"nograb"_s, u"dograb"_s })
        options.append(QCommandLineOption(name));
    for (QCommandLineOption &option : options)
        option.setFlags(QCommandLineOption::HiddenFromHelp);
    return options;
}

} // namespace

StartupOptions StartupOptions::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "Im::Admin::StartupOptions", "Watches and acts on a running im-server."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption server(
        u"server"_s,
        QCoreApplication::translate("Im::Admin::StartupOptions", "Connect to <url> at start."),
        u"url"_s);
    const QCommandLineOption account(
        u"account"_s,
        QCoreApplication::translate("Im::Admin::StartupOptions", "Log in as <account>."),
        u"account"_s);
    const QCommandLineOption passwordStdin(
        u"password-stdin"_s,
        QCoreApplication::translate("Im::Admin::StartupOptions",
                                    "Read the password from the first line of standard input."));
    const QCommandLineOption view(
        u"view"_s,
        QCoreApplication::translate(
            "Im::Admin::StartupOptions",
            "Open on <view>: overview, sessions, queues, board or cursors."),
        u"view"_s);
    const QCommandLineOption language(
        u"language"_s,
        QCoreApplication::translate("Im::Admin::StartupOptions", "Use <language>: en or zh_CN."),
        u"language"_s);
    parser.addOptions({ server, account, passwordStdin, view, language });
    // Qt's options have one dash and long names (-platform offscreen).
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addOptions(qtOwnOptions());

    StartupOptions options;
    if (!parser.parse(arguments)) {
        options.error = parser.errorText();
        return options;
    }
    // --help-all (Qt's addition) prints the same: Qt's own options are not listed without an
    // application object.
    if (parser.isSet(help) || parser.isSet(u"help-all"_s)) {
        // Without a QCoreApplication the parser cannot know the program's name.
        const QString program =
            arguments.isEmpty() ? u"im-admin"_s : QFileInfo(arguments.constFirst()).fileName();
        options.helpOrVersionText = parser.helpText().replace(u"<executable_name>"_s, program);
        return options;
    }
    if (parser.isSet(version)) {
        options.helpOrVersionText = u"%1 %2\n"_s.arg(QCoreApplication::applicationName(),
                                                     QCoreApplication::applicationVersion());
        return options;
    }
    if (parser.isSet(server)) {
        options.server = QUrl(parser.value(server));
        if (!options.server.isValid() || options.server.host().isEmpty())
            options.error = u"--server needs a URL such as http://127.0.0.1:3000"_s;
    }
    options.account = parser.value(account);
    options.passwordFromStdin = parser.isSet(passwordStdin);
    options.view = parser.value(view);
    if (!options.view.isEmpty() && !knownViews.contains(options.view))
        options.error = u"--view must be one of %1"_s.arg(knownViews.join(u", "_s));
    options.language = parser.value(language);
    if (!options.language.isEmpty() && !knownLanguages.contains(options.language))
        options.error = u"--language must be en or zh_CN"_s;
    return options;
}

StartupOptions StartupOptions::parse(int argc, const char *const *argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    return parse(arguments);
}

} // namespace Im::Admin
