// im-socketio-echo: a small echo server on the Socket.IO library, for the interop tests
// (tests/interop) and for anyone checking conformance with the official protocol test suites
// (socketio/engine.io-protocol, socketio/socket.io-protocol), whose server contract it follows.
//
// Socket.IO mode (default, path /socket.io/): namespaces "/" and "/custom" emit `auth` with the
// CONNECT payload on connect, echo `message` as `message-back`, ack `message-with-ack` with its own
// arguments, and answer `request-server-ack` [event, timeoutMs] by emitting `event` ("ping") with
// an ack request and then `server-ack-result` [status, ...ack arguments]. Namespace "/auth" does
// the same after authenticating the Engine.IO handshake's `authorization: good-token` and `userid`
// headers, and emits `whoami` [userid] on connect. Other namespaces are refused.
//
// Engine mode (--engine-only, path /engine.io/): every message is sent back as it came.
//
// Prints `listening on http://127.0.0.1:<port>` when ready; exits 0 on SIGTERM / SIGINT.

#include "http/httpserver.h"
#include "im/futures.h"
#include "socketio/engineioserver.h"
#include "socketio/engineiosession.h"
#include "socketio/socketionamespace.h"
#include "socketio/socketioserver.h"
#include "socketio/socketiosocket.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFuture>
#include <QPointer>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace Im;

namespace {

int signalPipe[2] = { -1, -1 };

void onSignal(int signalNumber)
{
    const char byte = char(signalNumber);
    [[maybe_unused]] const auto written = ::write(signalPipe[1], &byte, 1);
}

//! Quits the event loop on SIGTERM / SIGINT (self-pipe: the handler only writes a byte).
bool watchTerminationSignals(QCoreApplication &app)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        return false;
    auto *notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, [&app] {
        char byte = 0;
        [[maybe_unused]] const auto bytesRead = ::read(signalPipe[0], &byte, 1);
        app.quit();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(SIGTERM, &action, nullptr) == 0
        && ::sigaction(SIGINT, &action, nullptr) == 0;
}

QString ackStatusName(SocketIo::AckResult::Status status)
{
    switch (status) {
    case SocketIo::AckResult::Status::Acknowledged:
        return u"acknowledged"_s;
    case SocketIo::AckResult::Status::TimedOut:
        return u"timeout"_s;
    case SocketIo::AckResult::Status::Disconnected:
        break;
    }
    return u"disconnected"_s;
}

//! The event handlers every Socket.IO namespace of the echo server has.
void addEchoHandlers(SocketIo::SocketIoSocket *socket)
{
    socket->on(u"message"_s, [socket](const QVariantList &arguments, const SocketIo::Ack &) {
        socket->send(u"message-back"_s, arguments);
    });
    socket->on(u"message-with-ack"_s,
               [](const QVariantList &arguments, const SocketIo::Ack &ack) { ack(arguments); });
    socket->on(u"request-server-ack"_s,
               [socket](const QVariantList &arguments, const SocketIo::Ack &) {
                   const QString event = arguments.value(0).toString();
                   const auto timeout = std::chrono::milliseconds(arguments.value(1).toLongLong());
                   // The socket is the context: a result for a socket that is gone has nowhere to
                   // go.
                   socket->sendWithAck(event, { u"ping"_s }, timeout,
                                       [socket](const SocketIo::AckResult &result) {
                                           QVariantList reply { ackStatusName(result.status) };
                                           reply.append(result.arguments);
                                           socket->send(u"server-ack-result"_s, reply);
                                       });
               });
}

//! What the reference server emits as `auth`: socket.handshake.auth, `{}` without a payload.
QVariant authPayload(const SocketIo::SocketIoSocket *socket)
{
    const QVariant &auth = socket->auth();
    return auth.isNull() || !auth.isValid() ? QVariant(QVariantMap()) : auth;
}

void setUpSocketIo(SocketIo::SocketIoServer &io)
{
    for (const QString &name : { u"/"_s, u"/custom"_s }) {
        QObject::connect(io.of(name), &SocketIo::SocketIoNamespace::connected,
                         [](SocketIo::SocketIoSocket *socket) {
                             addEchoHandlers(socket);
                             socket->send(u"auth"_s, { authPayload(socket) });
                         });
    }

    SocketIo::SocketIoNamespace *authNamespace = io.of(u"/auth"_s);
    authNamespace->setAuthenticator([](const SocketIo::ConnectRequest &request) {
        const QByteArray userId = request.handshake.header("userid");
        if (request.handshake.header("authorization") == "good-token" && !userId.isEmpty()) {
            return QtFuture::makeReadyFuture(
                SocketIo::ConnectDecision::accept(QString::fromUtf8(userId)));
        }
        return QtFuture::makeReadyFuture(
            SocketIo::ConnectDecision::refuse(u"Authentication error"_s));
    });
    QObject::connect(authNamespace, &SocketIo::SocketIoNamespace::connected,
                     [](SocketIo::SocketIoSocket *socket) {
                         addEchoHandlers(socket);
                         socket->send(u"whoami"_s, { socket->userData() });
                     });
}

void setUpEngineEcho(SocketIo::EngineIoServer &engine)
{
    QObject::connect(
        &engine, &SocketIo::EngineIoServer::sessionOpened, [](SocketIo::EngineIoSession *session) {
            QObject::connect(session, &SocketIo::EngineIoSession::textReceived, session,
                             [session](const QString &text) { session->sendText(text); });
            QObject::connect(session, &SocketIo::EngineIoSession::binaryReceived, session,
                             [session](const QByteArray &data) { session->sendBinary(data); });
        });
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"im-socketio-echo"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Socket.IO / Engine.IO echo server for the interop and conformance tests."_s);
    parser.addHelpOption();
    const QCommandLineOption portOption(u"port"_s, u"TCP port on 127.0.0.1 (0: a free one)."_s,
                                        u"port"_s, u"3000"_s);
    const QCommandLineOption pathOption(
        u"path"_s, u"Endpoint path (default /socket.io/, /engine.io/ with --engine-only)."_s,
        u"path"_s);
    const QCommandLineOption pingIntervalOption(u"ping-interval"_s, u"Ping interval in ms."_s,
                                                u"ms"_s, u"25000"_s);
    const QCommandLineOption pingTimeoutOption(u"ping-timeout"_s, u"Ping timeout in ms."_s, u"ms"_s,
                                               u"20000"_s);
    const QCommandLineOption maxPayloadOption(u"max-payload"_s, u"Largest payload in bytes."_s,
                                              u"bytes"_s, u"1000000"_s);
    const QCommandLineOption connectTimeoutOption(
        u"connect-timeout"_s, u"Time a session has to connect to a namespace, in ms."_s, u"ms"_s,
        u"45000"_s);
    const QCommandLineOption engineOnlyOption(u"engine-only"_s,
                                              u"Engine.IO only: echo every message as it came."_s);
    parser.addOptions({ portOption, pathOption, pingIntervalOption, pingTimeoutOption,
                        maxPayloadOption, connectTimeoutOption, engineOnlyOption });
    parser.process(app);

    QTextStream err(stderr);
    const auto number = [&](const QCommandLineOption &option, qint64 minimum, qint64 *value) {
        bool ok = false;
        *value = parser.value(option).toLongLong(&ok);
        if (!ok || *value < minimum) {
            err << "invalid --" << option.names().constFirst() << ": " << parser.value(option)
                << Qt::endl;
            return false;
        }
        return true;
    };
    qint64 port = 0;
    qint64 pingInterval = 0;
    qint64 pingTimeout = 0;
    qint64 maxPayload = 0;
    qint64 connectTimeout = 0;
    if (!number(portOption, 0, &port) || port > 65535
        || !number(pingIntervalOption, 1, &pingInterval)
        || !number(pingTimeoutOption, 1, &pingTimeout) || !number(maxPayloadOption, 1, &maxPayload)
        || !number(connectTimeoutOption, 1, &connectTimeout)) {
        return 2;
    }
    const bool engineOnly = parser.isSet(engineOnlyOption);
    QString path = parser.value(pathOption);
    if (path.isEmpty())
        path = engineOnly ? u"/engine.io/"_s : u"/socket.io/"_s;
    if (!path.startsWith(u'/'))
        path.prepend(u'/');
    if (!path.endsWith(u'/'))
        path.append(u'/');

    if (!watchTerminationSignals(app)) {
        err << "cannot install the signal handlers" << Qt::endl;
        return 1;
    }

    Http::HttpServer::Options httpOptions;
    httpOptions.address = QHostAddress::LocalHost;
    httpOptions.port = quint16(port);
    // Room for the headers: the engine judges the payload size itself.
    httpOptions.maxRequestBytes = maxPayload + 64 * 1024;
    httpOptions.allowedOrigins = {}; // reflect any Origin
    Http::HttpServer http(httpOptions);

    SocketIo::EngineOptions engineOptions;
    engineOptions.path = path;
    engineOptions.pingInterval = std::chrono::milliseconds(pingInterval);
    engineOptions.pingTimeout = std::chrono::milliseconds(pingTimeout);
    engineOptions.maxPayload = maxPayload;
    SocketIo::EngineIoServer engine(http, engineOptions);

    std::unique_ptr<SocketIo::SocketIoServer> io;
    if (engineOnly) {
        setUpEngineEcho(engine);
    } else {
        SocketIo::SocketIoServer::Options ioOptions;
        ioOptions.connectTimeout = std::chrono::milliseconds(connectTimeout);
        io = std::make_unique<SocketIo::SocketIoServer>(engine, ioOptions);
        setUpSocketIo(*io);
    }

    const Result<quint16> bound = http.start();
    if (!bound) {
        err << "cannot listen on 127.0.0.1:" << port << ": " << bound.error().message << Qt::endl;
        return 1;
    }
    QTextStream(stdout) << "listening on http://127.0.0.1:" << bound.value() << Qt::endl;

    const int code = app.exec();
    engine.closeAll();
    return code;
}
