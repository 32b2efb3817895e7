#include "startupoptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace Im::Admin {

namespace {

const QStringList knownViews { u"overview"_s, u"sessions"_s, u"queues"_s, u"cursors"_s };
const QStringList knownLanguages { u"en"_s, u"zh_CN"_s };

} // namespace

StartupOptions StartupOptions::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "Im::Admin::StartupOptions", "Watches and acts on a running im-server."));
    parser.addHelpOption();
    parser.addVersionOption();
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
        QCoreApplication::translate("Im::Admin::StartupOptions",
                                    "Open on <view>: overview, sessions, queues or cursors."),
        u"view"_s);
    const QCommandLineOption language(
        u"language"_s,
        QCoreApplication::translate("Im::Admin::StartupOptions", "Use <language>: en or zh_CN."),
        u"language"_s);
    parser.addOptions({ server, account, passwordStdin, view, language });
    parser.process(arguments);

    StartupOptions options;
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

} // namespace Im::Admin
