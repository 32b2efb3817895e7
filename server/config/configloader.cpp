#include "config/configloader.h"

#include "config/dotenvfile.h"
#include "config/driverchoice.h"
#include "config/settings.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace Im::Config {

namespace {

constexpr auto nodeEnvKey = "NODE_ENV"_L1;
const QString driverKey = u"DB_DRIVER"_s;

// The value that won for one key, and where it came from for problem messages.
struct Candidate
{
    QString value;
    QString origin;
};

// The settings in \a given that are not used (yet), one line per reason.
QStringList ignoredSettings(const QMap<QString, QString> &given)
{
    // Grouped by reason, in table order: the Redis settings make one line, not five.
    QStringList reasons;
    QMap<QString, QStringList> keysByReason;
    for (const SettingDescriptor &setting : settingDescriptors()) {
        if (setting.unusedBecause.isEmpty() || !given.contains(setting.key))
            continue;
        const QString reason = setting.unusedBecause;
        if (!reasons.contains(reason))
            reasons.append(reason);
        keysByReason[reason].append(setting.key);
    }
    QStringList lines;
    for (const QString &reason : std::as_const(reasons))
        lines.append(keysByReason.value(reason).join(u", "_s) + u": "_s + reason);
    return lines;
}

} // namespace

ConfigLoader::ConfigLoader(QProcessEnvironment environment, QString workingDirectory)
    : m_environment(std::move(environment))
    , m_workingDirectory(std::move(workingDirectory))
{ }

void ConfigLoader::setCommandLine(QMap<QString, QString> settings)
{
    m_commandLine = std::move(settings);
}

void ConfigLoader::setConfigFile(QString path)
{
    m_configFile = std::move(path);
}

QStringList ConfigLoader::candidateFiles() const
{
    const QDir base(m_workingDirectory);
    if (!m_configFile.isEmpty())
        return { QDir::cleanPath(base.absoluteFilePath(m_configFile)) };

    // The file choice has to be made before any file is read, so only the two upper layers can
    // select it (as in the original, where NODE_ENV came from the process environment).
    QString nodeEnv;
    if (m_commandLine.contains(nodeEnvKey))
        nodeEnv = m_commandLine.value(nodeEnvKey);
    else if (m_environment.contains(nodeEnvKey))
        nodeEnv = m_environment.value(nodeEnvKey);
    const bool development = nodeEnv == "dev"_L1 || nodeEnv == "development"_L1;
    const QString first = development ? u".env.dev"_s : u".env.prod"_s;
    return { QDir::cleanPath(base.absoluteFilePath(first)),
             QDir::cleanPath(base.absoluteFilePath(u".env"_s)) };
}

LoadedConfig ConfigLoader::load() const
{
    LoadedConfig result;
    QMap<QString, Candidate> winners;

    const bool explicitFile = !m_configFile.isEmpty();
    for (const QString &path : candidateFiles()) {
        if (!explicitFile && !QFileInfo::exists(path))
            continue;
        Result<DotEnvFile> file = DotEnvFile::read(path);
        if (!file) {
            result.problems.append(file.error().message);
            continue;
        }
        result.filesRead.append(path);
        result.problems.append(file->errors());
        for (auto it = file->values().cbegin(); it != file->values().cend(); ++it) {
            const QString origin = u"%1:%2"_s.arg(path).arg(file->lineOf(it.key()));
            if (!findSetting(it.key()))
                result.problems.append(u"%1: unknown setting %2"_s.arg(origin, it.key()));
            else if (!winners.contains(it.key())) // files are in precedence order
                winners.insert(it.key(), { it.value(), origin });
        }
    }

    for (const SettingDescriptor &setting : settingDescriptors()) {
        const QString key = setting.key;
        if (m_environment.contains(key))
            winners.insert(key, { m_environment.value(key), u"environment"_s });
    }

    for (auto it = m_commandLine.cbegin(); it != m_commandLine.cend(); ++it) {
        if (!findSetting(it.key()))
            result.problems.append(u"command line: unknown setting %1"_s.arg(it.key()));
        else
            winners.insert(it.key(), { it.value(), u"command line"_s });
    }

    // Table order, so problems come out in the order the documentation lists the settings.
    QMap<QString, QString> given; // non-empty values: key -> origin
    bool driverRejected = false;
    for (const SettingDescriptor &setting : settingDescriptors()) {
        const auto winner = winners.constFind(setting.key);
        if (winner == winners.cend())
            continue;
        if (!winner->value.trimmed().isEmpty())
            given.insert(setting.key, winner->origin);
        const QString reason = setting.apply(result.config, winner->value);
        if (reason.isEmpty())
            continue;
        driverRejected = driverRejected || setting.key == driverKey;
        QString problem = u"%1: %2: %3"_s.arg(winner->origin, setting.key, reason);
        if (!setting.secret)
            problem += u" (got \"%1\")"_s.arg(winner->value);
        result.problems.append(problem);
    }

    // A rejected DB_DRIVER is reported already; guessing past it would only add noise.
    if (!driverRejected) {
        const DriverChoice choice = chooseDatabaseDriver(
            given,
            given.contains(driverKey) ? std::optional(result.config.dbDriver) : std::nullopt);
        result.config.dbDriver = choice.driver;
        result.databaseChoice = choice.reason;
        if (!choice.conflict.isEmpty())
            result.problems.append(choice.conflict);
    }
    result.ignored = ignoredSettings(given);
    result.problems.append(validateConfig(result.config));
    return result;
}

QStringList validateConfig(const ServerConfig &config)
{
    // Short HS256 keys are brute-forceable; 16 characters is the floor, the generated key is 64.
    constexpr qsizetype minimumSecretLength = 16;

    QStringList problems;
    if (config.environment == Environment::Production && config.secretKey.isEmpty())
        problems.append(u"SECRET_KEY is required in production"_s);
    if (!config.secretKey.isEmpty() && config.secretKey.size() < minimumSecretLength)
        problems.append(u"SECRET_KEY must be at least %1 characters"_s.arg(minimumSecretLength));
    if (config.dbDriver == DatabaseDriver::MariaDb) {
        if (config.dbUser.isEmpty())
            problems.append(u"DB_USER is required when DB_DRIVER=mariadb"_s);
        if (config.dbName.isEmpty())
            problems.append(u"DB_NAME is required when DB_DRIVER=mariadb"_s);
    }
    return problems;
}

} // namespace Im::Config
