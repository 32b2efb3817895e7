#pragma once

#include "config/serverconfig.h"

#include <QString>

#include <chrono>

namespace Im::Store {

enum class Dialect { Sqlite, MariaDb };

//! How to reach the database: the part of ServerConfig the store needs, so tests can build one
//! without a whole configuration.
struct DatabaseSettings
{
    Dialect dialect = Dialect::Sqlite;
    QString sqlitePath;
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 3306;
    QString user;
    QString password;
    QString databaseName;
    //! Offset such as "+08:00": the session time zone of MariaDB connections.
    QString timeZone = QStringLiteral("+08:00");
    std::chrono::seconds connectTimeout { 10 };
    int threads = 4;
    //! Jobs waiting for a worker; run() fails further ones with Unavailable (bounded admission).
    int maxQueuedJobs = 10000;

    [[nodiscard]] static DatabaseSettings fromConfig(const Config::ServerConfig &config);
    //! "sqlite:<path>" or "mariadb://user@host:port/name": for logs, without the password.
    [[nodiscard]] QString describe() const;
};

} // namespace Im::Store
