#include "app/admincommand.h"
#include "app/application.h"
#include "app/commandline.h"
#include "app/logging.h"
#include "app/runtimefilecheck.h"
#include "app/systemdnotifier.h"
#include "app/unixsignalwatcher.h"
#include "app/upgradedryrun.h"
#include "config/configloader.h"
#include "config/secretkeystore.h"
#include "im/version.h"
#include "log/journalstream.h"
#include "log/logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QProcessEnvironment>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace {

Im::Log::LogSettings logSettingsFor(const Im::Config::ServerConfig &config)
{
    Im::Log::LogSettings settings;
    settings.dir = config.effectiveLogDir();
    settings.defaultLevel = config.logLevel;
    settings.rules = config.logRules;
    settings.console = config.logToConsole;
    settings.journal = Im::Log::stderrIsJournal();
    settings.file = config.logToFile;
    settings.maxFileBytes = config.logMaxFileBytes;
    settings.backups = config.logBackups;
    return settings;
}

QString databaseName(const Im::Config::ServerConfig &config)
{
    return config.dbDriver == Im::Config::DatabaseDriver::MariaDb ? u"mariadb"_s : u"sqlite"_s;
}

// Once per start: the operator of the original's .env learns which database it chose and which of
// its settings have no effect, keys only.
void logConfigurationChoices(const Im::Config::LoadedConfig &loaded)
{
    qCInfo(Im::App::lcApp).noquote()
        << "database:" << databaseName(loaded.config) << "because" << loaded.databaseChoice;
    for (const QString &line : loaded.ignored)
        qCWarning(Im::App::lcApp).noquote() << "ignoring settings that are not used:" << line;
}

int runServer(QCoreApplication &app, const Im::Config::ServerConfig &config)
{
    Im::App::Application server(config);
    Im::App::UnixSignalWatcher signalWatcher;
    Im::App::SystemdNotifier systemd;
    int exitCode = 0;
    QObject::connect(&signalWatcher, &Im::App::UnixSignalWatcher::terminationRequested, &server,
                     [&server, &systemd](int signalNumber) {
                         qCInfo(Im::App::lcApp) << "received signal" << signalNumber;
                         systemd.stopping(u"draining connections"_s);
                         server.shutdown();
                     });
    QObject::connect(&signalWatcher, &Im::App::UnixSignalWatcher::reopenRequested, &server, [] {
        // logrotate moved the file away: write to a new one of the same name.
        Im::Log::Logging::reopenFiles();
        qCInfo(Im::App::lcApp) << "log files reopened (SIGHUP)";
    });
    QObject::connect(&server, &Im::App::Application::started, &app,
                     [&config, &systemd](quint16 port) {
                         // A fixed line on stdout that scripts and tests wait for (the port
                         // matters when it was 0).
                         const QString listening = u"listening on http://%1:%2"_s.arg(
                             config.bindAddress.toString(), QString::number(port));
                         QTextStream(stdout)
                             << "im-server " << Im::versionString() << ' ' << listening << Qt::endl;
                         systemd.ready(listening);
                     });
    QObject::connect(&server, &Im::App::Application::failed, &app,
                     [&app, &exitCode, &systemd](const QString &reason) {
                         qCCritical(Im::App::lcApp).noquote() << reason;
                         systemd.status(reason);
                         exitCode = 1;
                         app.exit(1);
                     });
    QObject::connect(&server, &Im::App::Application::stopped, &app, [&app] { app.exit(0); });
    server.start();
    const int loopCode = app.exec();
    return exitCode != 0 ? exitCode : loopCode;
}

} // namespace

int main(int argc, char *argv[])
{
    // Qt's own poll-based event dispatcher rather than GLib's: GLib keeps socket notifiers in a
    // list, so every connection that closes walks all the others (shutting down with 15 000
    // sessions took 16 s instead of 5), and under load it cost 5-10 % more CPU per message
    // (docs/PERFORMANCE.md). A QT_NO_GLIB the environment sets is left alone (set empty, it
    // brings GLib's dispatcher back).
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"im-server"_s);
    QCoreApplication::setApplicationVersion(Im::versionString());

    const Im::App::CommandLine commandLine = Im::App::CommandLine::parse(app.arguments());
    QTextStream out(stdout);
    QTextStream err(stderr);
    switch (commandLine.action) {
    case Im::App::CommandLine::Action::Invalid:
        err << commandLine.error << "\nTry --help." << Qt::endl;
        return 2;
    case Im::App::CommandLine::Action::Help:
        out << commandLine.helpText << Qt::flush;
        return 0;
    case Im::App::CommandLine::Action::Version:
        out << "im-server " << Im::versionString() << Qt::endl;
        return 0;
    default:
        break;
    }

    Im::Config::ConfigLoader loader(QProcessEnvironment::systemEnvironment(), QDir::currentPath());
    loader.setCommandLine(commandLine.settings);
    if (!commandLine.configFile.isEmpty())
        loader.setConfigFile(commandLine.configFile);
    const Im::Config::LoadedConfig loaded = loader.load();
    if (commandLine.action == Im::App::CommandLine::Action::CheckConfig) {
        for (const QString &problem : std::as_const(loaded.problems))
            err << "config: " << problem << Qt::endl;
        if (!loaded.databaseChoice.isEmpty())
            out << "Database: " << databaseName(loaded.config) << ", because "
                << loaded.databaseChoice << '.' << Qt::endl;
        for (const QString &line : std::as_const(loaded.ignored))
            out << "Ignored: " << line << '.' << Qt::endl;
        if (!loaded.problems.isEmpty())
            return 2;
        const QStringList missing = Im::App::missingRuntimeFiles(loaded.config);
        for (const QString &line : missing)
            out << "Missing: " << line << Qt::endl;
        if (!missing.isEmpty()) {
            // Valid, yet a part of the server will answer 503: worth a non-zero status.
            out << "Configuration OK, but " << missing.size() << " runtime files are missing."
                << Qt::endl;
            return 1;
        }
        out << "Configuration OK." << Qt::endl;
        return 0;
    }
    if (!loaded.problems.isEmpty()) {
        for (const QString &problem : std::as_const(loaded.problems))
            err << "config: " << problem << Qt::endl;
        err << "Refusing to start with an invalid configuration (see --check-config)." << Qt::endl;
        return 2;
    }
    Im::Config::ServerConfig config = loaded.config;
    // A dry run signs nothing, so it leaves no generated key behind either.
    if (commandLine.action != Im::App::CommandLine::Action::UpgradeDryRun) {
        if (auto secret = Im::Config::ensureSecretKey(config); !secret) {
            err << "config: " << secret.error().message << Qt::endl;
            return 2;
        }
    }

    if (auto logging = Im::Log::Logging::install(logSettingsFor(config)); !logging) {
        err << "logging: " << logging.error().message << Qt::endl;
        return 2;
    }
    logConfigurationChoices(loaded);
    int exitCode = 0;
    if (commandLine.action == Im::App::CommandLine::Action::CreateAdmin)
        exitCode = Im::App::runCreateAdmin(config, commandLine.adminAccount, stdin);
    else if (commandLine.action == Im::App::CommandLine::Action::UpgradeDryRun)
        exitCode = Im::App::runUpgradeDryRun(config);
    else
        exitCode = runServer(app, config);
    Im::Log::Logging::shutdown();
    return exitCode;
}
