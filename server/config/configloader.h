#pragma once

#include "config/serverconfig.h"

#include <QMap>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace Im::Config {

//! What ConfigLoader::load() found. The server must not start while `problems` is non-empty.
struct LoadedConfig
{
    ServerConfig config; //!< Rejected values keep their defaults.
    QStringList problems; //!< Every problem found, each prefixed with where it came from.
    QStringList filesRead; //!< Absolute paths of the config files read, highest precedence first.
    //! Why `config.dbDriver` is what it is (DB_DRIVER, or what the original's DB_* settings imply).
    QString databaseChoice;
    //! Settings that were given but are not used (yet), one line per reason: "REDIS_HOST,
    //! REDIS_PORT: Redis is not used yet (...)". Keys only, never values.
    QStringList ignored;
};

//! Builds a ServerConfig from layers: command line > environment > config file > defaults.
//! Per key the highest layer wins and only that value is parsed. Nothing stops at the first
//! problem, so one start attempt reports everything that is wrong. Without DB_DRIVER the database
//! backend follows the other settings (chooseDatabaseDriver), as the original's .env has none.
class ConfigLoader
{
public:
    //! Only the environment variables named in the settings table are read from `environment`;
    //! relative config-file paths are resolved against `workingDirectory`.
    ConfigLoader(QProcessEnvironment environment, QString workingDirectory);

    //! Settings given on the command line, keyed by setting key (e.g. "PORT" -> "8080").
    //! Unknown keys are problems.
    void setCommandLine(QMap<QString, QString> settings);

    //! An explicit config file (--config). When set it is the only file read and must be
    //! readable. When not set, the original server's rule applies: `.env.dev` then `.env` if
    //! NODE_ENV (from command line or environment) is dev/development, otherwise `.env.prod`
    //! then `.env`; the first file wins for a key in both, and missing files are fine.
    void setConfigFile(QString path);

    [[nodiscard]] LoadedConfig load() const;

private:
    [[nodiscard]] QStringList candidateFiles() const;

    QProcessEnvironment m_environment;
    QString m_workingDirectory;
    QMap<QString, QString> m_commandLine;
    QString m_configFile;
};

//! Cross-field checks on a complete configuration, one message per problem: a secret key in
//! production and of sufficient length, and the MariaDB credentials when that driver is chosen.
[[nodiscard]] QStringList validateConfig(const ServerConfig &config);

} // namespace Im::Config
