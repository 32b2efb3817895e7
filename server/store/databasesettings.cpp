#include "store/databasesettings.h"

using namespace Qt::StringLiterals;

namespace Im::Store {

DatabaseSettings DatabaseSettings::fromConfig(const Config::ServerConfig &config)
{
    DatabaseSettings settings;
    settings.dialect =
        config.dbDriver == Config::DatabaseDriver::MariaDb ? Dialect::MariaDb : Dialect::Sqlite;
    settings.sqlitePath = config.effectiveSqlitePath();
    settings.host = config.dbHost;
    settings.port = config.dbPort;
    settings.user = config.dbUser;
    settings.password = config.dbPassword;
    settings.databaseName = config.dbName;
    settings.timeZone = config.timeZone;
    settings.connectTimeout = config.dbConnectTimeout;
    settings.threads = config.dbThreads;
    settings.maxQueuedJobs = config.dbMaxQueuedJobs;
    return settings;
}

QString DatabaseSettings::describe() const
{
    if (dialect == Dialect::Sqlite)
        return u"sqlite:"_s + sqlitePath;
    return u"mariadb://%1@%2:%3/%4"_s.arg(user, host).arg(port).arg(databaseName);
}

} // namespace Im::Store
