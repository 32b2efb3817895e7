#include "benchoptions.h"

#include <QCommandLineParser>
#include <QTextStream>

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

} // namespace

std::optional<BenchOptions> parseBenchOptions(const QStringList &arguments, int *exitCode)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Load test for im-server's messaging core: registers users, connects one Socket.IO "
        "client each, sends chat messages to random peers and groups, and reports throughput, "
        "latencies and missing deliveries. Exits with 1 when a send failed or a delivery is "
        "missing."_s);
    parser.addHelpOption();
    const BenchOptions defaults;
    parser.addOptions({
        { u"url"_s, u"Server to load (default %1)."_s.arg(defaults.url.toString()), u"url"_s },
        { u"socket-path"_s, u"The server's SOCKET_PATH (default %1)."_s.arg(defaults.socketPath),
          u"path"_s },
        { u"users"_s, u"Users, one socket each (default %1)."_s.arg(defaults.users), u"n"_s },
        { u"messages"_s, u"Messages each user sends (default %1)."_s.arg(defaults.messagesPerUser),
          u"m"_s },
        { u"group-share"_s,
          u"Share of messages sent to the sender's group, 0..1 (default %1)."_s.arg(
              defaults.groupShare),
          u"share"_s },
        { u"group-size"_s, u"Members per group (default %1)."_s.arg(defaults.groupSize), u"n"_s },
        { u"concurrency"_s,
          u"Messages in flight per sender (default %1)."_s.arg(defaults.concurrency), u"n"_s },
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

    if (!mistakes.isEmpty()) {
        for (const QString &mistake : std::as_const(mistakes))
            err << "im-bench: " << mistake << Qt::endl;
        *exitCode = 2;
        return std::nullopt;
    }
    return options;
}

} // namespace Im::Bench
