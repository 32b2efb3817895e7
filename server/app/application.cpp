#include "app/application.h"

#include "app/logging.h"
#include "auth/authservice.h"
#include "auth/sqlsessionstore.h"
#include "http/appcontroller.h"
#include "http/friendscontroller.h"
#include "http/groupscontroller.h"
#include "http/healthcontroller.h"
#include "http/httpserver.h"
#include "http/permissioncontroller.h"
#include "http/userscontroller.h"
#include "im/futures.h"
#include "im/recordingnotificationsink.h"
#include "realtime/socketgateway.h"
#include "socketio/engineioserver.h"
#include "socketio/socketioserver.h"
#include "store/dbexecutor.h"
#include "store/schemapreparation.h"

#include <QTimer>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace Im::App {

namespace {

// How long in-flight requests may take to finish once shutdown began.
constexpr auto drainTimeout = 10s;
// How long closing sockets get to flush before they are destroyed.
constexpr auto socketFlushGrace = 200ms;

} // namespace

Application::Application(Config::ServerConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_database(std::make_unique<Store::DbExecutor>(Store::DatabaseSettings::fromConfig(m_config)))
    , m_notifications(std::make_unique<Core::RecordingNotificationSink>())
{ }

Application::~Application()
{
    // Request handlers hold references to the store and the executor: they go first.
    delete m_http;
    m_http = nullptr;
    m_sessions.reset();
    if (m_database)
        m_database->stop();
}

void Application::start()
{
    qCInfo(lcApp).noquote() << "opening" << m_database->settings().describe();
    auto prepared = m_database->run<Store::MigrationReport>(Store::prepareSchema,
                                                            Store::Retry::OnConnectionLoss);
    whenFinished(prepared, this, [this](Result<Store::MigrationReport> report) {
        if (!report) {
            Q_EMIT failed(u"Database preparation failed: %1"_s.arg(report.error().message));
            return;
        }
        qCInfo(lcApp) << "schema at version" << report->versionAfter << "(applied"
                      << report->applied.size() << "migrations)";
        listen();
    });
}

void Application::listen()
{
    Http::HttpServer::Options options;
    options.address = m_config.bindAddress;
    options.port = m_config.port;
    options.maxRequestBytes = m_config.maxRequestBytes;
    options.allowedOrigins = m_config.clientOrigins;
    m_http = new Http::HttpServer(options, this);

    Http::AppController().registerRoutes(m_http->router());
    auto *health = new Http::HealthController(*m_database, m_http);
    health->registerRoutes(m_http->router());

    // Everything that serves requests is a child of the HTTP server, so it goes with it.
    m_sessions = std::make_unique<Auth::SqlSessionStore>(*m_database);
    Auth::AuthService::Settings authSettings;
    authSettings.jwtLifetime = m_config.jwtLifetime;
    authSettings.sessionTtl = m_config.sessionTtl;
    auto *auth =
        new Auth::AuthService(*m_database, *m_sessions, Auth::JwtCodec(m_config.secretKey.toUtf8()),
                              authSettings, m_http);
    auto *users = new Http::UsersController(*auth, *m_database, m_http);
    users->registerRoutes(m_http->router());
    auto *permissions = new Http::PermissionController(*auth, *m_database, m_http);
    permissions->registerRoutes(m_http->router());
    auto *friends = new Http::FriendsController(*auth, *m_database, *m_notifications, m_http);
    friends->registerRoutes(m_http->router());
    auto *groups = new Http::GroupsController(*auth, *m_database, m_http);
    groups->registerRoutes(m_http->router());

    // Socket.IO on the same port, at the client's path; sockets authenticate with their session.
    SocketIo::EngineOptions engineOptions;
    engineOptions.path = m_config.socketPath;
    m_engine = new SocketIo::EngineIoServer(*m_http, engineOptions, m_http);
    auto *io = new SocketIo::SocketIoServer(*m_engine, {}, m_http);
    new Realtime::SocketGateway(*io, *auth, m_http);

    auto port = m_http->start();
    if (!port) {
        Q_EMIT failed(port.error().message);
        return;
    }
    Q_EMIT started(port.value());
}

void Application::shutdown()
{
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    qCInfo(lcApp) << "shutting down: no new connections, finishing in-flight requests";
    if (!m_http) {
        finishShutdown();
        return;
    }
    connect(m_http, &Http::HttpServer::drained, this, &Application::finishShutdown,
            Qt::SingleShotConnection);
    // Held long-polls are answered (with a close packet) so they do not hold up the drain.
    if (m_engine)
        m_engine->closeAll();
    QTimer::singleShot(drainTimeout, this, [this] {
        if (m_http && m_http->inFlightRequests() > 0) {
            qCWarning(lcApp) << m_http->inFlightRequests()
                             << "requests still running at the drain deadline";
            finishShutdown();
        }
    });
    m_http->stopAccepting();
}

void Application::finishShutdown()
{
    if (!m_database || m_closing)
        return;
    m_closing = true;
    if (m_http)
        m_http->closeConnections();
    // One turn of the event loop lets the sockets hand the last answers to the kernel before the
    // server and its sockets are destroyed.
    QTimer::singleShot(socketFlushGrace, this, [this] {
        delete m_http;
        m_http = nullptr;
        m_sessions.reset();
        m_database->stop();
        m_database.reset();
        qCInfo(lcApp) << "stopped";
        Q_EMIT stopped();
    });
}

} // namespace Im::App
