#include "inprocessserver.h"

#include "app/application.h"

#include <QSignalSpy>

using namespace Qt::StringLiterals;

namespace Im::Test {

InProcessServer::InProcessServer(Config::ServerConfig config)
    : m_config(std::move(config))
{
    m_config.port = 0;
}

InProcessServer::~InProcessServer() = default;

bool InProcessServer::start(int timeoutMs)
{
    m_application = std::make_unique<App::Application>(m_config);
    QSignalSpy started(m_application.get(), &App::Application::started);
    QSignalSpy failed(m_application.get(), &App::Application::failed);
    m_application->start();
    QDeadlineTimer deadline(timeoutMs);
    while (started.isEmpty() && failed.isEmpty() && !deadline.hasExpired())
        started.wait(50);
    if (!failed.isEmpty())
        qWarning() << "server failed to start:" << failed.first().first().toString();
    if (started.isEmpty())
        return false;
    m_port = started.first().first().value<quint16>();
    return true;
}

QUrl InProcessServer::url(const QString &path) const
{
    return QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_port).arg(path));
}

const Http::Router *InProcessServer::router() const
{
    return m_application ? m_application->router() : nullptr;
}

Config::ServerConfig InProcessServer::sqliteConfig(const QString &dataDir)
{
    Config::ServerConfig config;
    config.dataDir = dataDir;
    config.secretKey = u"test-secret-key-0123456789abcdef"_s;
    config.logToFile = false;
    // Tests register many accounts from 127.0.0.1; the sign-up throttle is tested on its own.
    config.signupMaxPerAddress = 1000000;
    // Every registration and login hashes; at the default 64 MiB the API tests spent much of
    // their time there. The hashing cost itself is tested on its own (tst_passwordhasher).
    config.passwordHashMemoryKiB = 1024;
    return config;
}

std::unique_ptr<InProcessServer> InProcessServer::launch(const Store::DatabaseSettings &database,
                                                         const QString &dataDir)
{
    auto server = std::make_unique<InProcessServer>(configFor(database, dataDir));
    return server->start() ? std::move(server) : nullptr;
}

Config::ServerConfig InProcessServer::configFor(const Store::DatabaseSettings &database,
                                                const QString &dataDir)
{
    Config::ServerConfig config = sqliteConfig(dataDir);
    if (database.dialect == Store::Dialect::MariaDb) {
        config.dbDriver = Config::DatabaseDriver::MariaDb;
        config.dbHost = database.host;
        config.dbPort = database.port;
        config.dbUser = database.user;
        config.dbPassword = database.password;
        config.dbName = database.databaseName;
    } else {
        config.sqlitePath = database.sqlitePath;
    }
    return config;
}

} // namespace Im::Test
