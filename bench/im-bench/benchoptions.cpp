#include "benchoptions.h"

#include <QCommandLineParser>
#include <QTextStream>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace Im::Bench {

namespace {

// Reads an integer option within [low, high]; records a mistake otherwise.
int integerOption(const QCommandLineParser &parser, const QString &name, int fallback, int low,
                  int high, QStringList *mistakes)
{
    if (!parser.isSet(name))
        return fallback;
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    if (!ok || value < low || value > high) {
        mistakes->append(u"--%1 must be an integer from %2 to %3"_s.arg(name).arg(low).arg(high));
        return fallback;
    }
    return value;
}

// Reads a number option within [low, high]; records a mistake otherwise.
double numberOption(const QCommandLineParser &parser, const QString &name, double fallback,
                    double low, double high, QStringList *mistakes)
{
    if (!parser.isSet(name))
        return fallback;
    bool ok = false;
    const double value = parser.value(name).toDouble(&ok);
    if (!ok || value < low || value > high) {
        mistakes->append(u"--%1 must be a number from %2 to %3"_s.arg(name).arg(low).arg(high));
        return fallback;
    }
    return value;
}

// Reads a process id option; 0 when it is not given.
qint64 pidOption(const QCommandLineParser &parser, const QString &name, QStringList *mistakes)
{
    return integerOption(parser, name, 0, 1, std::numeric_limits<int>::max(), mistakes);
}

// The login options come together; --users defaults to the accounts left after the catch-up
// device's, which is the account after the chatting users.
void readLoginOptions(const QCommandLineParser &parser, BenchOptions &options,
                      QStringList *mistakes)
{
    options.loginBase = parser.value(u"login-base"_s);
    options.loginPassword = parser.value(u"login-password"_s);
    options.loginCount = integerOption(parser, u"login-count"_s, 0, 1, 1000000, mistakes);
    options.prepareAccounts = parser.isSet(u"prepare-accounts"_s);
    const bool anyLogin = parser.isSet(u"login-base"_s) || parser.isSet(u"login-count"_s)
        || parser.isSet(u"login-password"_s) || options.prepareAccounts;
    if (!anyLogin)
        return;
    if (options.loginBase.isEmpty() || options.loginCount == 0 || options.loginPassword.isEmpty()) {
        mistakes->append(u"--login-base, --login-count and --login-password go together (and with "
                         "--prepare-accounts)"_s);
        return;
    }
    // The padded index must fit the 11 characters of an account number.
    const qsizetype width = 11 - options.loginBase.size();
    if (width > 0 && width < 7 && options.loginCount > std::pow(10, width))
        mistakes->append(u"--login-base %1 leaves room for %2 accounts only"_s.arg(
            options.loginBase, QString::number(std::pow(10, width), 'f', 0)));
    const int catchUpAccounts = options.catchUp > 0 ? 1 : 0;
    if (!parser.isSet(u"users"_s))
        options.users = options.loginCount - catchUpAccounts;
    if (options.users < 2 || options.users + catchUpAccounts > options.loginCount) {
        mistakes->append(u"--login-count %1 is too small for %2 users%3"_s.arg(options.loginCount)
                             .arg(std::max(options.users, 2))
                             .arg(catchUpAccounts ? u" and the catch-up device's"_s : QString()));
    }
}

} // namespace

std::optional<BenchOptions> parseBenchOptions(const QStringList &arguments, int *exitCode)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Load test for im-server's messaging core: registers users (or logs existing ones in), "
        "connects Socket.IO clients (devices), sends chat messages to random peers and groups "
        "with a fixed number in flight or at a fixed offered rate, optionally lets one device "
        "catch up on a long backlog meanwhile, and reports throughput, latencies, CPU and "
        "missing deliveries. Exits with 1 when a send failed or a delivery is missing."_s);
    parser.addHelpOption();
    const BenchOptions defaults;
    parser.addOptions({
        { u"url"_s, u"Server to load (default %1)."_s.arg(defaults.url.toString()), u"url"_s },
        { u"socket-path"_s, u"The server's SOCKET_PATH (default %1)."_s.arg(defaults.socketPath),
          u"path"_s },
        { u"users"_s,
          u"Users (default %1; with --login-count, the accounts but the catch-up one)."_s.arg(
              defaults.users),
          u"n"_s },
        { u"devices"_s,
          u"Sockets per user, each its own device id; every device of a receiver gets every "
          "push (default %1)."_s.arg(defaults.devices),
          u"n"_s },
        { u"messages"_s, u"Messages each user sends (default %1)."_s.arg(defaults.messagesPerUser),
          u"m"_s },
        { u"group-share"_s,
          u"Share of messages sent to the sender's group, 0..1 (default %1)."_s.arg(
              defaults.groupShare),
          u"share"_s },
        { u"group-size"_s, u"Members per group (default %1)."_s.arg(defaults.groupSize), u"n"_s },
        { u"concurrency"_s,
          u"Closed loop: messages in flight per sender (default %1)."_s.arg(defaults.concurrency),
          u"n"_s },
        { u"rate"_s,
          u"Open loop: offer this many messages a second in all, sent at fixed times spread over "
          "the senders whatever the answers; latencies count from the due time."_s,
          u"per-second"_s },
        { u"max-outstanding"_s,
          u"Open loop: sends awaiting their ack before further ones are dropped and counted as "
          "failures (default %1)."_s.arg(defaults.maxOutstanding),
          u"n"_s },
        { u"login-base"_s,
          u"Log existing accounts in instead of registering: <base> followed by the index "
          "0..count-1, zero-padded to 11 characters (e.g. 1391000 -> 13910000000)."_s,
          u"base"_s },
        { u"login-count"_s, u"How many accounts of --login-base there are."_s, u"n"_s },
        { u"login-password"_s, u"The password of those accounts."_s, u"password"_s },
        { u"prepare-accounts"_s,
          u"Register the --login-base accounts first (existing ones are kept), then log them in; "
          "with --messages 0 a run only prepares them."_s },
        { u"catch-up"_s,
          u"Catch-up scenario: store this many messages for one extra user's offline device "
          "before the chat, connect it during the chat and time its catch-up."_s,
          u"n"_s },
        { u"catch-up-window"_s,
          u"Backlog sends in flight while storing it (default %1)."_s.arg(defaults.catchUpWindow),
          u"n"_s },
        { u"catch-up-after"_s,
          u"Milliseconds into the chat phase the catch-up device connects (default %1)."_s.arg(
              defaults.catchUpAfterMs),
          u"ms"_s },
        { u"server-pid"_s, u"A server started by hand: report its CPU use."_s, u"pid"_s },
        { u"db-pid"_s,
          u"The database server (e.g. mariadbd): report its CPU use and CPU per message."_s,
          u"pid"_s },
        { { u"json"_s, u"report-json"_s },
          u"Also write the report as JSON to this file."_s,
          u"file"_s },
        { u"ack-timeout"_s,
          u"Milliseconds a send may wait for its ack (default %1)."_s.arg(defaults.ackTimeoutMs),
          u"ms"_s },
        { u"drain-timeout"_s,
          u"Milliseconds deliveries may trail the last ack (default %1)."_s.arg(
              defaults.drainTimeoutMs),
          u"ms"_s },
        { u"seed"_s, u"Seed of the random peer choice (default %1)."_s.arg(defaults.seed), u"n"_s },
        { u"start-server"_s,
          u"Start this im-server binary on a free port with a fresh data directory (SQLite "
          "unless told otherwise), CHAT_REQUIRE_FRIENDSHIP=false, and stop it at the end; "
          "--url is ignored."_s,
          u"path"_s },
        { { u"server-env"_s, u"db-env"_s },
          u"A setting for the started server, e.g. DB_DRIVER=mariadb (repeatable)."_s,
          u"KEY=VALUE"_s },
    });

    QTextStream err(stderr);
    if (!parser.parse(arguments)) {
        err << parser.errorText() << Qt::endl;
        *exitCode = 2;
        return std::nullopt;
    }
    if (parser.isSet(u"help"_s)) {
        QTextStream(stdout) << parser.helpText();
        *exitCode = 0;
        return std::nullopt;
    }

    BenchOptions options;
    QStringList mistakes;
    if (!parser.positionalArguments().isEmpty())
        mistakes.append(u"unexpected arguments: %1"_s.arg(parser.positionalArguments().join(u' ')));
    if (parser.isSet(u"url"_s)) {
        options.url = QUrl(parser.value(u"url"_s));
        if (!options.url.isValid() || options.url.scheme() != "http"_L1
            || options.url.host().isEmpty()) {
            mistakes.append(u"--url must be an http:// URL"_s);
        }
    }
    if (parser.isSet(u"socket-path"_s)) {
        options.socketPath = parser.value(u"socket-path"_s);
        if (!options.socketPath.startsWith(u'/') || !options.socketPath.endsWith(u'/'))
            mistakes.append(u"--socket-path must start and end with '/'"_s);
    }
    options.users = integerOption(parser, u"users"_s, options.users, 2, 100000, &mistakes);
    options.devices = integerOption(parser, u"devices"_s, options.devices, 1, 1000, &mistakes);
    options.rate = numberOption(parser, u"rate"_s, options.rate, 0.001, 10000000, &mistakes);
    options.maxOutstanding =
        integerOption(parser, u"max-outstanding"_s, options.maxOutstanding, 1, 10000000, &mistakes);
    options.catchUp = integerOption(parser, u"catch-up"_s, options.catchUp, 0, 10000000, &mistakes);
    options.catchUpWindow =
        integerOption(parser, u"catch-up-window"_s, options.catchUpWindow, 1, 100000, &mistakes);
    options.catchUpAfterMs =
        integerOption(parser, u"catch-up-after"_s, options.catchUpAfterMs, 0, 3600000, &mistakes);
    options.serverPid = pidOption(parser, u"server-pid"_s, &mistakes);
    options.databasePid = pidOption(parser, u"db-pid"_s, &mistakes);
    options.jsonPath = parser.value(u"json"_s);
    readLoginOptions(parser, options, &mistakes);
    options.messagesPerUser =
        integerOption(parser, u"messages"_s, options.messagesPerUser, 0, 10000000, &mistakes);
    // A basic group holds at most 200 members (store/groupqueries.h).
    options.groupSize =
        integerOption(parser, u"group-size"_s, options.groupSize, 2, 200, &mistakes);
    options.concurrency =
        integerOption(parser, u"concurrency"_s, options.concurrency, 1, 1000, &mistakes);
    options.ackTimeoutMs =
        integerOption(parser, u"ack-timeout"_s, options.ackTimeoutMs, 100, 600000, &mistakes);
    options.drainTimeoutMs =
        integerOption(parser, u"drain-timeout"_s, options.drainTimeoutMs, 0, 600000, &mistakes);
    options.seed =
        quint32(integerOption(parser, u"seed"_s, int(options.seed), 0, 1 << 30, &mistakes));
    if (parser.isSet(u"group-share"_s)) {
        bool ok = false;
        options.groupShare = parser.value(u"group-share"_s).toDouble(&ok);
        if (!ok || options.groupShare < 0 || options.groupShare > 1)
            mistakes.append(u"--group-share must be a number from 0 to 1"_s);
    }
    options.serverBinary = parser.value(u"start-server"_s);
    for (const QString &setting : parser.values(u"server-env"_s)) {
        const qsizetype equals = setting.indexOf(u'=');
        if (equals <= 0)
            mistakes.append(u"--server-env needs KEY=VALUE, got \"%1\""_s.arg(setting));
        else
            options.serverEnvironment.insert(setting.left(equals), setting.mid(equals + 1));
    }
    if (!parser.isSet(u"socket-path"_s) && options.serverEnvironment.contains(u"SOCKET_PATH"_s))
        options.socketPath = options.serverEnvironment.value(u"SOCKET_PATH"_s);
    if (!options.serverEnvironment.isEmpty() && options.serverBinary.isEmpty())
        mistakes.append(u"--server-env needs --start-server"_s);
    if (options.serverPid != 0 && !options.serverBinary.isEmpty())
        mistakes.append(u"--server-pid is for a server started by hand, not --start-server"_s);
    if (parser.isSet(u"max-outstanding"_s) && options.rate == 0)
        mistakes.append(u"--max-outstanding needs --rate"_s);
    if (parser.isSet(u"rate"_s) && parser.isSet(u"concurrency"_s))
        mistakes.append(u"--rate (open loop) and --concurrency (closed loop) exclude each other"_s);
    if ((parser.isSet(u"catch-up-window"_s) || parser.isSet(u"catch-up-after"_s))
        && options.catchUp == 0) {
        mistakes.append(u"--catch-up-window and --catch-up-after need --catch-up"_s);
    }

    if (!mistakes.isEmpty()) {
        for (const QString &mistake : std::as_const(mistakes))
            err << "im-bench: " << mistake << Qt::endl;
        *exitCode = 2;
        return std::nullopt;
    }
    return options;
}

} // namespace Im::Bench
