#pragma once

#include "config/serverconfig.h"
#include "store/databasesettings.h"

#include <QUrl>

#include <memory>

namespace Im::App {
class Application;
}

namespace Im::Http {
class Router;
}

namespace Im::Test {

//! The whole server (Application, as im-server wires it) inside the test process, on a free port:
//! faster than a process and still end to end over real HTTP.
class InProcessServer
{
public:
    explicit InProcessServer(Config::ServerConfig config);
    ~InProcessServer();

    //! Prepares the database and listens; false when it failed within the timeout.
    bool start(int timeoutMs = 60000);
    [[nodiscard]] QUrl url(const QString &path) const;
    //! The routes the application registered; null before start().
    [[nodiscard]] const Http::Router *router() const;

    //! A server on \a database with its files in \a dataDir, started; nullptr when it failed.
    [[nodiscard]] static std::unique_ptr<InProcessServer>
    launch(const Store::DatabaseSettings &database, const QString &dataDir);

    //! A configuration on SQLite in \a dataDir, with quiet logs and a fixed secret.
    [[nodiscard]] static Config::ServerConfig sqliteConfig(const QString &dataDir);
    //! sqliteConfig() pointed at \a database instead (a scratch SQLite file or MariaDB database).
    [[nodiscard]] static Config::ServerConfig configFor(const Store::DatabaseSettings &database,
                                                        const QString &dataDir);

private:
    Config::ServerConfig m_config;
    std::unique_ptr<App::Application> m_application;
    quint16 m_port = 0;
};

} // namespace Im::Test
