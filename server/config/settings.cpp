#include "config/settings.h"

#include "config/adminkeeplist.h"

#include <QHostAddress>
#include <QStringList>
#include <QUrl>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace Im::Config {

namespace {

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

// Strict on purpose: toLongLong() alone would accept surrounding whitespace, and a silently
// misread limit is worse than a refused start.
std::optional<qint64> parseDecimal(QStringView text)
{
    const qsizetype first = text.startsWith(u'-') ? 1 : 0;
    if (text.size() <= first)
        return std::nullopt;
    if (!std::all_of(text.begin() + first, text.end(), isAsciiDigit))
        return std::nullopt;
    bool ok = false;
    const qint64 value = text.toLongLong(&ok, 10);
    if (!ok)
        return std::nullopt; // overflow
    return value;
}

template<auto Member, qint64 Min, qint64 Max>
QString applyInteger(ServerConfig &config, QStringView value)
{
    const std::optional<qint64> number = parseDecimal(value);
    if (!number || *number < Min || *number > Max)
        return u"expected a decimal integer from %1 to %2"_s.arg(Min).arg(Max);
    // Works for plain integers and std::chrono durations alike.
    using Field = std::remove_cvref_t<decltype(config.*Member)>;
    config.*Member = Field(*number);
    return {};
}

template<auto Member>
QString applyPort(ServerConfig &config, QStringView value)
{
    return applyInteger<Member, 1, 65535>(config, value);
}

template<auto Member>
QString applyString(ServerConfig &config, QStringView value)
{
    config.*Member = value.toString();
    return {};
}

template<auto Member>
QString applyNonEmpty(ServerConfig &config, QStringView value)
{
    if (value.trimmed().isEmpty())
        return u"must not be empty"_s;
    config.*Member = value.trimmed().toString();
    return {};
}

template<auto Member>
QString applyBool(ServerConfig &config, QStringView value)
{
    static constexpr QLatin1StringView yes[] = { "true"_L1, "1"_L1, "yes"_L1, "on"_L1 };
    static constexpr QLatin1StringView no[] = { "false"_L1, "0"_L1, "no"_L1, "off"_L1 };
    const auto matches = [value](QLatin1StringView word) {
        return value.compare(word, Qt::CaseInsensitive) == 0;
    };
    if (std::any_of(std::begin(yes), std::end(yes), matches))
        config.*Member = true;
    else if (std::any_of(std::begin(no), std::end(no), matches))
        config.*Member = false;
    else
        return u"expected true/false, 1/0, yes/no or on/off"_s;
    return {};
}

bool isLogLevel(QStringView level)
{
    return level == "debug"_L1 || level == "info"_L1 || level == "warning"_L1
        || level == "critical"_L1;
}

QString applyBindAddress(ServerConfig &config, QStringView value)
{
    const QString text = value.trimmed().toString();
    if (text.compare("localhost"_L1, Qt::CaseInsensitive) == 0) {
        config.bindAddress = QHostAddress(QHostAddress::LocalHost);
        return {};
    }
    if (text.compare("any"_L1, Qt::CaseInsensitive) == 0) {
        config.bindAddress = QHostAddress(QHostAddress::Any);
        return {};
    }
    QHostAddress address;
    if (!address.setAddress(text))
        return u"expected an IPv4/IPv6 address, `localhost` or `any`"_s;
    config.bindAddress = address;
    return {};
}

QString applyDbDriver(ServerConfig &config, QStringView value)
{
    if (value.compare("sqlite"_L1, Qt::CaseInsensitive) == 0)
        config.dbDriver = DatabaseDriver::Sqlite;
    else if (value.compare("mariadb"_L1, Qt::CaseInsensitive) == 0)
        config.dbDriver = DatabaseDriver::MariaDb;
    else
        return u"expected `sqlite` or `mariadb`"_s;
    return {};
}

// Stored as "±HH:MM" so consumers only ever see one form ("Z" becomes "+00:00").
QString applyTimeZone(ServerConfig &config, QStringView value)
{
    if (value == "Z"_L1 || value == "z"_L1) {
        config.timeZone = u"+00:00"_s;
        return {};
    }
    const bool shaped = value.size() == 6 && (value[0] == u'+' || value[0] == u'-')
        && isAsciiDigit(value[1]) && isAsciiDigit(value[2]) && value[3] == u':'
        && isAsciiDigit(value[4]) && isAsciiDigit(value[5]);
    if (!shaped || value.mid(1, 2).toInt() > 14 || value.mid(4, 2).toInt() > 59)
        return u"expected a UTC offset such as +08:00, -05:30 or Z"_s;
    config.timeZone = value.toString();
    return {};
}

QString applyClientOrigins(ServerConfig &config, QStringView value)
{
    // "___" is the original server's separator; keep it so existing .env files still work.
    QStringList origins;
    for (QStringView part : value.split(u"___"_s, Qt::SkipEmptyParts)) {
        if (!part.trimmed().isEmpty())
            origins.append(part.trimmed().toString());
    }
    config.clientOrigins = origins;
    return {};
}

// The token travels in an Authorization header: printable ASCII without spaces, and long enough
// not to be guessed.
QString applyMetricsToken(ServerConfig &config, QStringView value)
{
    constexpr qsizetype minimum = 16;
    constexpr qsizetype maximum = 256;
    const auto printable = [](QChar c) { return c.unicode() > 0x20 && c.unicode() < 0x7f; };
    if (!value.isEmpty()
        && (value.size() < minimum || value.size() > maximum
            || !std::all_of(value.begin(), value.end(), printable)))
        return u"expected %1 to %2 printable ASCII characters without spaces, or empty"_s
            .arg(minimum)
            .arg(maximum);
    config.metricsToken = value.toString();
    return {};
}

QString applyTrustedProxies(ServerConfig &config, QStringView value)
{
    QStringList proxies;
    for (QStringView part : value.split(u',', Qt::SkipEmptyParts)) {
        const QString entry = part.trimmed().toString();
        if (entry.isEmpty())
            continue;
        const bool valid = entry.contains(u'/') ? QHostAddress::parseSubnet(entry).second >= 0
                                                : !QHostAddress(entry).isNull();
        if (!valid)
            return u"expected IP addresses or subnets (10.0.0.0/8) separated by commas, not %1"_s
                .arg(entry);
        proxies.append(entry);
    }
    config.trustedProxies = proxies;
    return {};
}

// The URL clients reach the server at, as upload answers carry it: http(s), a host, an optional
// port and path; no user info, query or fragment. Stored without a trailing '/'.
QString applyPublicUrl(ServerConfig &config, QStringView value)
{
    const QString text = value.trimmed().toString();
    if (text.isEmpty()) {
        config.publicUrl.clear();
        return {};
    }
    const QUrl url(text, QUrl::StrictMode);
    const bool shaped = url.isValid() && (url.scheme() == "http"_L1 || url.scheme() == "https"_L1)
        && !url.host().isEmpty() && url.userInfo().isEmpty() && !url.hasQuery()
        && !url.hasFragment();
    if (!shaped)
        return u"expected http(s)://host[:port][/path] without user, query or fragment"_s;
    QString normalized = url.toString(QUrl::FullyEncoded);
    while (normalized.endsWith(u'/'))
        normalized.chop(1);
    config.publicUrl = normalized;
    return {};
}

QString applyAdminKeepList(ServerConfig &config, QStringView value)
{
    Result<AdminKeepList> list = AdminKeepList::parse(value);
    if (!list)
        return list.error().message;
    config.keepAdmins = list.value();
    return {};
}

QString applyEnvironment(ServerConfig &config, QStringView value)
{
    if (value == "dev"_L1 || value == "development"_L1)
        config.environment = Environment::Development;
    else if (value == "prod"_L1 || value == "production"_L1)
        config.environment = Environment::Production;
    else
        return u"expected dev, development, prod or production"_s;
    return {};
}

QString applySocketPath(ServerConfig &config, QStringView value)
{
    const bool hasForbidden = std::any_of(
        value.begin(), value.end(), [](QChar c) { return c.isSpace() || c == u'?' || c == u'#'; });
    if (!value.startsWith(u'/') || !value.endsWith(u'/') || hasForbidden)
        return u"must start and end with '/' and contain no whitespace, '?' or '#'"_s;
    config.socketPath = value.toString();
    return {};
}

QString applyLogLevel(ServerConfig &config, QStringView value)
{
    const QString level = value.toString().toLower();
    if (!isLogLevel(level))
        return u"expected debug, info, warning or critical"_s;
    config.logLevel = level;
    return {};
}

QString applyLogRules(ServerConfig &config, QStringView value)
{
    const auto isCategoryChar = [](QChar c) {
        return (c >= u'a' && c <= u'z') || isAsciiDigit(c) || c == u'_' || c == u'.' || c == u'*';
    };
    QStringList rules;
    int position = 0; // 1-based among non-empty rules; the loader shows the whole value
    for (QStringView entry : value.split(u';', Qt::SkipEmptyParts)) {
        entry = entry.trimmed();
        if (entry.isEmpty())
            continue;
        ++position;
        const qsizetype equals = entry.indexOf(u'=');
        if (equals < 0)
            return u"rule %1 is not category=level"_s.arg(position);
        const QStringView category = entry.left(equals).trimmed();
        const QStringView level = entry.mid(equals + 1).trimmed();
        if (category.isEmpty() || !std::all_of(category.begin(), category.end(), isCategoryChar))
            return u"rule %1: category must match [a-z0-9_.*]+"_s.arg(position);
        if (!isLogLevel(level))
            return u"rule %1: level must be debug, info, warning or critical"_s.arg(position);
        rules.append(category.toString() + u'=' + level.toString());
    }
    config.logRules = rules.join(u';');
    return {};
}

using S = ServerConfig;
constexpr qint64 maxSeconds = 2147483647; // fits every consumer's int/ms arithmetic
constexpr auto notUsedYetRedis = "Redis is not used yet (it comes with clustering)"_L1;

const SettingDescriptor settingsTable[] = {
    { "NODE_ENV"_L1, "dev/development or prod/production; also picks .env.dev or .env.prod"_L1,
      "development"_L1, false, applyEnvironment },
    { "DATA_DIR"_L1, "Directory for the server's own files (database, secret, uploads, logs)"_L1,
      "data"_L1, false, applyNonEmpty<&S::dataDir> },
    { "PORT"_L1, "TCP port of the HTTP and Socket.IO listener; 0 picks a free port"_L1, "3000"_L1,
      false, applyInteger<&S::port, 0, 65535> },
    { "BIND_ADDRESS"_L1, "Address to listen on: an IP address, `localhost` or `any`"_L1,
      "127.0.0.1"_L1, false, applyBindAddress },
    { "HTTP_MAX_REQUEST_BYTES"_L1,
      "Largest HTTP request (headers + body) accepted, 1 KiB..1 GiB"_L1, "1048576"_L1, false,
      applyInteger<&S::maxRequestBytes, 1024, 1024 * 1024 * 1024> },
    { "HTTP_MAX_HEADER_BYTES"_L1,
      "Largest request line and headers together (431 beyond), 1 KiB..64 KiB"_L1, "16384"_L1, false,
      applyInteger<&S::httpMaxHeaderBytes, 1024, 64 * 1024> },
    { "HTTP_HEADER_TIMEOUT_SECONDS"_L1,
      "Seconds from a request's first byte until its headers are complete (408 after), 1..600"_L1,
      "15"_L1, false, applyInteger<&S::httpHeaderTimeout, 1, 600> },
    { "HTTP_BODY_TIMEOUT_SECONDS"_L1,
      "Longest pause in seconds while a request body arrives (408 after), 1..3600"_L1, "30"_L1,
      false, applyInteger<&S::httpBodyTimeout, 1, 3600> },
    { "HTTP_IDLE_TIMEOUT_SECONDS"_L1,
      "Seconds an idle keep-alive connection, or one whose client stops reading, stays open, 1..3600"_L1,
      "60"_L1, false, applyInteger<&S::httpIdleTimeout, 1, 3600> },
    { "HTTP_MAX_PIPELINED"_L1, "Requests read ahead of their answers on one connection, 1..1024"_L1,
      "16"_L1, false, applyInteger<&S::httpMaxPipelined, 1, 1024> },
    { "HTTP_MAX_UNSENT_BYTES"_L1,
      "Answer bytes queued for one connection before it stops reading requests, 16 KiB..64 MiB"_L1,
      "262144"_L1, false, applyInteger<&S::httpMaxUnsentBytes, 16 * 1024, 64 * 1024 * 1024> },
    { "HTTP_SPOOL_ABOVE_BYTES"_L1,
      "Request bodies larger than this go to a temporary file instead of memory, 64 KiB..1 GiB"_L1,
      "1048576"_L1, false, applyInteger<&S::httpSpoolAboveBytes, 64 * 1024, 1024 * 1024 * 1024> },
    { "HTTP_LINGER_MS"_L1,
      "Milliseconds a connection the server closes keeps reading and dropping input after its last answer, so the client reads that answer instead of a reset; 0 closes at once, 0..60000"_L1,
      "2000"_L1, false, applyInteger<&S::httpLinger, 0, 60000> },
    { "HTTP_LINGER_MAX"_L1,
      "Connections lingering so at once; beyond it a close is immediate, 0..1000000"_L1, "1024"_L1,
      false, applyInteger<&S::httpLingerMax, 0, 1000000> },
    { "HTTP_LISTEN_BACKLOG"_L1,
      "Connections the kernel queues until they are accepted (capped by net.core.somaxconn), 1..65535"_L1,
      "1024"_L1, false, applyInteger<&S::httpListenBacklog, 1, 65535> },
    { "HTTP_MAX_CONNECTIONS"_L1, "Open HTTP and WebSocket connections in total, 1..1000000"_L1,
      "10000"_L1, false, applyInteger<&S::httpMaxConnections, 1, 1000000> },
    { "HTTP_MAX_CONNECTIONS_PER_ADDRESS"_L1,
      "Open connections from one client address (trusted proxies exempt), 1..1000000"_L1, "256"_L1,
      false, applyInteger<&S::httpMaxConnectionsPerAddress, 1, 1000000> },
    { "TRUSTED_PROXIES"_L1,
      "Proxies whose X-Forwarded-For names the client: addresses or subnets separated by `,`"_L1,
      "(empty: none)"_L1, false, applyTrustedProxies },
    { "CLIENTORIGIN"_L1, "Allowed CORS origins separated by `___`; empty allows any origin"_L1,
      "(empty: any origin)"_L1, false, applyClientOrigins },
    { "PUBLIC_URL"_L1,
      "URL clients reach the server at, for upload URLs (never taken from the Host header)"_L1,
      "(empty: http://<BIND_ADDRESS>:<PORT>)"_L1, false, applyPublicUrl },
    { "SOCKET_PATH"_L1, "Socket.IO endpoint path; must start and end with '/'"_L1,
      "/socket/v1/IM/"_L1, false, applySocketPath },
    { "SECRET_KEY"_L1,
      "Key signing session tokens, at least 16 characters; required in production"_L1,
      "(generated in development)"_L1, true, applyString<&S::secretKey> },
    { "USER_AUTH_KEY"_L1,
      "The original's Redis session key prefix; not used yet (sessions are in the database)"_L1,
      "user_auth"_L1, false, applyNonEmpty<&S::userAuthKey>,
      "sessions are kept in the database; the Redis session store comes with clustering"_L1 },
    { "DB_DRIVER"_L1,
      "Database backend: `sqlite` or `mariadb`; settings of the other backend are refused"_L1,
      "(sqlite; mariadb if DB_HOST, DB_USER or DB_NAME is set, as in the original's .env)"_L1,
      false, applyDbDriver },
    { "DB_PATH"_L1, "SQLite database file"_L1, "<DATA_DIR>/im-server.sqlite"_L1, false,
      applyString<&S::sqlitePath> },
    { "DB_HOST"_L1, "MariaDB host"_L1, "127.0.0.1"_L1, false, applyNonEmpty<&S::dbHost> },
    { "DB_PORT"_L1, "MariaDB port"_L1, "3306"_L1, false, applyPort<&S::dbPort> },
    { "DB_USER"_L1, "MariaDB user; required with mariadb"_L1, "(empty)"_L1, false,
      applyString<&S::dbUser> },
    { "DB_PASS"_L1, "MariaDB password"_L1, "(empty)"_L1, true, applyString<&S::dbPassword> },
    { "DB_NAME"_L1, "MariaDB database name; required with mariadb"_L1, "im_server"_L1, false,
      applyString<&S::dbName> },
    { "DB_THREADS"_L1, "Database worker threads (connections), 1..64"_L1, "4"_L1, false,
      applyInteger<&S::dbThreads, 1, 64> },
    { "DB_MAX_QUEUED_JOBS"_L1,
      "Database jobs waiting for a worker thread; more fail at once with 503, 1..1000000"_L1,
      "10000"_L1, false, applyInteger<&S::dbMaxQueuedJobs, 1, 1000000> },
    { "DB_CONNECT_TIMEOUT"_L1, "Database connect timeout in seconds"_L1, "10"_L1, false,
      applyInteger<&S::dbConnectTimeout, 1, 3600> },
    { "TIMEZONE"_L1, "UTC offset of stored and sent dates: +08:00, -05:30 or Z"_L1, "+08:00"_L1,
      false, applyTimeZone },
    { "UPGRADE_KEEP_ADMINS"_L1,
      "Accounts of the original's database that stay admins at the upgrade: `all`, or "
      "accounts and user ids, comma-separated"_L1,
      "(empty: every one becomes `user`)"_L1, false, applyAdminKeepList },
    { "REDIS_HOST"_L1, "Redis host; not used yet"_L1, "127.0.0.1"_L1, false,
      applyNonEmpty<&S::redisHost>, notUsedYetRedis },
    { "REDIS_PORT"_L1, "Redis port; not used yet"_L1, "6379"_L1, false, applyPort<&S::redisPort>,
      notUsedYetRedis },
    { "REDIS_DB"_L1, "Redis database index, 0..15; not used yet"_L1, "0"_L1, false,
      applyInteger<&S::redisDb, 0, 15>, notUsedYetRedis },
    { "REDIS_USERNAME"_L1, "Redis ACL user name; not used yet"_L1, "(empty)"_L1, false,
      applyString<&S::redisUsername>, notUsedYetRedis },
    { "REDIS_PWD"_L1, "Redis password; not used yet"_L1, "(empty)"_L1, true,
      applyString<&S::redisPassword>, notUsedYetRedis },
    { "MULTER_DEST"_L1, "Directory for uploaded files"_L1, "<DATA_DIR>/uploads"_L1, false,
      applyString<&S::uploadDir> },
    { "UPLOAD_MAX_IMAGE_BYTES"_L1, "Largest chat image upload in bytes, 1 KiB..1 GiB"_L1,
      "10485760"_L1, false, applyInteger<&S::uploadMaxImageBytes, 1024, 1024 * 1024 * 1024> },
    { "UPLOAD_MAX_VIDEO_BYTES"_L1, "Largest chat video upload in bytes, 1 KiB..1 GiB"_L1,
      "104857600"_L1, false, applyInteger<&S::uploadMaxVideoBytes, 1024, 1024 * 1024 * 1024> },
    { "UPLOAD_MAX_RELEASE_BYTES"_L1,
      "Largest desktop-app release upload (all its files) in bytes, 1 MiB..2 GiB"_L1,
      "536870912"_L1, false,
      applyInteger<&S::uploadMaxReleaseBytes, 1024 * 1024, qint64(2) * 1024 * 1024 * 1024> },
    { "MEDIA_DECODE_THREADS"_L1,
      "Image uploads decoded at once, on threads apart from file downloads, 1..64"_L1, "2"_L1,
      false, applyInteger<&S::mediaDecodeThreads, 1, 64> },
    { "MEDIA_DECODE_QUEUE"_L1,
      "Image uploads waiting for a decoder; more are answered 503, 0..10000"_L1, "16"_L1, false,
      applyInteger<&S::mediaDecodeQueue, 0, 10000> },
    { "IMAGE_MAX_PIXELS"_L1,
      "Largest image canvas (width x height) decoded; larger uploads get 413, 1..268435456"_L1,
      "25000000"_L1, false, applyInteger<&S::imageMaxPixels, 1, 268435456> },
    { "FFMPEG_PATH"_L1, "ffmpeg for video posters: a path or a name on PATH"_L1, "ffmpeg"_L1, false,
      applyNonEmpty<&S::ffmpegPath> },
    { "SWAGGER_UI_DIR"_L1,
      "Swagger UI for /api/docs: npm's swagger-ui-dist (the package and the build tree include it)"_L1,
      "<prefix>/share/im-server/swagger-ui"_L1, false, applyString<&S::swaggerUiDir> },
    { "JWT_TTL"_L1, "Lifetime of a session token in seconds"_L1, "43200"_L1, false,
      applyInteger<&S::jwtLifetime, 1, maxSeconds> },
    { "SESSION_TTL"_L1, "Lifetime of a stored session in seconds"_L1, "43200"_L1, false,
      applyInteger<&S::sessionTtl, 1, maxSeconds> },
    { "API_CACHE_TTL"_L1, "Lifetime of cached API answers in seconds"_L1, "60"_L1, false,
      applyInteger<&S::apiCacheTtl, 1, maxSeconds> },
    { "API_CACHE_MAX_BYTES"_L1, "Memory the API cache may hold in bytes; 0 turns it off"_L1,
      "67108864"_L1, false, applyInteger<&S::apiCacheMaxBytes, 0, qint64(1) << 40> },
    { "SESSION_CACHE_MAX"_L1,
      "Sessions kept in memory (least recently used out), about 1 KiB each; 0 turns the cache "
      "off, 0..10000000"_L1,
      "50000"_L1, false, applyInteger<&S::sessionCacheMax, 0, 10000000> },
    { "SOCKET_ACK_TIMEOUT_MS"_L1, "How long to wait for a Socket.IO ack, in milliseconds"_L1,
      "6000"_L1, false, applyInteger<&S::socketAckTimeout, 1, 2147483647> },
    { "QUEUE_CONCURRENCY_MESSAGE"_L1, "Messages processed in parallel, 1..10000"_L1, "100"_L1,
      false, applyInteger<&S::messageQueueConcurrency, 1, 10000> },
    { "QUEUE_CONCURRENCY_READ"_L1, "Read receipts processed in parallel, 1..10000"_L1, "100"_L1,
      false, applyInteger<&S::readQueueConcurrency, 1, 10000> },
    { "QUEUE_CONCURRENCY_NOTIFY"_L1, "Notifications processed in parallel, 1..10000"_L1, "50"_L1,
      false, applyInteger<&S::notifyQueueConcurrency, 1, 10000> },
    { "CHAT_REQUIRE_FRIENDSHIP"_L1, "Single chat only between friends (true/false)"_L1, "true"_L1,
      false, applyBool<&S::chatRequireFriendship> },
    { "CHAT_WRITER_MAX_WAITING"_L1,
      "Chat messages waiting for the database writer; more are answered 503 at once, "
      "1..1000000"_L1,
      "20000"_L1, false, applyInteger<&S::chatWriterMaxWaiting, 1, 1000000> },
    { "CHAT_WRITER_BATCH"_L1, "Chat messages stored in one transaction at most, 1..1024"_L1,
      "256"_L1, false, applyInteger<&S::chatWriterBatch, 1, 1024> },
    { "CONVERSATION_CACHE_MAX"_L1,
      "Conversation ids the chat writer keeps in memory (about 40 bytes each), 1..10000000"_L1,
      "100000"_L1, false, applyInteger<&S::conversationCacheMax, 1, 10000000> },
    { "GROUP_REQUIRE_FRIENDSHIP"_L1,
      "Group creators and members add only their friends to a group (true/false)"_L1, "true"_L1,
      false, applyBool<&S::groupRequireFriendship> },
    { "ROLE_MAX_PERMISSIONS"_L1, "Permissions one role may hold, 1..100000"_L1, "1000"_L1, false,
      applyInteger<&S::roleMaxPermissions, 1, 100000> },
    { "MESSAGE_MAX_CONTENT"_L1, "Longest message content in characters, 1..1000000"_L1, "10000"_L1,
      false, applyInteger<&S::messageMaxContent, 1, 1000000> },
    { "DELIVERY_WINDOW"_L1, "Message pushes awaiting their ack per socket, 1..1000"_L1, "32"_L1,
      false, applyInteger<&S::deliveryWindow, 1, 1000> },
    { "DELIVERY_MAX_PENDING"_L1,
      "Messages queued per socket before the rest waits in the database, 10..1000000"_L1, "2000"_L1,
      false, applyInteger<&S::deliveryMaxPending, 10, 1000000> },
    { "EVENT_RATE_PER_SOCKET"_L1,
      "Socket.IO events a second per socket, over it acked 429; 0 for no limit, 0..100000"_L1,
      "50"_L1, false, applyInteger<&S::eventRatePerSocket, 0, 100000> },
    { "EVENT_BURST_PER_SOCKET"_L1, "Events a socket may send at once, 1..1000000"_L1, "200"_L1,
      false, applyInteger<&S::eventBurstPerSocket, 1, 1000000> },
    { "EVENT_RATE_PER_USER"_L1,
      "Socket.IO events a second of all a user's sockets; 0 for no limit, 0..100000"_L1, "100"_L1,
      false, applyInteger<&S::eventRatePerUser, 0, 100000> },
    { "EVENT_BURST_PER_USER"_L1, "Events a user may send at once, 1..1000000"_L1, "400"_L1, false,
      applyInteger<&S::eventBurstPerUser, 1, 1000000> },
    { "EVENT_ABUSE_DISCONNECT"_L1,
      "Refused (429) events within 10 s that disconnect the socket; 0 never, 0..1000000"_L1,
      "1000"_L1, false, applyInteger<&S::eventAbuseDisconnect, 0, 1000000> },
    { "MESSAGE_DAILY_QUOTA"_L1,
      "Messages stored per user per UTC day (in memory, per process); 0 for none"_L1, "50000"_L1,
      false, applyInteger<&S::messageDailyQuota, 0, 100000000> },
    { "ENGINE_CONNECT_TIMEOUT_MS"_L1,
      "Milliseconds an Engine.IO session may take to connect to a namespace before it is closed, 100..600000"_L1,
      "10000"_L1, false, applyInteger<&S::engineConnectTimeout, 100, 600000> },
    { "ENGINE_MAX_UNJOINED"_L1,
      "Engine.IO sessions not connected to a namespace yet, in total; more handshakes get 503, 0 for no cap"_L1,
      "2000"_L1, false, applyInteger<&S::engineMaxUnjoined, 0, 10000000> },
    { "ENGINE_MAX_UNJOINED_PER_ADDRESS"_L1,
      "The same per remote address; more handshakes from it get 429, 0 for no cap"_L1, "50"_L1,
      false, applyInteger<&S::engineMaxUnjoinedPerAddress, 0, 10000000> },
    { "SOCKET_BUFFER_CAP_BYTES"_L1,
      "Unsent bytes of a socket above which message pushes wait (8x closes it at once), 16 KiB..256 MiB"_L1,
      "1048576"_L1, false, applyInteger<&S::socketBufferCapBytes, 16 * 1024, 256 * 1024 * 1024> },
    { "SOCKET_SLOW_CLOSE_MS"_L1,
      "Milliseconds a socket may stay over SOCKET_BUFFER_CAP_BYTES before it is closed, 100..3600000"_L1,
      "20000"_L1, false, applyInteger<&S::socketSlowClose, 100, 3600000> },
    { "SOCKET_MAX_PER_USER"_L1,
      "Chat sockets (devices) of one user; more are refused, 0 for no cap"_L1, "10"_L1, false,
      applyInteger<&S::socketMaxPerUser, 0, 1000000> },
    { "SOCKET_MAX_PER_ADDRESS"_L1,
      "Chat sockets from one remote address; more are refused, 0 for no cap"_L1, "200"_L1, false,
      applyInteger<&S::socketMaxPerAddress, 0, 1000000> },
    { "ADMIN_SAMPLE_SECONDS"_L1,
      "Seconds between the admin console's rate samples (15 minutes are kept), 1..60"_L1, "5"_L1,
      false, applyInteger<&S::adminSampleInterval, 1, 60> },
    { "METRICS_TOKEN"_L1,
      "Bearer token for `GET /metrics` (Prometheus), 16..256 printable ASCII characters; empty: "
      "no /metrics (404)"_L1,
      "(empty: disabled)"_L1, true, applyMetricsToken },
    { "LOGIN_MAX_PER_PAIR"_L1,
      "Failed or running logins of one account from one address within LOGIN_WINDOW before 429, 1..10000"_L1,
      "5"_L1, false, applyInteger<&S::loginMaxPerPair, 1, 10000> },
    { "LOGIN_MAX_PER_ADDRESS"_L1,
      "Failed or running logins from one address within LOGIN_WINDOW before 429, 1..1000000"_L1,
      "20"_L1, false, applyInteger<&S::loginMaxPerAddress, 1, 1000000> },
    { "LOGIN_ACCOUNT_DELAY_AFTER"_L1,
      "Failed or running logins of one account (any address) within LOGIN_WINDOW before its logins are delayed, 1..10000"_L1,
      "5"_L1, false, applyInteger<&S::loginAccountDelayAfter, 1, 10000> },
    { "LOGIN_ACCOUNT_DELAY_MS"_L1,
      "First delay of such a login in milliseconds, doubling with each further one, 0..60000"_L1,
      "1000"_L1, false, applyInteger<&S::loginAccountDelay, 0, 60000> },
    { "LOGIN_ACCOUNT_MAX_DELAY_MS"_L1, "Longest delay of a login in milliseconds, 0..600000"_L1,
      "30000"_L1, false, applyInteger<&S::loginAccountMaxDelay, 0, 600000> },
    { "LOGIN_WINDOW"_L1, "Seconds a failed login counts against the limits, 1..86400"_L1, "300"_L1,
      false, applyInteger<&S::loginWindow, 1, 86400> },
    { "SIGNUP_MAX_PER_ADDRESS"_L1,
      "Registrations from one address within SIGNUP_WINDOW before 429, 1..1000000"_L1, "20"_L1,
      false, applyInteger<&S::signupMaxPerAddress, 1, 1000000> },
    { "SIGNUP_WINDOW"_L1,
      "Seconds a registration counts against SIGNUP_MAX_PER_ADDRESS, 1..604800"_L1, "3600"_L1,
      false, applyInteger<&S::signupWindow, 1, 604800> },
    { "PASSWORD_HASH_THREADS"_L1, "Threads that hash and check passwords, 1..64"_L1, "2"_L1, false,
      applyInteger<&S::passwordHashThreads, 1, 64> },
    { "PASSWORD_HASH_QUEUE"_L1,
      "Password checks waiting for a hashing thread before 503, 0..100000"_L1, "32"_L1, false,
      applyInteger<&S::passwordHashQueue, 0, 100000> },
    { "PASSWORD_HASH_MEMORY_KIB"_L1,
      "Memory of one argon2id password hash in KiB, 1024..4194304"_L1, "65536"_L1, false,
      applyInteger<&S::passwordHashMemoryKiB, 1024, 4194304> },
    { "LOG_DIR"_L1, "Directory of the log files"_L1, "<DATA_DIR>/logs"_L1, false,
      applyString<&S::logDir> },
    { "LOG_LEVEL"_L1, "Default log level: debug, info, warning or critical"_L1, "info"_L1, false,
      applyLogLevel },
    { "LOG_RULES"_L1, "Per-category levels, e.g. `im.store=debug;im.http=warning`"_L1, "(empty)"_L1,
      false, applyLogRules },
    { "LOG_CONSOLE"_L1, "Log to stderr (true/false)"_L1, "true"_L1, false,
      applyBool<&S::logToConsole> },
    { "LOG_FILE"_L1, "Log to rotating files in LOG_DIR (true/false)"_L1, "true"_L1, false,
      applyBool<&S::logToFile> },
    { "LOG_MAX_FILE_BYTES"_L1, "Size at which a log file is rotated, at least 4096"_L1,
      "10485760"_L1, false, applyInteger<&S::logMaxFileBytes, 4096, qint64(1) << 40> },
    { "LOG_BACKUPS"_L1, "Rotated log files kept, 0..100"_L1, "3"_L1, false,
      applyInteger<&S::logBackups, 0, 100> },
    { "LOG_PROTOBUF_LINES_PER_MINUTE"_L1,
      "libprotobuf log lines (bad payloads) logged per minute, the rest counted, 0..100000"_L1,
      "20"_L1, false, applyInteger<&S::protobufLogLinesPerMinute, 0, 100000> },
};

QString padded(QStringView text, qsizetype width)
{
    return text.toString().leftJustified(width, u' ');
}

QString markdownCell(QLatin1StringView text, bool code)
{
    QString cell = QString(text).replace(u'|', "\\|"_L1);
    return code ? u'`' + cell + u'`' : cell;
}

} // namespace

std::span<const SettingDescriptor> settingDescriptors()
{
    return settingsTable;
}

const SettingDescriptor *findSetting(QStringView key)
{
    for (const SettingDescriptor &setting : settingsTable) {
        if (key == setting.key)
            return &setting;
    }
    return nullptr;
}

QString settingsHelpText()
{
    qsizetype keyWidth = 0;
    qsizetype defaultWidth = 0;
    for (const SettingDescriptor &setting : settingsTable) {
        keyWidth = std::max(keyWidth, setting.key.size());
        defaultWidth = std::max(defaultWidth, setting.defaultText.size());
    }
    QString text = u"  "_s + padded(u"Setting", keyWidth) + u"  "_s
        + padded(u"Default", defaultWidth) + u"  Meaning\n"_s;
    for (const SettingDescriptor &setting : settingsTable) {
        text += u"  "_s + padded(QString(setting.key), keyWidth) + u"  "_s
            + padded(QString(setting.defaultText), defaultWidth) + u"  "_s
            + QString(setting.description) + u'\n';
    }
    return text;
}

QString settingsMarkdownTable()
{
    QString text = u"| key | default | meaning |\n|---|---|---|\n"_s;
    for (const SettingDescriptor &setting : settingsTable) {
        const bool literalDefault = !setting.defaultText.startsWith(u'(');
        text += u"| "_s + markdownCell(setting.key, true) + u" | "_s
            + markdownCell(setting.defaultText, literalDefault) + u" | "_s
            + markdownCell(setting.description, false) + u" |\n"_s;
    }
    return text;
}

} // namespace Im::Config
