#include "config/configloader.h"
#include "config/settings.h"

#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Qt::StringLiterals;
using namespace Im::Config;
using Settings = QMap<QString, QString>;

namespace {

QString keepText(const AdminKeepList &keep)
{
    if (keep.all)
        return u"all"_s;
    QStringList entries = keep.accounts;
    for (int id : keep.userIds)
        entries.append(QString::number(id));
    return entries.join(u',');
}

// The typed field behind `key`, rendered independently of settings.cpp so the table is checked
// against the struct rather than against itself.
std::optional<QString> fieldText(const ServerConfig &c, QStringView key)
{
    const auto number = [](auto value) { return QString::number(value); };
    const auto flag = [](bool value) { return value ? u"true"_s : u"false"_s; };
    const std::pair<QLatin1StringView, QString> fields[] = {
        { "NODE_ENV"_L1,
          c.environment == Environment::Production ? u"production"_s : u"development"_s },
        { "DATA_DIR"_L1, c.dataDir },
        { "PORT"_L1, number(c.port) },
        { "BIND_ADDRESS"_L1, c.bindAddress.toString() },
        { "HTTP_MAX_REQUEST_BYTES"_L1, number(c.maxRequestBytes) },
        { "CLIENTORIGIN"_L1, c.clientOrigins.join(u'|') },
        { "SOCKET_PATH"_L1, c.socketPath },
        { "SECRET_KEY"_L1, c.secretKey },
        { "USER_AUTH_KEY"_L1, c.userAuthKey },
        { "DB_DRIVER"_L1, c.dbDriver == DatabaseDriver::MariaDb ? u"mariadb"_s : u"sqlite"_s },
        { "DB_PATH"_L1, c.sqlitePath },
        { "DB_HOST"_L1, c.dbHost },
        { "DB_PORT"_L1, number(c.dbPort) },
        { "DB_USER"_L1, c.dbUser },
        { "DB_PASS"_L1, c.dbPassword },
        { "DB_NAME"_L1, c.dbName },
        { "DB_THREADS"_L1, number(c.dbThreads) },
        { "DB_MAX_QUEUED_JOBS"_L1, number(c.dbMaxQueuedJobs) },
        { "DB_CONNECT_TIMEOUT"_L1, number(c.dbConnectTimeout.count()) },
        { "TIMEZONE"_L1, c.timeZone },
        { "UPGRADE_KEEP_ADMINS"_L1, keepText(c.keepAdmins) },
        { "REDIS_HOST"_L1, c.redisHost },
        { "REDIS_PORT"_L1, number(c.redisPort) },
        { "REDIS_DB"_L1, number(c.redisDb) },
        { "REDIS_USERNAME"_L1, c.redisUsername },
        { "REDIS_PWD"_L1, c.redisPassword },
        { "MULTER_DEST"_L1, c.uploadDir },
        { "HTTP_MAX_HEADER_BYTES"_L1, number(c.httpMaxHeaderBytes) },
        { "HTTP_HEADER_TIMEOUT_SECONDS"_L1, number(c.httpHeaderTimeout.count()) },
        { "HTTP_BODY_TIMEOUT_SECONDS"_L1, number(c.httpBodyTimeout.count()) },
        { "HTTP_IDLE_TIMEOUT_SECONDS"_L1, number(c.httpIdleTimeout.count()) },
        { "HTTP_MAX_PIPELINED"_L1, number(c.httpMaxPipelined) },
        { "HTTP_MAX_UNSENT_BYTES"_L1, number(c.httpMaxUnsentBytes) },
        { "HTTP_SPOOL_ABOVE_BYTES"_L1, number(c.httpSpoolAboveBytes) },
        { "HTTP_LINGER_MS"_L1, number(c.httpLinger.count()) },
        { "HTTP_LINGER_MAX"_L1, number(c.httpLingerMax) },
        { "HTTP_LISTEN_BACKLOG"_L1, number(c.httpListenBacklog) },
        { "HTTP_MAX_CONNECTIONS"_L1, number(c.httpMaxConnections) },
        { "HTTP_MAX_CONNECTIONS_PER_ADDRESS"_L1, number(c.httpMaxConnectionsPerAddress) },
        { "TRUSTED_PROXIES"_L1, c.trustedProxies.join(u',') },
        { "UPLOAD_MAX_IMAGE_BYTES"_L1, number(c.uploadMaxImageBytes) },
        { "UPLOAD_MAX_VIDEO_BYTES"_L1, number(c.uploadMaxVideoBytes) },
        { "UPLOAD_MAX_RELEASE_BYTES"_L1, number(c.uploadMaxReleaseBytes) },
        { "FFMPEG_PATH"_L1, c.ffmpegPath },
        { "JWT_TTL"_L1, number(c.jwtLifetime.count()) },
        { "SESSION_TTL"_L1, number(c.sessionTtl.count()) },
        { "API_CACHE_TTL"_L1, number(c.apiCacheTtl.count()) },
        { "SOCKET_ACK_TIMEOUT_MS"_L1, number(c.socketAckTimeout.count()) },
        { "QUEUE_CONCURRENCY_MESSAGE"_L1, number(c.messageQueueConcurrency) },
        { "QUEUE_CONCURRENCY_READ"_L1, number(c.readQueueConcurrency) },
        { "QUEUE_CONCURRENCY_NOTIFY"_L1, number(c.notifyQueueConcurrency) },
        { "CHAT_REQUIRE_FRIENDSHIP"_L1, flag(c.chatRequireFriendship) },
        { "CHAT_WRITER_MAX_WAITING"_L1, number(c.chatWriterMaxWaiting) },
        { "CHAT_WRITER_BATCH"_L1, number(c.chatWriterBatch) },
        { "CONVERSATION_CACHE_MAX"_L1, number(c.conversationCacheMax) },
        { "MESSAGE_MAX_CONTENT"_L1, number(c.messageMaxContent) },
        { "DELIVERY_WINDOW"_L1, number(c.deliveryWindow) },
        { "DELIVERY_MAX_PENDING"_L1, number(c.deliveryMaxPending) },
        { "ADMIN_SAMPLE_SECONDS"_L1, number(c.adminSampleInterval.count()) },
        { "METRICS_TOKEN"_L1, c.metricsToken },
        { "SWAGGER_UI_DIR"_L1, c.swaggerUiDir },
        { "API_CACHE_MAX_BYTES"_L1, number(c.apiCacheMaxBytes) },
        { "SESSION_CACHE_MAX"_L1, number(c.sessionCacheMax) },
        { "LOG_DIR"_L1, c.logDir },
        { "LOG_LEVEL"_L1, c.logLevel },
        { "LOG_RULES"_L1, c.logRules },
        { "LOG_CONSOLE"_L1, flag(c.logToConsole) },
        { "LOG_FILE"_L1, flag(c.logToFile) },
        { "LOG_MAX_FILE_BYTES"_L1, number(c.logMaxFileBytes) },
        { "LOG_BACKUPS"_L1, number(c.logBackups) },
        { "PUBLIC_URL"_L1, c.publicUrl },
        { "GROUP_REQUIRE_FRIENDSHIP"_L1, flag(c.groupRequireFriendship) },
        { "ROLE_MAX_PERMISSIONS"_L1, number(c.roleMaxPermissions) },
        { "MEDIA_DECODE_THREADS"_L1, number(c.mediaDecodeThreads) },
        { "MEDIA_DECODE_QUEUE"_L1, number(c.mediaDecodeQueue) },
        { "IMAGE_MAX_PIXELS"_L1, number(c.imageMaxPixels) },
        { "EVENT_RATE_PER_SOCKET"_L1, number(c.eventRatePerSocket) },
        { "EVENT_BURST_PER_SOCKET"_L1, number(c.eventBurstPerSocket) },
        { "EVENT_RATE_PER_USER"_L1, number(c.eventRatePerUser) },
        { "EVENT_BURST_PER_USER"_L1, number(c.eventBurstPerUser) },
        { "EVENT_ABUSE_DISCONNECT"_L1, number(c.eventAbuseDisconnect) },
        { "MESSAGE_DAILY_QUOTA"_L1, number(c.messageDailyQuota) },
        { "LOG_PROTOBUF_LINES_PER_MINUTE"_L1, number(c.protobufLogLinesPerMinute) },
        { "LOGIN_MAX_PER_PAIR"_L1, number(c.loginMaxPerPair) },
        { "LOGIN_MAX_PER_ADDRESS"_L1, number(c.loginMaxPerAddress) },
        { "LOGIN_ACCOUNT_DELAY_AFTER"_L1, number(c.loginAccountDelayAfter) },
        { "LOGIN_ACCOUNT_DELAY_MS"_L1, number(c.loginAccountDelay.count()) },
        { "LOGIN_ACCOUNT_MAX_DELAY_MS"_L1, number(c.loginAccountMaxDelay.count()) },
        { "LOGIN_WINDOW"_L1, number(c.loginWindow.count()) },
        { "SIGNUP_MAX_PER_ADDRESS"_L1, number(c.signupMaxPerAddress) },
        { "SIGNUP_WINDOW"_L1, number(c.signupWindow.count()) },
        { "PASSWORD_HASH_THREADS"_L1, number(c.passwordHashThreads) },
        { "PASSWORD_HASH_QUEUE"_L1, number(c.passwordHashQueue) },
        { "PASSWORD_HASH_MEMORY_KIB"_L1, number(c.passwordHashMemoryKiB) },
        { "ENGINE_CONNECT_TIMEOUT_MS"_L1, number(c.engineConnectTimeout.count()) },
        { "ENGINE_MAX_UNJOINED"_L1, number(c.engineMaxUnjoined) },
        { "ENGINE_MAX_UNJOINED_PER_ADDRESS"_L1, number(c.engineMaxUnjoinedPerAddress) },
        { "SOCKET_BUFFER_CAP_BYTES"_L1, number(c.socketBufferCapBytes) },
        { "SOCKET_SLOW_CLOSE_MS"_L1, number(c.socketSlowClose.count()) },
        { "SOCKET_MAX_PER_USER"_L1, number(c.socketMaxPerUser) },
        { "SOCKET_MAX_PER_ADDRESS"_L1, number(c.socketMaxPerAddress) },
    };
    for (const auto &[name, text] : fields) {
        if (key == name)
            return text;
    }
    return std::nullopt;
}

// One value of one setting; `expected` is the field afterwards, or nullptr when rejected.
struct ValueCase
{
    const char *key;
    const char *label;
    const char *value;
    const char *expected;
};

const ValueCase valueCases[] = {
    { "NODE_ENV", "dev", "dev", "development" },
    { "NODE_ENV", "development", "development", "development" },
    { "NODE_ENV", "prod", "prod", "production" },
    { "NODE_ENV", "production", "production", "production" },
    { "NODE_ENV", "unknown name", "staging", nullptr },
    { "NODE_ENV", "wrong case", "PROD", nullptr },
    { "NODE_ENV", "empty", "", nullptr },
    { "DATA_DIR", "absolute", "/var/lib/im", "/var/lib/im" },
    { "DATA_DIR", "empty", "", nullptr },
    { "DATA_DIR", "blank", "   ", nullptr },
    { "PORT", "lowest", "1", "1" },
    { "PORT", "highest", "65535", "65535" },
    { "PORT", "zero picks a free port", "0", "0" },
    { "PORT", "too high", "65536", nullptr },
    { "PORT", "negative", "-1", nullptr },
    { "PORT", "letters", "abc", nullptr },
    { "PORT", "digits then letters", "12abc", nullptr },
    { "PORT", "empty", "", nullptr },
    { "PORT", "leading space", " 80", nullptr },
    { "PORT", "plus sign", "+80", nullptr },
    { "PORT", "hex", "0x50", nullptr },
    { "PORT", "decimal point", "80.0", nullptr },
    { "PORT", "overflow", "99999999999999999999999", nullptr },
    { "BIND_ADDRESS", "IPv4 any", "0.0.0.0", "0.0.0.0" },
    { "BIND_ADDRESS", "IPv4", "192.168.1.10", "192.168.1.10" },
    { "BIND_ADDRESS", "IPv6 loopback", "::1", "::1" },
    { "BIND_ADDRESS", "localhost", "localhost", "127.0.0.1" },
    { "BIND_ADDRESS", "host name", "example.com", nullptr },
    { "BIND_ADDRESS", "bad octet", "256.1.1.1", nullptr },
    { "BIND_ADDRESS", "empty", "", nullptr },
    { "HTTP_MAX_REQUEST_BYTES", "1 KiB", "1024", "1024" },
    { "HTTP_MAX_REQUEST_BYTES", "1 GiB", "1073741824", "1073741824" },
    { "HTTP_MAX_REQUEST_BYTES", "below 1 KiB", "1023", nullptr },
    { "HTTP_MAX_REQUEST_BYTES", "above 1 GiB", "1073741825", nullptr },
    { "CLIENTORIGIN", "one origin", "http://a.com", "http://a.com" },
    { "CLIENTORIGIN", "two origins", "http://a.com___http://b.com", "http://a.com|http://b.com" },
    { "CLIENTORIGIN", "empty entries dropped", "___http://a.com______http://b.com___",
      "http://a.com|http://b.com" },
    { "CLIENTORIGIN", "entries trimmed", " http://a.com ___   ___ null", "http://a.com|null" },
    { "CLIENTORIGIN", "single underscores kept", "http://a_b.com__x", "http://a_b.com__x" },
    { "CLIENTORIGIN", "empty means any", "", "" },
    { "SOCKET_PATH", "nested", "/socket/v2/", "/socket/v2/" },
    { "SOCKET_PATH", "root", "/", "/" },
    { "SOCKET_PATH", "no leading slash", "socket/", nullptr },
    { "SOCKET_PATH", "no trailing slash", "/socket", nullptr },
    { "SOCKET_PATH", "space", "/a b/", nullptr },
    { "SOCKET_PATH", "empty", "", nullptr },
    { "SECRET_KEY", "any text", "0123456789abcdef", "0123456789abcdef" },
    { "UPGRADE_KEEP_ADMINS", "all", "all", "all" },
    { "UPGRADE_KEEP_ADMINS", "all in capitals", "ALL", "all" },
    { "UPGRADE_KEEP_ADMINS", "accounts and ids", "13800000000, 10000,,13900000001",
      "13800000000,13900000001,10000" },
    { "UPGRADE_KEEP_ADMINS", "empty keeps none", "", "" },
    { "UPGRADE_KEEP_ADMINS", "a role name", "admin", nullptr },
    { "UPGRADE_KEEP_ADMINS", "too long for an account", "138000000001", nullptr },
    { "UPGRADE_KEEP_ADMINS", "zero", "0", nullptr },
    { "UPGRADE_KEEP_ADMINS", "id beyond INT", "9999999999", nullptr },
    { "UPGRADE_KEEP_ADMINS", "all among others", "all,10000", nullptr },
    { "USER_AUTH_KEY", "word", "auth", "auth" },
    { "USER_AUTH_KEY", "empty", "", nullptr },
    { "DB_DRIVER", "sqlite", "sqlite", "sqlite" },
    { "DB_DRIVER", "mariadb", "mariadb", "mariadb" },
    { "DB_DRIVER", "mixed case", "MariaDB", "mariadb" },
    { "DB_DRIVER", "mysql", "mysql", nullptr },
    { "DB_DRIVER", "empty", "", nullptr },
    { "DB_PATH", "file", "/tmp/x.sqlite", "/tmp/x.sqlite" },
    { "DB_HOST", "name", "db.example.com", "db.example.com" },
    { "DB_HOST", "empty", "", nullptr },
    { "DB_PORT", "valid", "3307", "3307" },
    { "DB_PORT", "zero", "0", nullptr },
    { "DB_USER", "name", "im", "im" },
    { "DB_PASS", "with spaces and hash", "p@ss w0rd#", "p@ss w0rd#" },
    { "DB_NAME", "name", "chat", "chat" },
    { "DB_THREADS", "lowest", "1", "1" },
    { "DB_THREADS", "highest", "64", "64" },
    { "DB_THREADS", "zero", "0", nullptr },
    { "DB_THREADS", "too many", "65", nullptr },
    { "DB_MAX_QUEUED_JOBS", "lowest", "1", "1" },
    { "DB_MAX_QUEUED_JOBS", "zero", "0", nullptr },
    { "DB_MAX_QUEUED_JOBS", "too many", "1000001", nullptr },
    { "DB_CONNECT_TIMEOUT", "valid", "30", "30" },
    { "DB_CONNECT_TIMEOUT", "zero", "0", nullptr },
    { "DB_CONNECT_TIMEOUT", "negative", "-5", nullptr },
    { "TIMEZONE", "east", "+08:00", "+08:00" },
    { "TIMEZONE", "west with minutes", "-05:30", "-05:30" },
    { "TIMEZONE", "Z normalized", "Z", "+00:00" },
    { "TIMEZONE", "largest", "+14:00", "+14:00" },
    { "TIMEZONE", "one-digit hour", "+8:00", nullptr },
    { "TIMEZONE", "no sign", "08:00", nullptr },
    { "TIMEZONE", "no minutes", "+08", nullptr },
    { "TIMEZONE", "no colon", "+0800", nullptr },
    { "TIMEZONE", "hour too large", "+15:00", nullptr },
    { "TIMEZONE", "minute too large", "+08:60", nullptr },
    { "TIMEZONE", "zone name", "UTC", nullptr },
    { "TIMEZONE", "empty", "", nullptr },
    { "REDIS_HOST", "name", "redis", "redis" },
    { "REDIS_HOST", "empty", "", nullptr },
    { "REDIS_PORT", "valid", "6380", "6380" },
    { "REDIS_PORT", "too high", "70000", nullptr },
    { "REDIS_DB", "lowest", "0", "0" },
    { "REDIS_DB", "highest", "15", "15" },
    { "REDIS_DB", "too high", "16", nullptr },
    { "REDIS_DB", "negative", "-1", nullptr },
    { "REDIS_USERNAME", "name", "default", "default" },
    { "REDIS_PWD", "text", "secret", "secret" },
    { "MULTER_DEST", "directory", "/srv/uploads", "/srv/uploads" },
    { "UPLOAD_MAX_IMAGE_BYTES", "lowest", "1024", "1024" },
    { "UPLOAD_MAX_IMAGE_BYTES", "too low", "1023", nullptr },
    { "UPLOAD_MAX_VIDEO_BYTES", "highest", "1073741824", "1073741824" },
    { "UPLOAD_MAX_VIDEO_BYTES", "too high", "1073741825", nullptr },
    { "UPLOAD_MAX_RELEASE_BYTES", "lowest", "1048576", "1048576" },
    { "UPLOAD_MAX_RELEASE_BYTES", "too low", "1048575", nullptr },
    { "UPLOAD_MAX_RELEASE_BYTES", "highest", "2147483648", "2147483648" },
    { "UPLOAD_MAX_RELEASE_BYTES", "too high", "2147483649", nullptr },
    { "FFMPEG_PATH", "path", "/opt/ffmpeg/bin/ffmpeg", "/opt/ffmpeg/bin/ffmpeg" },
    { "FFMPEG_PATH", "empty", "", nullptr },
    { "CHAT_REQUIRE_FRIENDSHIP", "off", "false", "false" },
    { "CHAT_REQUIRE_FRIENDSHIP", "other word", "maybe", nullptr },
    { "CHAT_WRITER_MAX_WAITING", "lowest", "1", "1" },
    { "CHAT_WRITER_MAX_WAITING", "zero", "0", nullptr },
    { "CHAT_WRITER_BATCH", "highest", "1024", "1024" },
    { "CHAT_WRITER_BATCH", "too many", "1025", nullptr },
    { "CONVERSATION_CACHE_MAX", "highest", "10000000", "10000000" },
    { "CONVERSATION_CACHE_MAX", "zero", "0", nullptr },
    { "MESSAGE_MAX_CONTENT", "lowest", "1", "1" },
    { "MESSAGE_MAX_CONTENT", "zero", "0", nullptr },
    { "MESSAGE_MAX_CONTENT", "too high", "1000001", nullptr },
    { "DELIVERY_WINDOW", "highest", "1000", "1000" },
    { "DELIVERY_WINDOW", "zero", "0", nullptr },
    { "DELIVERY_MAX_PENDING", "lowest", "10", "10" },
    { "DELIVERY_MAX_PENDING", "too low", "9", nullptr },
    { "ADMIN_SAMPLE_SECONDS", "lowest", "1", "1" },
    { "ADMIN_SAMPLE_SECONDS", "highest", "60", "60" },
    { "ADMIN_SAMPLE_SECONDS", "zero", "0", nullptr },
    { "ADMIN_SAMPLE_SECONDS", "too high", "61", nullptr },
    { "METRICS_TOKEN", "shortest", "0123456789abcdef", "0123456789abcdef" },
    { "METRICS_TOKEN", "punctuation", "a-b_c.d~e+f/g=h!i", "a-b_c.d~e+f/g=h!i" },
    { "METRICS_TOKEN", "empty disables", "", "" },
    { "METRICS_TOKEN", "too short", "0123456789abcde", nullptr },
    { "METRICS_TOKEN", "inner space", "01234567 89abcdef", nullptr },
    { "METRICS_TOKEN", "not ASCII", "0123456789abcdeé", nullptr },
    { "METRICS_TOKEN", "too long",
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      nullptr },
    { "PUBLIC_URL", "trailing slash", "https://a.example/im/", "https://a.example/im" },
    { "PUBLIC_URL", "http with port", "http://10.0.0.5:3000", "http://10.0.0.5:3000" },
    { "PUBLIC_URL", "empty", "", "" },
    { "PUBLIC_URL", "no scheme", "chat.example.org", nullptr },
    { "PUBLIC_URL", "other scheme", "ftp://chat.example.org", nullptr },
    { "PUBLIC_URL", "query", "http://chat.example.org/?a=1", nullptr },
    { "PUBLIC_URL", "user info", "http://me@chat.example.org", nullptr },
    { "GROUP_REQUIRE_FRIENDSHIP", "off", "false", "false" },
    { "GROUP_REQUIRE_FRIENDSHIP", "other word", "maybe", nullptr },
    { "ROLE_MAX_PERMISSIONS", "one", "1", "1" },
    { "ROLE_MAX_PERMISSIONS", "zero", "0", nullptr },
    { "MEDIA_DECODE_THREADS", "highest", "64", "64" },
    { "MEDIA_DECODE_THREADS", "zero", "0", nullptr },
    { "MEDIA_DECODE_QUEUE", "none", "0", "0" },
    { "MEDIA_DECODE_QUEUE", "too high", "10001", nullptr },
    { "IMAGE_MAX_PIXELS", "lowest", "1", "1" },
    { "IMAGE_MAX_PIXELS", "too high", "268435457", nullptr },
    { "ENGINE_CONNECT_TIMEOUT_MS", "lowest", "100", "100" },
    { "ENGINE_CONNECT_TIMEOUT_MS", "too low", "99", nullptr },
    { "ENGINE_MAX_UNJOINED", "no cap", "0", "0" },
    { "ENGINE_MAX_UNJOINED", "negative", "-1", nullptr },
    { "ENGINE_MAX_UNJOINED_PER_ADDRESS", "one", "1", "1" },
    { "ENGINE_MAX_UNJOINED_PER_ADDRESS", "negative", "-1", nullptr },
    { "SOCKET_BUFFER_CAP_BYTES", "lowest", "16384", "16384" },
    { "SOCKET_BUFFER_CAP_BYTES", "too high", "268435457", nullptr },
    { "SOCKET_SLOW_CLOSE_MS", "an hour", "3600000", "3600000" },
    { "SOCKET_SLOW_CLOSE_MS", "too low", "99", nullptr },
    { "SOCKET_MAX_PER_USER", "no cap", "0", "0" },
    { "SOCKET_MAX_PER_USER", "fraction", "1.5", nullptr },
    { "SOCKET_MAX_PER_ADDRESS", "one", "1", "1" },
    { "SOCKET_MAX_PER_ADDRESS", "words", "many", nullptr },
    { "EVENT_RATE_PER_SOCKET", "no limit", "0", "0" },
    { "EVENT_RATE_PER_SOCKET", "negative", "-1", nullptr },
    { "EVENT_BURST_PER_SOCKET", "lowest", "1", "1" },
    { "EVENT_BURST_PER_SOCKET", "zero", "0", nullptr },
    { "EVENT_RATE_PER_USER", "highest", "100000", "100000" },
    { "EVENT_RATE_PER_USER", "too high", "100001", nullptr },
    { "EVENT_BURST_PER_USER", "highest", "1000000", "1000000" },
    { "EVENT_BURST_PER_USER", "zero", "0", nullptr },
    { "EVENT_ABUSE_DISCONNECT", "never", "0", "0" },
    { "EVENT_ABUSE_DISCONNECT", "negative", "-5", nullptr },
    { "MESSAGE_DAILY_QUOTA", "none", "0", "0" },
    { "MESSAGE_DAILY_QUOTA", "too high", "100000001", nullptr },
    { "LOG_PROTOBUF_LINES_PER_MINUTE", "none", "0", "0" },
    { "LOG_PROTOBUF_LINES_PER_MINUTE", "too high", "100001", nullptr },
    { "HTTP_MAX_HEADER_BYTES", "too low", "1023", nullptr },
    { "HTTP_MAX_HEADER_BYTES", "highest", "65536", "65536" },
    { "HTTP_HEADER_TIMEOUT_SECONDS", "zero", "0", nullptr },
    { "HTTP_HEADER_TIMEOUT_SECONDS", "one", "1", "1" },
    { "HTTP_BODY_TIMEOUT_SECONDS", "hour", "3600", "3600" },
    { "HTTP_BODY_TIMEOUT_SECONDS", "too long", "3601", nullptr },
    { "HTTP_IDLE_TIMEOUT_SECONDS", "lowest", "1", "1" },
    { "HTTP_IDLE_TIMEOUT_SECONDS", "words", "long", nullptr },
    { "HTTP_MAX_PIPELINED", "one", "1", "1" },
    { "HTTP_MAX_PIPELINED", "zero", "0", nullptr },
    { "HTTP_MAX_UNSENT_BYTES", "lowest", "16384", "16384" },
    { "HTTP_MAX_UNSENT_BYTES", "too low", "16383", nullptr },
    { "HTTP_SPOOL_ABOVE_BYTES", "lowest", "65536", "65536" },
    { "HTTP_SPOOL_ABOVE_BYTES", "too low", "65535", nullptr },
    { "HTTP_LINGER_MS", "no linger", "0", "0" },
    { "HTTP_LINGER_MS", "negative", "-1", nullptr },
    { "HTTP_LINGER_MAX", "off", "0", "0" },
    { "HTTP_LINGER_MAX", "largest", "1000000", "1000000" },
    { "HTTP_LINGER_MAX", "too many", "1000001", nullptr },
    { "HTTP_LISTEN_BACKLOG", "largest", "65535", "65535" },
    { "HTTP_LISTEN_BACKLOG", "zero", "0", nullptr },
    { "HTTP_MAX_CONNECTIONS", "highest", "1000000", "1000000" },
    { "HTTP_MAX_CONNECTIONS", "zero", "0", nullptr },
    { "HTTP_MAX_CONNECTIONS_PER_ADDRESS", "lowest", "1", "1" },
    { "HTTP_MAX_CONNECTIONS_PER_ADDRESS", "negative", "-1", nullptr },
    { "TRUSTED_PROXIES", "subnets", "10.0.0.0/8, ::1", "10.0.0.0/8,::1" },
    { "TRUSTED_PROXIES", "not an address", "proxy.example", nullptr },
    { "LOGIN_MAX_PER_PAIR", "lowest", "1", "1" },
    { "LOGIN_MAX_PER_PAIR", "zero", "0", nullptr },
    { "LOGIN_MAX_PER_ADDRESS", "highest", "1000000", "1000000" },
    { "LOGIN_MAX_PER_ADDRESS", "too high", "1000001", nullptr },
    { "LOGIN_ACCOUNT_DELAY_AFTER", "highest", "10000", "10000" },
    { "LOGIN_ACCOUNT_DELAY_AFTER", "zero", "0", nullptr },
    { "LOGIN_ACCOUNT_DELAY_MS", "none", "0", "0" },
    { "LOGIN_ACCOUNT_DELAY_MS", "too long", "60001", nullptr },
    { "LOGIN_ACCOUNT_MAX_DELAY_MS", "highest", "600000", "600000" },
    { "LOGIN_ACCOUNT_MAX_DELAY_MS", "negative", "-1", nullptr },
    { "LOGIN_WINDOW", "day", "86400", "86400" },
    { "LOGIN_WINDOW", "zero", "0", nullptr },
    { "SIGNUP_MAX_PER_ADDRESS", "lowest", "1", "1" },
    { "SIGNUP_MAX_PER_ADDRESS", "zero", "0", nullptr },
    { "SIGNUP_WINDOW", "week", "604800", "604800" },
    { "SIGNUP_WINDOW", "too long", "604801", nullptr },
    { "PASSWORD_HASH_THREADS", "highest", "64", "64" },
    { "PASSWORD_HASH_THREADS", "zero", "0", nullptr },
    { "PASSWORD_HASH_QUEUE", "none", "0", "0" },
    { "PASSWORD_HASH_QUEUE", "too many", "100001", nullptr },
    { "PASSWORD_HASH_MEMORY_KIB", "lowest", "1024", "1024" },
    { "PASSWORD_HASH_MEMORY_KIB", "too little", "1023", nullptr },
    { "SWAGGER_UI_DIR", "path", "/opt/swagger-ui", "/opt/swagger-ui" },
    { "API_CACHE_MAX_BYTES", "off", "0", "0" },
    { "API_CACHE_MAX_BYTES", "negative", "-1", nullptr },
    { "SESSION_CACHE_MAX", "off", "0", "0" },
    { "SESSION_CACHE_MAX", "highest", "10000000", "10000000" },
    { "SESSION_CACHE_MAX", "too many", "10000001", nullptr },
    { "JWT_TTL", "hour", "3600", "3600" },
    { "JWT_TTL", "zero", "0", nullptr },
    { "SESSION_TTL", "day", "86400", "86400" },
    { "SESSION_TTL", "negative", "-1", nullptr },
    { "API_CACHE_TTL", "one second", "1", "1" },
    { "API_CACHE_TTL", "beyond int", "2147483648", nullptr },
    { "API_CACHE_TTL", "empty", "", nullptr },
    { "SOCKET_ACK_TIMEOUT_MS", "short", "250", "250" },
    { "SOCKET_ACK_TIMEOUT_MS", "zero", "0", nullptr },
    { "QUEUE_CONCURRENCY_MESSAGE", "lowest", "1", "1" },
    { "QUEUE_CONCURRENCY_MESSAGE", "highest", "10000", "10000" },
    { "QUEUE_CONCURRENCY_MESSAGE", "zero", "0", nullptr },
    { "QUEUE_CONCURRENCY_MESSAGE", "too high", "10001", nullptr },
    { "QUEUE_CONCURRENCY_READ", "valid", "5", "5" },
    { "QUEUE_CONCURRENCY_READ", "letters", "abc", nullptr },
    { "QUEUE_CONCURRENCY_NOTIFY", "highest", "10000", "10000" },
    { "QUEUE_CONCURRENCY_NOTIFY", "too high", "10001", nullptr },
    { "LOG_DIR", "directory", "/var/log/im", "/var/log/im" },
    { "LOG_LEVEL", "debug", "debug", "debug" },
    { "LOG_LEVEL", "warning", "warning", "warning" },
    { "LOG_LEVEL", "upper case", "CRITICAL", "critical" },
    { "LOG_LEVEL", "unknown level", "verbose", nullptr },
    { "LOG_LEVEL", "abbreviation", "warn", nullptr },
    { "LOG_LEVEL", "empty", "", nullptr },
    { "LOG_RULES", "two rules", "im.store=debug;im.http=warning",
      "im.store=debug;im.http=warning" },
    { "LOG_RULES", "normalized", " im.*=info ; ;qt.network_x=critical;",
      "im.*=info;qt.network_x=critical" },
    { "LOG_RULES", "empty", "", "" },
    { "LOG_RULES", "no level", "im.store", nullptr },
    { "LOG_RULES", "bad level", "im.store=loud", nullptr },
    { "LOG_RULES", "upper-case category", "Im.Store=debug", nullptr },
    { "LOG_RULES", "dash in category", "im-store=debug", nullptr },
    { "LOG_RULES", "empty category", "=debug", nullptr },
    { "LOG_RULES", "one bad rule among good", "im.a=debug;im.b=nope", nullptr },
    { "LOG_CONSOLE", "true", "true", "true" },
    { "LOG_CONSOLE", "false", "false", "false" },
    { "LOG_CONSOLE", "1", "1", "true" },
    { "LOG_CONSOLE", "0", "0", "false" },
    { "LOG_CONSOLE", "yes", "yes", "true" },
    { "LOG_CONSOLE", "no", "no", "false" },
    { "LOG_CONSOLE", "on", "on", "true" },
    { "LOG_CONSOLE", "off", "off", "false" },
    { "LOG_CONSOLE", "upper case", "TRUE", "true" },
    { "LOG_CONSOLE", "two", "2", nullptr },
    { "LOG_CONSOLE", "empty", "", nullptr },
    { "LOG_FILE", "off", "off", "false" },
    { "LOG_FILE", "other word", "enabled", nullptr },
    { "LOG_MAX_FILE_BYTES", "smallest", "4096", "4096" },
    { "LOG_MAX_FILE_BYTES", "too small", "4095", nullptr },
    { "LOG_BACKUPS", "none", "0", "0" },
    { "LOG_BACKUPS", "most", "100", "100" },
    { "LOG_BACKUPS", "too many", "101", nullptr },
};

// Settings whose every value is valid text (checked, if at all, by validateConfig()).
const QSet<QString> freeTextKeys = {
    u"SECRET_KEY"_s, u"DB_PATH"_s,        u"DB_USER"_s,        u"DB_PASS"_s,
    u"DB_NAME"_s,    u"REDIS_USERNAME"_s, u"REDIS_PWD"_s,      u"MULTER_DEST"_s,
    u"LOG_DIR"_s,    u"CLIENTORIGIN"_s,   u"SWAGGER_UI_DIR"_s,
};

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

QProcessEnvironment environmentOf(const Settings &variables)
{
    QProcessEnvironment environment;
    for (auto it = variables.cbegin(); it != variables.cend(); ++it)
        environment.insert(it.key(), it.value());
    return environment;
}

LoadedConfig load(const QString &directory, const Settings &commandLine,
                  const Settings &environment = {}, const QString &configFile = {})
{
    ConfigLoader loader(environmentOf(environment), directory);
    loader.setCommandLine(commandLine);
    loader.setConfigFile(configFile);
    return loader.load();
}

constexpr auto goodSecret = "0123456789abcdef"_L1;

} // namespace

class TestConfigLoader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void settingsTableIsConsistent();
    void testCoversEverySetting();
    void defaultsMatchDocumentation();
    void settingValue_data();
    void settingValue();
    void helpAndMarkdownListEverySetting();
    void effectivePaths();

    void precedence_data();
    void precedence();
    void nodeEnvSelectsFiles_data();
    void nodeEnvSelectsFiles();
    void missingImplicitFilesAreFine();
    void explicitConfigFile();
    void explicitConfigFileMissing();
    void badValueKeepsDefaultNotLowerLayer();
    void allProblemsReportedAtOnce();
    void unknownKeys_data();
    void unknownKeys();
    void crossFieldValidation_data();
    void crossFieldValidation();
    void databaseDriverFollowsTheSettings_data();
    void databaseDriverFollowsTheSettings();
    void originalEnvFileChoosesMariaDbAndListsWhatIsIgnored();
    void keepListNamesAccountsOrIds();
};

void TestConfigLoader::settingsTableIsConsistent()
{
    QSet<QString> keys;
    for (const SettingDescriptor &setting : settingDescriptors()) {
        const QString key = setting.key;
        QVERIFY2(!keys.contains(key), qPrintable(u"duplicate key "_s + key));
        keys.insert(key);
        QVERIFY2(!setting.description.isEmpty(), qPrintable(key));
        QVERIFY2(!setting.defaultText.isEmpty(), qPrintable(key));
        QVERIFY2(setting.apply != nullptr, qPrintable(key));
        QCOMPARE(findSetting(key), &setting);
    }
    QCOMPARE(keys.size(), 101);
    QCOMPARE(findSetting(u"port"), nullptr);
    QCOMPARE(findSetting(u"NOT_A_SETTING"), nullptr);

    // Secrets must never be echoed in problem messages.
    QSet<QString> secrets;
    for (const SettingDescriptor &setting : settingDescriptors()) {
        if (setting.secret)
            secrets.insert(setting.key);
    }
    QCOMPARE(secrets,
             (QSet<QString> { u"SECRET_KEY"_s, u"DB_PASS"_s, u"REDIS_PWD"_s, u"METRICS_TOKEN"_s }));
}

void TestConfigLoader::testCoversEverySetting()
{
    const ServerConfig defaults;
    QSet<QString> accepted;
    QSet<QString> rejected;
    for (const ValueCase &row : valueCases)
        (row.expected ? accepted : rejected).insert(QString::fromLatin1(row.key));
    for (const SettingDescriptor &setting : settingDescriptors()) {
        const QString key = setting.key;
        QVERIFY2(fieldText(defaults, key).has_value(), qPrintable(u"no renderer for "_s + key));
        QVERIFY2(accepted.contains(key), qPrintable(u"no accepted value for "_s + key));
        if (!freeTextKeys.contains(key))
            QVERIFY2(rejected.contains(key), qPrintable(u"no rejected value for "_s + key));
    }
}

void TestConfigLoader::defaultsMatchDocumentation()
{
    // A documented default must be what ServerConfig really starts with; "(empty...)" means an
    // empty value, and "<DATA_DIR>/..." or "(generated...)" are computed later.
    const QSet<QString> computed = { u"SECRET_KEY"_s,  u"DB_DRIVER"_s, u"DB_PATH"_s,
                                     u"MULTER_DEST"_s, u"LOG_DIR"_s,   u"SWAGGER_UI_DIR"_s };
    QSet<QString> notLiteral;
    for (const SettingDescriptor &setting : settingDescriptors()) {
        const QString shown = setting.defaultText;
        QString value = shown;
        if (shown.startsWith(u"(empty"_s)) {
            value.clear();
        } else if (shown.startsWith(u'(') || shown.startsWith(u'<')) {
            notLiteral.insert(setting.key);
            continue;
        }
        ServerConfig config;
        const QString error = setting.apply(config, value);
        QVERIFY2(error.isEmpty(), qPrintable(setting.key + u": "_s + error));
        QVERIFY2(config == ServerConfig(), qPrintable(setting.key + u" default differs"_s));
    }
    QCOMPARE(notLiteral, computed);
}

void TestConfigLoader::settingValue_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<QString>("expected");

    for (const ValueCase &row : valueCases) {
        QTest::addRow("%s %s %s", row.key, row.expected ? "accepts" : "rejects", row.label)
            << QString::fromLatin1(row.key) << QString::fromUtf8(row.value)
            << (row.expected != nullptr) << QString::fromUtf8(row.expected);
    }
    QTest::addRow("BIND_ADDRESS accepts any")
        << u"BIND_ADDRESS"_s << u"any"_s << true << QHostAddress(QHostAddress::Any).toString();
}

void TestConfigLoader::settingValue()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(bool, accepted);
    QFETCH(QString, expected);

    const SettingDescriptor *setting = findSetting(key);
    QVERIFY(setting);
    ServerConfig config;
    const QString error = setting->apply(config, value);
    if (accepted) {
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(fieldText(config, key).value_or(u"<none>"_s), expected);
    } else {
        QVERIFY(!error.isEmpty());
        QVERIFY(config == ServerConfig()); // a rejected value changes nothing
    }
}

void TestConfigLoader::helpAndMarkdownListEverySetting()
{
    const QString help = settingsHelpText();
    const QStringList markdown = settingsMarkdownTable().split(u'\n', Qt::SkipEmptyParts);
    const auto settings = settingDescriptors();
    QCOMPARE(markdown.size(), qsizetype(settings.size()) + 2);
    QCOMPARE(markdown.at(0), u"| key | default | meaning |"_s);
    for (const SettingDescriptor &setting : settings) {
        const QString key = setting.key;
        QVERIFY2(help.contains(u"  "_s + key + u' '), qPrintable(key));
        QVERIFY2(help.contains(QString(setting.description)), qPrintable(key));
        QVERIFY2(markdown.filter(u"| `"_s + key + u"` |"_s).size() == 1, qPrintable(key));
    }
    QVERIFY(markdown.contains(
        u"| `PORT` | `3000` | TCP port of the HTTP and Socket.IO listener; 0 picks a free port |"_s));
}

void TestConfigLoader::effectivePaths()
{
    ServerConfig config;
    config.dataDir = u"/srv/im"_s;
    QCOMPARE(config.effectiveSqlitePath(), u"/srv/im/im-server.sqlite"_s);
    QCOMPARE(config.effectiveUploadDir(), u"/srv/im/uploads"_s);
    QCOMPARE(config.effectiveLogDir(), u"/srv/im/logs"_s);
    QCOMPARE(config.secretKeyFile(), u"/srv/im/secret.key"_s);

    config.sqlitePath = u"/db/x.sqlite"_s;
    config.uploadDir = u"/up"_s;
    config.logDir = u"/log"_s;
    QCOMPARE(config.effectiveSqlitePath(), u"/db/x.sqlite"_s);
    QCOMPARE(config.effectiveUploadDir(), u"/up"_s);
    QCOMPARE(config.effectiveLogDir(), u"/log"_s);
    QCOMPARE(ServerConfig().effectiveSqlitePath(), u"data/im-server.sqlite"_s);
}

void TestConfigLoader::precedence_data()
{
    QTest::addColumn<QString>("commandLine");
    QTest::addColumn<QString>("environment");
    QTest::addColumn<QString>("envProdFile");
    QTest::addColumn<QString>("envFile");
    QTest::addColumn<int>("expectedPort");

    const QString none;
    QTest::newRow("defaults without any layer") << none << none << none << none << 3000;
    QTest::newRow(".env over defaults") << none << none << none << u"4001"_s << 4001;
    QTest::newRow(".env.prod over .env") << none << none << u"4002"_s << u"4001"_s << 4002;
    QTest::newRow("environment over config files")
        << none << u"5000"_s << u"4002"_s << u"4001"_s << 5000;
    QTest::newRow("command line over environment")
        << u"6000"_s << u"5000"_s << none << none << 6000;
    QTest::newRow("command line over config file")
        << u"6000"_s << none << none << u"4001"_s << 6000;
    QTest::newRow("command line over every layer")
        << u"6000"_s << u"5000"_s << u"4002"_s << u"4001"_s << 6000;
}

void TestConfigLoader::precedence()
{
    QFETCH(QString, commandLine);
    QFETCH(QString, environment);
    QFETCH(QString, envProdFile);
    QFETCH(QString, envFile);
    QFETCH(int, expectedPort);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    if (!envProdFile.isNull())
        QVERIFY(writeFile(dir.filePath(u".env.prod"_s), "PORT=" + envProdFile.toLatin1()));
    if (!envFile.isNull())
        QVERIFY(writeFile(dir.filePath(u".env"_s), "PORT=" + envFile.toLatin1()));
    Settings cmd;
    Settings env;
    if (!commandLine.isNull())
        cmd.insert(u"PORT"_s, commandLine);
    if (!environment.isNull())
        env.insert(u"PORT"_s, environment);

    const LoadedConfig loaded = load(dir.path(), cmd, env);
    QCOMPARE(loaded.problems, QStringList());
    QCOMPARE(loaded.config.port, expectedPort);
}

void TestConfigLoader::nodeEnvSelectsFiles_data()
{
    QTest::addColumn<QString>("commandLine");
    QTest::addColumn<QString>("environment");
    QTest::addColumn<QString>("expectedDbName");
    QTest::addColumn<QStringList>("expectedFiles");

    const QString none;
    const QStringList dev = { u".env.dev"_s, u".env"_s };
    const QStringList prod = { u".env.prod"_s, u".env"_s };
    QTest::newRow("dev from environment reads .env.dev") << none << u"dev"_s << u"devdb"_s << dev;
    QTest::newRow("development from command line reads .env.dev")
        << u"development"_s << none << u"devdb"_s << dev;
    QTest::newRow("prod reads .env.prod") << none << u"prod"_s << u"proddb"_s << prod;
    QTest::newRow("production reads .env.prod") << u"production"_s << none << u"proddb"_s << prod;
    QTest::newRow("unset reads .env.prod") << none << none << u"proddb"_s << prod;
    QTest::newRow("command line NODE_ENV beats environment")
        << u"dev"_s << u"production"_s << u"devdb"_s << dev;
}

void TestConfigLoader::nodeEnvSelectsFiles()
{
    QFETCH(QString, commandLine);
    QFETCH(QString, environment);
    QFETCH(QString, expectedDbName);
    QFETCH(QStringList, expectedFiles);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFile(dir.filePath(u".env.dev"_s), "DB_NAME=devdb\n"));
    QVERIFY(writeFile(dir.filePath(u".env.prod"_s), "DB_NAME=proddb\n"));
    QVERIFY(writeFile(dir.filePath(u".env"_s),
                      "DB_NAME=basedb\nDB_USER=im\nREDIS_DB=3\nSECRET_KEY="
                          + QByteArray(goodSecret.data())));
    Settings cmd;
    Settings env;
    if (!commandLine.isNull())
        cmd.insert(u"NODE_ENV"_s, commandLine);
    if (!environment.isNull())
        env.insert(u"NODE_ENV"_s, environment);

    const LoadedConfig loaded = load(dir.path(), cmd, env);
    QCOMPARE(loaded.problems, QStringList());
    QCOMPARE(loaded.config.dbName, expectedDbName);
    QCOMPARE(loaded.config.redisDb, 3); // keys only in .env still apply
    QStringList expectedPaths;
    for (const QString &name : expectedFiles)
        expectedPaths.append(dir.filePath(name));
    QCOMPARE(loaded.filesRead, expectedPaths);
}

void TestConfigLoader::missingImplicitFilesAreFine()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    LoadedConfig loaded = load(dir.path(), {});
    QCOMPARE(loaded.problems, QStringList());
    QCOMPARE(loaded.filesRead, QStringList());
    QVERIFY(loaded.config == ServerConfig());

    QVERIFY(writeFile(dir.filePath(u".env"_s), "PORT=4100\n"));
    loaded = load(dir.path(), {});
    QCOMPARE(loaded.problems, QStringList());
    QCOMPARE(loaded.filesRead, QStringList { dir.filePath(u".env"_s) });
    QCOMPARE(loaded.config.port, 4100);
}

void TestConfigLoader::explicitConfigFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFile(dir.filePath(u".env"_s), "PORT=1111\nDB_NAME=fromdotenv\n"));
    QVERIFY(writeFile(dir.filePath(u"custom.conf"_s), "PORT=2222\nREDIS_PORT=7000\n"));

    // Relative to the working directory; the .env files are not read at all.
    const LoadedConfig loaded =
        load(dir.path(), {}, { { u"REDIS_PORT"_s, u"7001"_s } }, u"custom.conf"_s);
    QCOMPARE(loaded.problems, QStringList());
    QCOMPARE(loaded.filesRead, QStringList { dir.filePath(u"custom.conf"_s) });
    QCOMPARE(loaded.config.port, 2222);
    QCOMPARE(loaded.config.dbName, u"im_server"_s);
    QCOMPARE(loaded.config.redisPort, 7001); // environment still beats the file
}

void TestConfigLoader::explicitConfigFileMissing()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFile(dir.filePath(u".env"_s), "PORT=1111\n"));
    const QString path = dir.filePath(u"absent.conf"_s);

    const LoadedConfig loaded = load(dir.path(), {}, {}, path);
    QCOMPARE(loaded.problems.size(), 1);
    QVERIFY2(loaded.problems.first().contains(path), qPrintable(loaded.problems.first()));
    QCOMPARE(loaded.filesRead, QStringList());
    QCOMPARE(loaded.config.port, 3000);
}

void TestConfigLoader::badValueKeepsDefaultNotLowerLayer()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFile(dir.filePath(u".env"_s), "PORT=4000\n"));

    const LoadedConfig loaded = load(dir.path(), {}, { { u"PORT"_s, u"abc"_s } });
    QCOMPARE(
        loaded.problems,
        QStringList {
            u"environment: PORT: expected a decimal integer from 0 to 65535 (got \"abc\")"_s });
    QCOMPARE(loaded.config.port, 3000);
}

void TestConfigLoader::allProblemsReportedAtOnce()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(u".env.prod"_s);
    QVERIFY(writeFile(file, "PORT=abc\nBROKEN LINE\nFOO=1\nDB_THREADS=0\nDB_NAME=ok\n"));

    const LoadedConfig loaded = load(dir.path(),
                                     { { u"BAR"_s, u"1"_s },
                                       { u"TIMEZONE"_s, u"+25:00"_s },
                                       { u"NODE_ENV"_s, u"production"_s } },
                                     { { u"REDIS_DB"_s, u"99"_s },
                                       { u"LOG_LEVEL"_s, u"loud"_s },
                                       { u"UNRELATED"_s, u"x"_s },
                                       { u"DB_PASS"_s, u"hunter2"_s } });

    const QStringList expected = {
        file + u":2: expected KEY=VALUE"_s,
        file + u":3: unknown setting FOO"_s,
        u"command line: unknown setting BAR"_s,
        file + u":1: PORT: expected a decimal integer from 0 to 65535 (got \"abc\")"_s,
        file + u":4: DB_THREADS: expected a decimal integer from 1 to 64 (got \"0\")"_s,
        u"command line: TIMEZONE: expected a UTC offset such as +08:00, -05:30 or Z (got \"+25:00\")"_s,
        u"environment: REDIS_DB: expected a decimal integer from 0 to 15 (got \"99\")"_s,
        u"environment: LOG_LEVEL: expected debug, info, warning or critical (got \"loud\")"_s,
        u"SECRET_KEY is required in production"_s,
        // DB_NAME without DB_DRIVER is the original's way of asking for MariaDB.
        u"DB_USER is required when DB_DRIVER=mariadb"_s,
    };
    QCOMPARE(loaded.problems, expected);
    QVERIFY(!loaded.problems.join(u'\n').contains(u"hunter2"_s));
    QCOMPARE(loaded.config.port, 3000);
    QCOMPARE(loaded.config.dbThreads, 4);
    QCOMPARE(loaded.config.redisDb, 0);
    QCOMPARE(loaded.config.dbName, u"ok"_s); // good values around bad ones still apply
    QCOMPARE(loaded.config.environment, Environment::Production);
}

void TestConfigLoader::unknownKeys_data()
{
    QTest::addColumn<QByteArray>("fileContent");
    QTest::addColumn<Settings>("commandLine");
    QTest::addColumn<Settings>("environment");
    QTest::addColumn<QStringList>("expected"); // "@" stands for the .env path

    QTest::newRow("unknown key in config file") << "PORT=1\nFOO=x\n"_ba << Settings() << Settings()
                                                << QStringList { u"@:2: unknown setting FOO"_s };
    QTest::newRow("unknown key on command line")
        << QByteArray() << Settings { { u"FOO"_s, u"x"_s } } << Settings()
        << QStringList { u"command line: unknown setting FOO"_s };
    QTest::newRow("keys are case-sensitive")
        << QByteArray() << Settings { { u"port"_s, u"1"_s } } << Settings()
        << QStringList { u"command line: unknown setting port"_s };
    QTest::newRow("unrelated environment variables are ignored")
        << QByteArray() << Settings()
        << Settings { { u"HOME"_s, u"/root"_s }, { u"port"_s, u"x"_s }, { u"FOO"_s, u"1"_s } }
        << QStringList();
}

void TestConfigLoader::unknownKeys()
{
    QFETCH(QByteArray, fileContent);
    QFETCH(Settings, commandLine);
    QFETCH(Settings, environment);
    QFETCH(QStringList, expected);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u".env"_s);
    if (!fileContent.isEmpty())
        QVERIFY(writeFile(path, fileContent));
    expected.replaceInStrings(u"@"_s, path);

    const LoadedConfig loaded = load(dir.path(), commandLine, environment);
    QCOMPARE(loaded.problems, expected);
}

void TestConfigLoader::crossFieldValidation_data()
{
    QTest::addColumn<Settings>("commandLine");
    QTest::addColumn<QStringList>("expected");

    const QString secret = goodSecret;
    const QString required = u"SECRET_KEY is required in production"_s;
    const QString tooShort = u"SECRET_KEY must be at least 16 characters"_s;
    const QString needUser = u"DB_USER is required when DB_DRIVER=mariadb"_s;
    const QString needName = u"DB_NAME is required when DB_DRIVER=mariadb"_s;

    QTest::newRow("production without secret")
        << Settings { { u"NODE_ENV"_s, u"production"_s } } << QStringList { required };
    QTest::newRow("production with secret")
        << Settings { { u"NODE_ENV"_s, u"prod"_s }, { u"SECRET_KEY"_s, secret } } << QStringList();
    QTest::newRow("development without secret")
        << Settings { { u"NODE_ENV"_s, u"dev"_s } } << QStringList();
    QTest::newRow("secret shorter than 16 characters")
        << Settings { { u"SECRET_KEY"_s, u"shortsecret"_s } } << QStringList { tooShort };
    QTest::newRow("production with short secret")
        << Settings { { u"NODE_ENV"_s, u"production"_s }, { u"SECRET_KEY"_s, u"x"_s } }
        << QStringList { tooShort };
    QTest::newRow("mariadb without user")
        << Settings { { u"DB_DRIVER"_s, u"mariadb"_s } } << QStringList { needUser };
    QTest::newRow("mariadb without user and database")
        << Settings { { u"DB_DRIVER"_s, u"mariadb"_s }, { u"DB_NAME"_s, QString() } }
        << QStringList { needUser, needName };
    QTest::newRow("mariadb complete")
        << Settings { { u"DB_DRIVER"_s, u"mariadb"_s }, { u"DB_USER"_s, u"im"_s } }
        << QStringList();
    QTest::newRow("sqlite needs no database credentials")
        << Settings { { u"DB_NAME"_s, QString() } } << QStringList();
}

void TestConfigLoader::crossFieldValidation()
{
    QFETCH(Settings, commandLine);
    QFETCH(QStringList, expected);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const LoadedConfig loaded = load(dir.path(), commandLine);
    QCOMPARE(loaded.problems, expected);
    QCOMPARE(validateConfig(loaded.config), expected);
    // The secret itself never appears in a problem.
    QVERIFY(!loaded.problems.join(u'\n').contains(u"shortsecret"_s));
}

void TestConfigLoader::databaseDriverFollowsTheSettings_data()
{
    QTest::addColumn<Settings>("environment");
    QTest::addColumn<QString>("driver");
    //! Empty: no problem. Otherwise every key the one problem must name.
    QTest::addColumn<QStringList>("conflicting");

    const QStringList none;
    QTest::newRow("nothing: the embedded default") << Settings() << u"sqlite"_s << none;
    QTest::newRow("an SQLite file")
        << Settings { { u"DB_PATH"_s, u"/x.sqlite"_s } } << u"sqlite"_s << none;
    QTest::newRow("the original's settings without DB_DRIVER")
        << Settings { { u"DB_HOST"_s, u"db"_s },
                      { u"DB_PORT"_s, u"3307"_s },
                      { u"DB_USER"_s, u"im"_s },
                      { u"DB_PASS"_s, u"pw"_s },
                      { u"DB_NAME"_s, u"chat"_s } }
        << u"mariadb"_s << none;
    QTest::newRow("a database name alone")
        << Settings { { u"DB_NAME"_s, u"chat"_s }, { u"DB_USER"_s, u"im"_s } } << u"mariadb"_s
        << none;
    QTest::newRow("an empty value is no setting")
        << Settings { { u"DB_USER"_s, QString() } } << u"sqlite"_s << none;
    QTest::newRow("DB_DRIVER=mariadb explicitly")
        << Settings { { u"DB_DRIVER"_s, u"mariadb"_s }, { u"DB_USER"_s, u"im"_s } } << u"mariadb"_s
        << none;
    QTest::newRow("DB_DRIVER=sqlite with MariaDB settings") << Settings {
        { u"DB_DRIVER"_s, u"sqlite"_s }, { u"DB_HOST"_s, u"db"_s }, { u"DB_USER"_s, u"im"_s }
    } << u"sqlite"_s << QStringList { u"DB_DRIVER=sqlite"_s, u"DB_HOST"_s, u"DB_USER"_s };
    QTest::newRow("DB_DRIVER=mariadb with DB_PATH")
        << Settings { { u"DB_DRIVER"_s, u"mariadb"_s },
                      { u"DB_USER"_s, u"im"_s },
                      { u"DB_PATH"_s, u"/x.sqlite"_s } }
        << u"mariadb"_s << QStringList { u"DB_DRIVER=mariadb"_s, u"DB_PATH"_s };
    QTest::newRow("DB_PATH and DB_HOST without DB_DRIVER")
        << Settings { { u"DB_PATH"_s, u"/x.sqlite"_s }, { u"DB_HOST"_s, u"db"_s } } << u"sqlite"_s
        << QStringList { u"DB_PATH"_s, u"DB_HOST"_s, u"DB_DRIVER"_s };
    QTest::newRow("a MariaDB password alone")
        << Settings { { u"DB_PASS"_s, u"pw"_s } } << u"sqlite"_s
        << QStringList { u"DB_PASS"_s, u"DB_DRIVER=mariadb"_s };
}

void TestConfigLoader::databaseDriverFollowsTheSettings()
{
    QFETCH(Settings, environment);
    QFETCH(QString, driver);
    QFETCH(QStringList, conflicting);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const LoadedConfig loaded = load(dir.path(), {}, environment);
    QCOMPARE(fieldText(loaded.config, u"DB_DRIVER").value(), driver);
    if (conflicting.isEmpty()) {
        QCOMPARE(loaded.problems, QStringList());
        QVERIFY(!loaded.databaseChoice.isEmpty());
        return;
    }
    QCOMPARE(loaded.problems.size(), 1);
    const QString &problem = loaded.problems.constFirst();
    for (const QString &key : std::as_const(conflicting))
        QVERIFY2(problem.contains(key), qPrintable(problem));
    QVERIFY2(problem.contains(u"environment"_s), qPrintable(problem)); // where they were set
    QVERIFY2(!problem.contains(u"pw"_s), qPrintable(problem)); // values are never shown
}

void TestConfigLoader::originalEnvFileChoosesMariaDbAndListsWhatIsIgnored()
{
    // GIVEN the original server's .env.prod as its README has it, and NODE_ENV=prod
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(u".env.prod"_s);
    QVERIFY(writeFile(file,
                      "PORT=3000\nSECRET_KEY=an-original-secret-key\nUSER_AUTH_KEY=user_auth\n"
                      "DB_HOST=127.0.0.1\nDB_PORT=3306\nDB_USER=root\nDB_PASS=db-password-9\n"
                      "DB_NAME=im_server\nREDIS_HOST=127.0.0.1\nREDIS_PORT=6379\nREDIS_DB=0\n"
                      "MULTER_DEST=/upload\n"
                      "CLIENTORIGIN=http://localhost:1212___http://127.0.0.1:1212\n"));

    const LoadedConfig loaded = load(dir.path(), {}, { { u"NODE_ENV"_s, u"prod"_s } });

    QCOMPARE(loaded.problems, QStringList());
    QCOMPARE(loaded.config.dbDriver, DatabaseDriver::MariaDb);
    QCOMPARE(loaded.config.dbName, u"im_server"_s);
    QVERIFY2(loaded.databaseChoice.contains(u"DB_DRIVER is not set"_s),
             qPrintable(loaded.databaseChoice));
    QVERIFY2(loaded.databaseChoice.contains(u"DB_HOST (%1:4)"_s.arg(file)),
             qPrintable(loaded.databaseChoice));
    QCOMPARE(loaded.ignored.size(), 2);
    QVERIFY2(loaded.ignored.at(0).startsWith(u"USER_AUTH_KEY: "_s),
             qPrintable(loaded.ignored.at(0)));
    QVERIFY2(
        loaded.ignored.at(1).startsWith(u"REDIS_HOST, REDIS_PORT, REDIS_DB: Redis is not used"_s),
        qPrintable(loaded.ignored.at(1)));
    const QString everything = loaded.databaseChoice + loaded.ignored.join(u'\n');
    QVERIFY(!everything.contains(u"db-password-9"_s));
    QVERIFY(!everything.contains(u"an-original-secret-key"_s));

    // Without it nothing is listed as ignored.
    QCOMPARE(load(dir.path(), {}, { { u"NODE_ENV"_s, u"dev"_s } }).ignored, QStringList());
}

void TestConfigLoader::keepListNamesAccountsOrIds()
{
    const AdminKeepList none;
    QVERIFY(none.isEmpty());
    QVERIFY(!none.keeps(10000, u"13800000000"_s));

    const AdminKeepList some = AdminKeepList::parse(u"13800000000,10005").value();
    QVERIFY(some.keeps(10000, u"13800000000"_s)); // by account
    QVERIFY(some.keeps(10005, u"13900000000"_s)); // by id
    QVERIFY(!some.keeps(10001, u"13900000001"_s));
    QVERIFY(!some.keeps(10001, QString())); // a deleted account has none

    const AdminKeepList all = AdminKeepList::parse(u" all ").value();
    QVERIFY(all.keeps(10001, QString()));
    QVERIFY(!AdminKeepList::parse(u"10000;10001"));
}

QTEST_GUILESS_MAIN(TestConfigLoader)
#include "tst_configloader.moc"
