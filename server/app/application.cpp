#include "app/application.h"

#include "adminapi/adminfeed.h"
#include "adminapi/cursorscontroller.h"
#include "adminapi/metricsrecorder.h"
#include "adminapi/overviewcontroller.h"
#include "adminapi/queuescontroller.h"
#include "adminapi/serveridentity.h"
#include "adminapi/sessionscontroller.h"
#include "adminapi/stuckboardcontroller.h"
#include "adminapi/userlookupcontroller.h"
#include "app/logging.h"
#include "app/originalupgrade.h"
#include "auth/authservice.h"
#include "auth/cachingsessionstore.h"
#include "auth/sqlsessionstore.h"
#include "cache/cacheeviction.h"
#include "cache/inprocessapicache.h"
#include "http/apidocscontroller.h"
#include "http/appcontroller.h"
#include "http/electroncontroller.h"
#include "http/electronfeed.h"
#include "http/eventscontroller.h"
#include "http/eventsuploadcontroller.h"
#include "http/friendscontroller.h"
#include "http/groupscontroller.h"
#include "http/healthcontroller.h"
#include "http/httpserver.h"
#include "http/permissioncontroller.h"
#include "http/uploadedfilescontroller.h"
#include "http/userscontroller.h"
#include "im/accessservice.h"
#include "im/accountsservice.h"
#include "im/deliveryhub.h"
#include "im/friendsservice.h"
#include "im/futures.h"
#include "im/groupsservice.h"
#include "im/messagehistory.h"
#include "im/messagewriter.h"
#include "im/notificationinbox.h"
#include "media/mediauploads.h"
#include "messaging/notificationpusher.h"
#include "messaging/protobuflog.h"
#include "messaging/wirecodec.h"
#include "monitoring/metricscontroller.h"
#include "monitoring/servermetrics.h"
#include "realtime/chatevents.h"
#include "realtime/socketgateway.h"
#include "socketio/engineioserver.h"
#include "socketio/memoryreturn.h"
#include "socketio/socketioserver.h"
#include "store/dbexecutor.h"
#include "store/schemapreparation.h"
#include "store/sqlaccessstore.h"
#include "store/sqlaccountstore.h"
#include "store/sqlfriendstore.h"
#include "store/sqlgroupstore.h"
#include "store/sqlmessagestore.h"
#include "store/sqlnotificationstore.h"

#include <QDir>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace Im::App {

namespace {

// How long in-flight requests may take to finish once shutdown began.
constexpr auto drainTimeout = 10s;
// How long closing sockets get to flush before they are destroyed.
constexpr auto socketFlushGrace = 200ms;

//! Where clients reach this server: PUBLIC_URL, else the bound address and port (any address
//! stands for the loopback one the desktop client uses).
QString publicUrlOf(const Config::ServerConfig &config, quint16 boundPort)
{
    if (!config.publicUrl.isEmpty())
        return config.publicUrl;
    QHostAddress address = config.bindAddress;
    if (address == QHostAddress::Any || address == QHostAddress::AnyIPv4)
        address = QHostAddress::LocalHost;
    else if (address == QHostAddress::AnyIPv6)
        address = QHostAddress::LocalHostIPv6;
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
        ? u'[' + address.toString() + u']'
        : address.toString();
    return u"http://%1:%2"_s.arg(host).arg(boundPort);
}

} // namespace

Application::Application(Config::ServerConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_database(std::make_unique<Store::DbExecutor>(Store::DatabaseSettings::fromConfig(m_config)))
    , m_cache(std::make_unique<Cache::InProcessApiCache>(
          Cache::InProcessApiCache::Limits { m_config.apiCacheTtl, m_config.apiCacheMaxBytes }))
{
    // Bad payloads make libprotobuf log; its lines belong in our log, at a bounded rate.
    Messaging::installProtobufLogHandler(m_config.protobufLogLinesPerMinute);
}

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
    // Every connection is a descriptor: take what the hard limit allows (HTTP_MAX_CONNECTIONS
    // caps them below it).
    qCInfo(lcApp) << "open file limit" << Http::FrontDoor::raiseDescriptorLimit();
    qCInfo(lcApp).noquote() << "opening" << m_database->settings().describe();
    auto prepared = m_database->run<Store::UpgradeReport>(
        [options = upgradeOptionsFor(m_config)](Store::DbSession &session) {
            return Store::upgradeSchema(session, options);
        },
        Store::Retry::OnConnectionLoss);
    whenFinished(prepared, this, [this](Result<Store::UpgradeReport> report) {
        if (!report) {
            Q_EMIT failed(u"Database preparation failed: %1"_s.arg(report.error().message));
            return;
        }
        logUpgradeReport(*report);
        qCInfo(lcApp) << "schema at version" << report->migration.versionAfter << "(applied"
                      << report->migration.applied.size() << "migrations)";
        listen();
    });
}

void Application::listen()
{
    Http::HttpServer::Options options;
    options.address = m_config.bindAddress;
    options.port = m_config.port;
    options.maxRequestBytes = m_config.maxRequestBytes;
    // Uploads may be larger than other requests: each upload path has its own limit.
    const Http::EventsUploadController::Limits uploadLimits { m_config.uploadMaxImageBytes,
                                                              m_config.uploadMaxVideoBytes };
    options.pathSizeLimits += Http::EventsUploadController::requestSizeLimits(uploadLimits);
    Http::ReleaseUploadLimits releaseLimits;
    releaseLimits.maxUploadBytes = m_config.uploadMaxReleaseBytes;
    options.pathSizeLimits += Http::ElectronController::requestSizeLimits(releaseLimits);
    options.allowedOrigins = m_config.clientOrigins;
    options.connection.maxHeadBytes = m_config.httpMaxHeaderBytes;
    options.connection.headerTimeout = m_config.httpHeaderTimeout;
    options.connection.bodyTimeout = m_config.httpBodyTimeout;
    options.connection.idleTimeout = m_config.httpIdleTimeout;
    options.connection.maxPipelined = m_config.httpMaxPipelined;
    options.connection.writeHighWater = m_config.httpMaxUnsentBytes;
    options.connection.spoolAboveBytes = m_config.httpSpoolAboveBytes;
    options.connection.lingerTime = m_config.httpLinger;
    options.connections.listenBacklog = m_config.httpListenBacklog;
    options.connections.lingering = { m_config.httpLingerMax, m_config.httpLinger };
    options.connections.maxConnections = m_config.httpMaxConnections;
    options.connections.maxConnectionsPerAddress = m_config.httpMaxConnectionsPerAddress;
    // Validated with the configuration, so this parses.
    options.trustedProxies =
        Http::TrustedProxies::parse(m_config.trustedProxies).value_or(Http::TrustedProxies());
    m_http = new Http::HttpServer(options, this);

    Http::AppController().registerRoutes(m_http->router());
    auto *health = new Http::HealthController(*m_database, m_http);
    health->registerRoutes(m_http->router());
    auto *docs = new Http::ApiDocsController(m_config.effectiveSwaggerUiDir(), m_http);
    docs->registerRoutes(m_http->router());

    // Everything that serves requests is a child of the HTTP server, so it goes with it.
    // Sessions in use answer from memory; the table is written at most once a minute per session.
    m_sessions = std::make_unique<Auth::CachingSessionStore>(
        std::make_unique<Auth::SqlSessionStore>(*m_database),
        Auth::CachingSessionStore::Settings { .maxEntries = m_config.sessionCacheMax });
    Auth::AuthService::Settings authSettings;
    authSettings.jwtLifetime = m_config.jwtLifetime;
    authSettings.sessionTtl = m_config.sessionTtl;
    authSettings.userCacheTtl = m_config.apiCacheTtl;
    authSettings.verifiedJwtCacheMax = m_config.sessionCacheMax;
    authSettings.throttle = { m_config.loginMaxPerPair,        m_config.loginMaxPerAddress,
                              m_config.loginAccountDelayAfter, m_config.loginAccountDelay,
                              m_config.loginAccountMaxDelay,   m_config.loginWindow };
    authSettings.signup = { m_config.signupMaxPerAddress, m_config.signupWindow };
    authSettings.hashing.threads = m_config.passwordHashThreads;
    authSettings.hashing.queue = m_config.passwordHashQueue;
    authSettings.hashing.cost.memoryBytes = quint64(m_config.passwordHashMemoryKiB) * 1024;
    auto *auth =
        new Auth::AuthService(*m_database, *m_sessions, Auth::JwtCodec(m_config.secretKey.toUtf8()),
                              authSettings, m_http);
    const Store::UserChanged userChanged = [cache = m_cache.get()](int userId,
                                                                   const QList<int> &groupIds,
                                                                   const QList<int> &friendIds) {
        Cache::evictUser(*cache, userId, groupIds, friendIds);
    };
    m_accountStore = std::make_unique<Store::SqlAccountStore>(*m_database, userChanged);
    auto *accounts = new Core::AccountsService(*m_accountStore, *auth, m_http);
    auto *users = new Http::UsersController(*auth, *accounts, *m_database, *m_cache, m_http);
    users->registerRoutes(m_http->router());
    m_accessStore = std::make_unique<Store::SqlAccessStore>(*m_database, userChanged);
    auto *access =
        new Core::AccessService(*m_accessStore, *auth, m_config.roleMaxPermissions, m_http);
    auto *permissions = new Http::PermissionController(*auth, *access, m_http);
    permissions->registerRoutes(m_http->router());
    // Messaging: the batched writer, per-device delivery and notification pushes.
    Core::DeliveryChannel::Settings delivery;
    delivery.window = m_config.deliveryWindow;
    delivery.maxPending = m_config.deliveryMaxPending;
    delivery.ackTimeout = m_config.socketAckTimeout;
    // The domain's stores on the database.
    m_messageStore = std::make_unique<Store::SqlMessageStore>(
        *m_database, Core::SendRules { m_config.chatRequireFriendship },
        m_config.conversationCacheMax);
    m_notificationStore = std::make_unique<Store::SqlNotificationStore>(*m_database);
    m_inbox = std::make_unique<Core::NotificationInbox>(*m_notificationStore);
    m_hub = new Core::DeliveryHub(
        *m_messageStore, *m_messageStore, Core::Clock::system(),
        { &Messaging::WireCodec::encodeOutbound, &Messaging::WireCodec::encodeReadReceipt },
        delivery, m_http);
    connect(m_hub, &Core::DeliveryHub::released, this, &SocketIo::noteMemoryReleased);
    auto *writer = new Core::MessageWriter(
        *m_messageStore,
        Core::WriterLimits { m_config.chatWriterBatch, m_config.chatWriterMaxWaiting }, m_http);
    auto *notifications =
        new Messaging::NotificationPusher(*m_hub, *m_inbox, m_config.socketAckTimeout, m_http);
    m_friendStore = std::make_unique<Store::SqlFriendStore>(
        *m_database, [cache = m_cache.get()](const QList<int> &userIds) {
            Cache::evictFriendLists(*cache, userIds);
        });
    auto *friendships = new Core::FriendsService(*m_friendStore, *notifications, m_http);
    auto *friends = new Http::FriendsController(*auth, *friendships, *m_database, *m_cache, m_http);
    auto *history =
        new Core::MessageHistory(*m_messageStore, *m_messageStore, m_hub->cursors(), m_http);
    auto *events = new Http::EventsController(*auth, *m_inbox, *history, m_http);
    events->registerRoutes(m_http->router());
    friends->registerRoutes(m_http->router());
    m_groupStore = std::make_unique<Store::SqlGroupStore>(
        *m_database, Core::GroupRules { m_config.groupRequireFriendship },
        [cache = m_cache.get()](int groupId) { Cache::evictGroups(*cache, { groupId }); });
    m_groupsService = std::make_unique<Core::GroupsService>(*m_groupStore);
    auto *groups =
        new Http::GroupsController(*auth, *m_groupsService, *m_database, *m_cache, m_http);
    groups->registerRoutes(m_http->router());
    // Chat media: uploads and the files under /uploads/ (<upload dir>/chat).
    const QString uploadDir = m_config.effectiveUploadDir();
    Media::MediaUploads::Settings media;
    media.rootDir = QDir(uploadDir).filePath(u"chat"_s);
    media.video.ffmpegPath = m_config.ffmpegPath;
    media.decodeThreads = m_config.mediaDecodeThreads;
    media.maxQueuedDecodes = m_config.mediaDecodeQueue;
    media.maxImagePixels = m_config.imageMaxPixels;
    auto *mediaUploads = new Media::MediaUploads(media, m_http);
    auto *uploads = new Http::EventsUploadController(*auth, *mediaUploads, uploadLimits, m_http);
    uploads->registerRoutes(m_http->router());
    auto *uploadedFiles =
        new Http::UploadedFilesController(mediaUploads->store(), mediaUploads->workers(), m_http);
    uploadedFiles->registerRoutes(m_http->router());
    // Desktop-app releases: publishing (admins) and the public update feed.
    auto *electron =
        new Http::ElectronController(*auth, *m_database, uploadDir, releaseLimits, m_http);
    electron->registerRoutes(m_http->router());
    auto *feed = new Http::ElectronFeed(*m_database, uploadDir, m_http);
    feed->registerRoutes(m_http->router());

    // Socket.IO on the same port, at the client's path; sockets authenticate with their session.
    SocketIo::EngineOptions engineOptions;
    engineOptions.path = m_config.socketPath;
    engineOptions.maxUnjoinedSessions = m_config.engineMaxUnjoined;
    engineOptions.maxUnjoinedPerAddress = m_config.engineMaxUnjoinedPerAddress;
    engineOptions.bufferCapBytes = m_config.socketBufferCapBytes;
    engineOptions.maxBufferedBytes = 8 * m_config.socketBufferCapBytes;
    engineOptions.slowConsumerTimeout = m_config.socketSlowClose;
    // The session headers bind an upgrade to its session (the address when it carries none).
    engineOptions.upgradeBindingHeaders = { "userid", "authorization" };
    // What the chat and admin namespaces read when a socket joins, and nothing else.
    engineOptions.keptHeaders = { "deviceid" };
    m_engine = new SocketIo::EngineIoServer(*m_http, engineOptions, m_http);
    auto *io = new SocketIo::SocketIoServer(*m_engine, { m_config.engineConnectTimeout }, m_http);
    Realtime::ChatEvents::Limits limits;
    limits.send.maxContent = m_config.messageMaxContent;
    limits.rates.socketRate = m_config.eventRatePerSocket;
    limits.rates.socketBurst = m_config.eventBurstPerSocket;
    limits.rates.userRate = m_config.eventRatePerUser;
    limits.rates.userBurst = m_config.eventBurstPerUser;
    limits.rates.abuseLimit = m_config.eventAbuseDisconnect;
    limits.rates.dailyMessages = m_config.messageDailyQuota;
    auto *chat = new Realtime::ChatEvents(*writer, *m_messageStore, *m_hub, limits, m_http);
    new Realtime::SocketGateway(*io, *auth, *m_hub, *chat,
                                { m_config.socketMaxPerUser, m_config.socketMaxPerAddress },
                                m_http);
    // The admin console: figures over REST and the /admin live feed.
    auto *recorder =
        new AdminApi::MetricsRecorder(*m_hub, *writer, m_config.adminSampleInterval, m_http);
    const AdminApi::QueueSources adminSources { *m_hub, *writer, *notifications, *recorder };
    auto *overview =
        new AdminApi::OverviewController(*auth, *m_database, adminSources, *m_engine, m_http);
    overview->registerRoutes(m_http->router());
    new AdminApi::AdminFeed(*io, *auth, adminSources, *m_engine, m_http);
    auto *queues = new AdminApi::QueuesController(*auth, adminSources, m_http);
    queues->registerRoutes(m_http->router());
    auto *sessions =
        new AdminApi::SessionsController(*auth, *m_database, *m_hub, *m_engine, m_http);
    sessions->registerRoutes(m_http->router());
    auto *cursors = new AdminApi::CursorsController(*auth, *m_database, *m_hub, m_http);
    cursors->registerRoutes(m_http->router());
    auto *board = new AdminApi::StuckBoardController(*auth, *m_database, *m_hub, m_http);
    board->registerRoutes(m_http->router());
    auto *lookup = new AdminApi::UserLookupController(*auth, *m_database, m_http);
    lookup->registerRoutes(m_http->router());
    // Prometheus: GET /metrics exists only with a token.
    if (!m_config.metricsToken.isEmpty()) {
        auto *metrics = new Monitoring::MetricsController(m_config.metricsToken, m_http);
        Monitoring::registerServerMetrics(
            metrics->registry(), { *m_http, *m_engine, *m_hub, *writer, *m_database, *auth });
        metrics->registerRoutes(m_http->router());
    }

    auto port = m_http->start();
    if (!port) {
        Q_EMIT failed(port.error().message);
        return;
    }
    uploads->setPublicUrl(publicUrlOf(m_config, port.value()));
    AdminApi::ServerIdentity::process().setPort(port.value());
    Q_EMIT started(port.value());
}

const Http::Router *Application::router() const
{
    return m_http ? &m_http->router() : nullptr;
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
    if (m_hub)
        m_hub->flushCursors();
    QTimer::singleShot(socketFlushGrace, this, [this] {
        delete m_http;
        m_http = nullptr;
        m_sessions.reset();
        m_messageStore.reset();
        m_inbox.reset();
        m_notificationStore.reset();
        m_friendStore.reset();
        m_groupsService.reset();
        m_groupStore.reset();
        m_accountStore.reset();
        m_accessStore.reset();
        m_database->stop();
        m_database.reset();
        qCInfo(lcApp) << "stopped";
        Q_EMIT stopped();
    });
}

} // namespace Im::App
