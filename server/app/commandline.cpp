#include "app/commandline.h"

#include "config/settings.h"

#include <QCommandLineParser>

using namespace Qt::StringLiterals;

namespace Im::App {

namespace {

// Options that are shortcuts for one setting each.
struct SettingOption
{
    QString name;
    QString key;
    QString description;
    QString valueName;
};

const QList<SettingOption> settingOptions = {
    { u"port"_s, u"PORT"_s, u"Port to listen on (default 3000)."_s, u"port"_s },
    { u"bind"_s, u"BIND_ADDRESS"_s, u"Address to listen on (default 127.0.0.1)."_s, u"address"_s },
    { u"data-dir"_s, u"DATA_DIR"_s, u"Folder for the database, secret, uploads and logs."_s,
      u"dir"_s },
    { u"db-driver"_s, u"DB_DRIVER"_s, u"sqlite (embedded default) or mariadb."_s, u"driver"_s },
    { u"log-level"_s, u"LOG_LEVEL"_s, u"debug, info, warning or critical."_s, u"level"_s },
};

} // namespace

CommandLine CommandLine::parse(const QStringList &arguments)
{
    CommandLine result;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"im-server: instant-messaging server (REST + Socket.IO) compatible with the "
        "original NestJS im_server and its desktop client."_s);
    const QCommandLineOption helpOption({ u"h"_s, u"help"_s }, u"Show this help."_s);
    const QCommandLineOption versionOption({ u"v"_s, u"version"_s }, u"Show the version."_s);
    const QCommandLineOption checkOption(
        u"check-config"_s,
        u"Report every configuration problem, the database chosen and why, and the settings "
        "that are ignored, then exit."_s);
    const QCommandLineOption adminOption(
        u"create-admin"_s,
        u"Create the admin account <account> (or make it admin) with a password read "
        "from standard input, then exit."_s,
        u"account"_s);
    const QCommandLineOption dryRunOption(
        u"upgrade-dry-run"_s,
        u"Show what the next start would upgrade in the database (one made by the original server: "
        "rows, duplicates, admin accounts, files) without changing anything, then exit."_s);
    const QCommandLineOption configOption({ u"c"_s, u"config"_s },
                                          u"Read settings from this .env-style file."_s, u"file"_s);
    const QCommandLineOption setOption({ u"s"_s, u"set"_s },
                                       u"Set any setting, e.g. --set DB_THREADS=8 (repeatable)."_s,
                                       u"KEY=VALUE"_s);
    parser.addOptions({ helpOption, versionOption, checkOption, adminOption, dryRunOption,
                        configOption, setOption });
    QList<QCommandLineOption> shortcuts;
    for (const SettingOption &option : settingOptions) {
        shortcuts.append(QCommandLineOption(option.name, option.description, option.valueName));
        parser.addOption(shortcuts.last());
    }
    result.helpText = parser.helpText() + u"\nSettings (environment, config file or --set):\n"_s
        + Config::settingsHelpText();

    if (!parser.parse(arguments)) {
        result.action = Action::Invalid;
        result.error = parser.errorText();
        return result;
    }
    if (!parser.positionalArguments().isEmpty()) {
        result.action = Action::Invalid;
        result.error = u"Unexpected argument: %1"_s.arg(parser.positionalArguments().constFirst());
        return result;
    }
    for (const QString &assignment : parser.values(setOption)) {
        const qsizetype equals = assignment.indexOf(u'=');
        if (equals <= 0) {
            result.action = Action::Invalid;
            result.error = u"--set expects KEY=VALUE, got: %1"_s.arg(assignment);
            return result;
        }
        result.settings.insert(assignment.left(equals), assignment.mid(equals + 1));
    }
    for (qsizetype i = 0; i < settingOptions.size(); ++i) {
        if (parser.isSet(shortcuts[i]))
            result.settings.insert(settingOptions[i].key, parser.value(shortcuts[i]));
    }
    result.configFile = parser.value(configOption);

    if (parser.isSet(helpOption))
        result.action = Action::Help;
    else if (parser.isSet(versionOption))
        result.action = Action::Version;
    else if (parser.isSet(checkOption))
        result.action = Action::CheckConfig;
    else if (parser.isSet(adminOption)) {
        result.action = Action::CreateAdmin;
        result.adminAccount = parser.value(adminOption);
    } else if (parser.isSet(dryRunOption)) {
        result.action = Action::UpgradeDryRun;
    }
    return result;
}

} // namespace Im::App
