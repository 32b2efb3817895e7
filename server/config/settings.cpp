#include "config/settings.h"

#include <QStringList>

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
    { "CLIENTORIGIN"_L1, "Allowed CORS origins separated by `___`; empty allows any origin"_L1,
      "(empty: any origin)"_L1, false, applyClientOrigins },
    { "SOCKET_PATH"_L1, "Socket.IO endpoint path; must start and end with '/'"_L1,
      "/socket/v1/IM/"_L1, false, applySocketPath },
    { "SECRET_KEY"_L1,
      "Key signing session tokens, at least 16 characters; required in production"_L1,
      "(generated in development)"_L1, true, applyString<&S::secretKey> },
    { "USER_AUTH_KEY"_L1, "Prefix of session keys in the session store"_L1, "user_auth"_L1, false,
      applyNonEmpty<&S::userAuthKey> },
    { "DB_DRIVER"_L1, "Database backend: `sqlite` or `mariadb`"_L1, "sqlite"_L1, false,
      applyDbDriver },
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
    { "DB_CONNECT_TIMEOUT"_L1, "Database connect timeout in seconds"_L1, "10"_L1, false,
      applyInteger<&S::dbConnectTimeout, 1, 3600> },
    { "TIMEZONE"_L1, "UTC offset of stored and sent dates: +08:00, -05:30 or Z"_L1, "+08:00"_L1,
      false, applyTimeZone },
    { "REDIS_HOST"_L1, "Redis host"_L1, "127.0.0.1"_L1, false, applyNonEmpty<&S::redisHost> },
    { "REDIS_PORT"_L1, "Redis port"_L1, "6379"_L1, false, applyPort<&S::redisPort> },
    { "REDIS_DB"_L1, "Redis database index, 0..15"_L1, "0"_L1, false,
      applyInteger<&S::redisDb, 0, 15> },
    { "REDIS_USERNAME"_L1, "Redis ACL user name"_L1, "(empty)"_L1, false,
      applyString<&S::redisUsername> },
    { "REDIS_PWD"_L1, "Redis password"_L1, "(empty)"_L1, true, applyString<&S::redisPassword> },
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
    { "FFMPEG_PATH"_L1, "ffmpeg for video posters: a path or a name on PATH"_L1, "ffmpeg"_L1, false,
      applyNonEmpty<&S::ffmpegPath> },
    { "SWAGGER_UI_DIR"_L1,
      "Swagger UI for /api/docs: npm's swagger-ui-dist, which scripts/install-deps.sh installs"_L1,
      "(the source tree's copy)"_L1, false, applyString<&S::swaggerUiDir> },
    { "JWT_TTL"_L1, "Lifetime of a session token in seconds"_L1, "43200"_L1, false,
      applyInteger<&S::jwtLifetime, 1, maxSeconds> },
    { "SESSION_TTL"_L1, "Lifetime of a stored session in seconds"_L1, "43200"_L1, false,
      applyInteger<&S::sessionTtl, 1, maxSeconds> },
    { "API_CACHE_TTL"_L1, "Lifetime of cached API answers in seconds"_L1, "60"_L1, false,
      applyInteger<&S::apiCacheTtl, 1, maxSeconds> },
    { "API_CACHE_MAX_BYTES"_L1, "Memory the API cache may hold in bytes; 0 turns it off"_L1,
      "67108864"_L1, false, applyInteger<&S::apiCacheMaxBytes, 0, qint64(1) << 40> },
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
    { "MESSAGE_MAX_CONTENT"_L1, "Longest message content in characters, 1..1000000"_L1, "10000"_L1,
      false, applyInteger<&S::messageMaxContent, 1, 1000000> },
    { "DELIVERY_WINDOW"_L1, "Message pushes awaiting their ack per socket, 1..1000"_L1, "32"_L1,
      false, applyInteger<&S::deliveryWindow, 1, 1000> },
    { "DELIVERY_MAX_PENDING"_L1,
      "Messages queued per socket before the rest waits in the database, 10..1000000"_L1, "2000"_L1,
      false, applyInteger<&S::deliveryMaxPending, 10, 1000000> },
    { "ADMIN_SAMPLE_SECONDS"_L1,
      "Seconds between the admin console's rate samples (15 minutes are kept), 1..60"_L1, "5"_L1,
      false, applyInteger<&S::adminSampleInterval, 1, 60> },
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
