#pragma once

#include "config/adminkeeplist.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>

#include <chrono>

namespace Im::Config {

enum class DatabaseDriver { Sqlite, MariaDb };
enum class Environment { Development, Production };

//! Everything the server can be configured with, as one typed value. Built by ConfigLoader
//! (command line > environment > config file > defaults) and passed by const reference to the
//! constructors that need it; nothing reads the environment anywhere else.
struct ServerConfig
{
    Environment environment = Environment::Development;

    // Where the server keeps its own files (SQLite database, generated secret, uploads, logs).
    QString dataDir = QStringLiteral("data");

    // HTTP + Socket.IO listener.
    QHostAddress bindAddress = QHostAddress::LocalHost;
    quint16 port = 3000;
    //! Largest request (headers and body) the HTTP front door buffers before answering 413.
    qint64 maxRequestBytes = 1024 * 1024;
    //! CORS allow-list; empty means "reflect any Origin" (the desktop client's file:// pages send
    //! `null`).
    QStringList clientOrigins;
    //! The URL clients reach the server at, without a trailing '/'; upload answers are built on it
    //! (never on the request's Host header). Empty: `http://<bindAddress>:<bound port>`.
    QString publicUrl;
    // What one connection may cost (see docs/SECURITY.md).
    qint64 httpMaxHeaderBytes = 16 * 1024; //!< request line + headers; more is 431
    std::chrono::seconds httpHeaderTimeout { 15 }; //!< first byte to end of head; then 408
    std::chrono::seconds httpBodyTimeout { 30 }; //!< longest pause inside a body; then 408
    std::chrono::seconds httpIdleTimeout { 60 }; //!< idle keep-alive, or answers not read
    int httpMaxPipelined = 16; //!< requests read ahead of their answers per connection
    qint64 httpMaxUnsentBytes = 256 * 1024; //!< answer bytes queued before reading pauses
    qint64 httpSpoolAboveBytes = 1024 * 1024; //!< larger bodies go to a temporary file
    std::chrono::milliseconds httpLinger { 2000 }; //!< input drained after a server-side close
    int httpLingerMax = 1024; //!< connections lingering at once
    int httpListenBacklog = 1024; //!< connections queued by the kernel before accept
    int httpMaxConnections = 10000; //!< open connections in total
    int httpMaxConnectionsPerAddress = 256; //!< open connections per client address
    //! Proxies whose X-Forwarded-For names the client (addresses or subnets).
    QStringList trustedProxies;
    QString socketPath = QStringLiteral("/socket/v1/IM/");

    // Secrets. `secretKey` signs session JWTs (HS256); `userAuthKey` prefixes session keys.
    QString secretKey;
    QString userAuthKey = QStringLiteral("user_auth");

    // Storage.
    DatabaseDriver dbDriver = DatabaseDriver::Sqlite;
    QString sqlitePath; //!< Empty: `<dataDir>/im-server.sqlite`.
    QString dbHost = QStringLiteral("127.0.0.1");
    quint16 dbPort = 3306;
    QString dbUser;
    QString dbPassword;
    QString dbName = QStringLiteral("im_server");
    int dbThreads = 4;
    int dbMaxQueuedJobs = 10000; //!< database jobs waiting for a worker; more fail with 503
    std::chrono::seconds dbConnectTimeout { 10 };
    //! Time zone of the DATETIME columns and of every date in JSON, always as "±HH:MM" such as
    //! "+08:00" (TIMEZONE=Z is stored as "+00:00").
    QString timeZone = QStringLiteral("+08:00");
    //! Admin accounts of a database made by the original that keep their role at the upgrade.
    AdminKeepList keepAdmins;

    // Redis (session store and cache for scale-out).
    QString redisHost = QStringLiteral("127.0.0.1");
    quint16 redisPort = 6379;
    int redisDb = 0;
    QString redisUsername;
    QString redisPassword;

    // Uploads.
    QString uploadDir; //!< Empty: `<dataDir>/uploads` (the original's MULTER_DEST).
    qint64 uploadMaxImageBytes = 10 * 1024 * 1024; //!< largest chat image
    qint64 uploadMaxVideoBytes = 100 * 1024 * 1024; //!< largest chat video
    qint64 uploadMaxReleaseBytes = 512 * 1024 * 1024; //!< largest desktop-app release upload
    int mediaDecodeThreads = 2; //!< image uploads decoded at once (a pool apart from downloads)
    int mediaDecodeQueue = 16; //!< image uploads waiting for a decoder before 503
    qint64 imageMaxPixels = 25 * 1000 * 1000; //!< largest canvas decoded (width x height)
    //! ffmpeg, which makes video posters: a path or a name looked up on PATH.
    QString ffmpegPath = QStringLiteral("ffmpeg");

    //! Swagger UI's files (npm's swagger-ui-dist) for /api/docs. Empty: `swagger-ui` in
    //! installedDataDir() (runtimefiles.h), where the package and the build tree put it.
    QString swaggerUiDir;

    // Lifetimes and limits that the original hard-coded.
    std::chrono::seconds jwtLifetime { 43200 };
    std::chrono::seconds sessionTtl { 43200 };
    std::chrono::seconds apiCacheTtl { 60 };
    qint64 apiCacheMaxBytes = 64 * 1024 * 1024; //!< 0 turns the API cache off
    int sessionCacheMax = 50000; //!< sessions kept in memory; 0 turns the session cache off
    std::chrono::milliseconds socketAckTimeout { 6000 };
    int messageQueueConcurrency = 100;
    int readQueueConcurrency = 100;
    int notifyQueueConcurrency = 50;

    // Messaging.
    bool chatRequireFriendship = true; //!< single chat only between friends
    int chatWriterMaxWaiting = 20000; //!< messages waiting for the writer; more get 503
    int chatWriterBatch = 256; //!< messages per write transaction at most
    int conversationCacheMax = 100000; //!< conversation ids the writer keeps in memory
    bool groupRequireFriendship = true; //!< only friends are added to a group
    int roleMaxPermissions = 1000; //!< permissions one role may hold
    int messageMaxContent = 10000; //!< characters of a message's content
    int deliveryWindow = 32; //!< pushes awaiting their ack per socket
    int deliveryMaxPending = 2000; //!< messages queued per socket before the rest waits in the DB
    int eventRatePerSocket = 50; //!< client events a second per socket; 0: no limit
    int eventBurstPerSocket = 200; //!< events a socket may send at once
    int eventRatePerUser = 100; //!< client events a second of all a user's sockets; 0: no limit
    int eventBurstPerUser = 400; //!< events a user may send at once
    int eventAbuseDisconnect = 1000; //!< refused events in 10 s that disconnect a socket; 0: never
    int messageDailyQuota = 50000; //!< messages stored per user per UTC day; 0: no quota

    // Engine.IO sessions and sockets (docs/SECURITY.md).
    //! An Engine.IO session that has not connected to a namespace by then is closed.
    std::chrono::milliseconds engineConnectTimeout { 10000 };
    int engineMaxUnjoined = 2000; //!< sessions not connected to a namespace yet, in total
    int engineMaxUnjoinedPerAddress = 50; //!< the same, per remote address
    qint64 socketBufferCapBytes = 1024 * 1024; //!< outgoing bytes before pushes wait
    std::chrono::milliseconds socketSlowClose { 20000 }; //!< over the cap this long: closed
    int socketMaxPerUser = 10; //!< sockets (devices) of one user; 0: no cap
    int socketMaxPerAddress = 200; //!< sockets from one remote address; 0: no cap

    // Admin console.
    std::chrono::seconds adminSampleInterval { 5 }; //!< between two rate samples

    // Prometheus metrics (docs/METRICS.md).
    QString metricsToken; //!< bearer token of GET /metrics; empty: no /metrics at all

    // Authentication (docs/SECURITY.md).
    int loginMaxPerPair = 5; //!< failed or running logins of one account from one address
    int loginMaxPerAddress = 20; //!< failed or running logins from one address
    int loginAccountDelayAfter = 5; //!< failed or running logins of an account before delays
    std::chrono::milliseconds loginAccountDelay { 1000 }; //!< first delay, doubling
    std::chrono::milliseconds loginAccountMaxDelay { 30000 };
    std::chrono::seconds loginWindow { 300 };
    int signupMaxPerAddress = 20; //!< registrations from one address per signupWindow
    std::chrono::seconds signupWindow { 3600 };
    int passwordHashThreads = 2;
    int passwordHashQueue = 32; //!< hashing jobs waiting beyond the running ones, then 503
    qint64 passwordHashMemoryKiB = 65536; //!< argon2id memory cost of new hashes

    // Logging.
    QString logDir; //!< Empty: `<dataDir>/logs`.
    QString logLevel = QStringLiteral("info"); //!< Default level: debug, info, warning, critical.
    QString logRules; //!< Per-category levels: "im.store=debug;im.http=warning".
    bool logToConsole = true;
    bool logToFile = true;
    qint64 logMaxFileBytes = 10 * 1024 * 1024;
    int logBackups = 3;
    int protobufLogLinesPerMinute = 20; //!< libprotobuf's own log lines kept per minute

    [[nodiscard]] QString effectiveSqlitePath() const;
    [[nodiscard]] QString effectiveUploadDir() const;
    [[nodiscard]] QString effectiveLogDir() const;
    [[nodiscard]] QString effectiveSwaggerUiDir() const;
    [[nodiscard]] QString secretKeyFile() const;

    //! Field-wise; lets tests check that a rejected value left the default in place.
    friend bool operator==(const ServerConfig &, const ServerConfig &) = default;
};

} // namespace Im::Config
