#include "socketio/engineioserver.h"

#include "http/envelope.h"
#include "http/httpserver.h"
#include "socketio/engineiosession.h"
#include "socketio/logging.h"
#include "socketio/sessionid.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace Im::SocketIo {

namespace {

// The reference server's error bodies, which clients and the conformance suite read.
enum class EngineError {
    UnknownTransport = 0,
    UnknownSid = 1,
    BadHandshakeMethod = 2,
    BadRequest = 3,
    UnsupportedProtocolVersion = 5
};

Http::HttpResponse engineError(EngineError code)
{
    static const QHash<EngineError, QString> messages = {
        { EngineError::UnknownTransport, u"Transport unknown"_s },
        { EngineError::UnknownSid, u"Session ID unknown"_s },
        { EngineError::BadHandshakeMethod, u"Bad handshake method"_s },
        { EngineError::BadRequest, u"Bad request"_s },
        { EngineError::UnsupportedProtocolVersion, u"Unsupported protocol version"_s },
    };
    return Http::HttpResponse::json(
        400, QJsonObject { { u"code"_s, int(code) }, { u"message"_s, messages.value(code) } });
}

// Both "/socket.io" and "/socket.io/" address the endpoint.
QString normalizedPath(const QString &path)
{
    return path.endsWith(u'/') ? path : path + u'/';
}

} // namespace

EngineIoServer::EngineIoServer(Http::HttpServer &http, EngineOptions options, QObject *parent)
    : QObject(parent)
    , m_http(http)
    , m_options(std::move(options))
{
    m_options.path = normalizedPath(m_options.path);
    const auto polling = [this](const Http::HttpRequest &request) {
        return handlePolling(request);
    };
    // Other methods are routed too, so they get Engine.IO's 400 rather than the router's 405.
    using Method = Http::HttpRequest::Method;
    for (Method method : { Method::Get, Method::Post, Method::Put, Method::Delete, Method::Patch })
        m_http.router().add(method, m_options.path, polling);
    m_http.setWebSocketUpgradeFilter([path = m_options.path](const Http::HttpRequest &request) {
        return normalizedPath(request.path) == path;
    });
    connect(&m_http, &Http::HttpServer::newWebSocketConnection, this,
            &EngineIoServer::onNewWebSocket);
}

EngineIoServer::~EngineIoServer()
{
    closeAll();
}

QList<EngineIoSession *> EngineIoServer::sessions() const
{
    return m_sessions.values();
}

EngineIoSession *EngineIoServer::session(const QString &sid) const
{
    return m_sessions.value(sid);
}

void EngineIoServer::closeAll()
{
    const auto sessions = m_sessions.values();
    for (EngineIoSession *session : sessions)
        session->close(u"server shutting down"_s);
}

QFuture<Http::HttpResponse> EngineIoServer::handlePolling(const Http::HttpRequest &request)
{
    const auto ready = [](Http::HttpResponse response) {
        return QtFuture::makeReadyFuture(std::move(response));
    };
    const QString eio = request.query.queryItemValue(u"EIO"_s);
    if (eio != "4"_L1) {
        // EIO=3 clients (socket.io-client 2.x) speak another protocol: refuse them clearly.
        return ready(engineError(EngineError::UnsupportedProtocolVersion));
    }
    if (request.query.queryItemValue(u"transport"_s) != "polling"_L1)
        return ready(engineError(EngineError::UnknownTransport));

    if (request.method != Http::HttpRequest::Method::Get
        && request.method != Http::HttpRequest::Method::Post)
        return ready(engineError(EngineError::BadRequest));
    const QString sid = request.query.queryItemValue(u"sid"_s);
    if (sid.isEmpty()) {
        if (request.method != Http::HttpRequest::Method::Get)
            return ready(engineError(EngineError::BadHandshakeMethod));
        return ready(openPollingSession(request));
    }
    EngineIoSession *session = m_sessions.value(sid);
    if (!session)
        return ready(engineError(EngineError::UnknownSid));
    if (request.method == Http::HttpRequest::Method::Get)
        return session->handlePollingGet(request);
    return ready(session->handlePollingPost(request));
}

Http::HttpResponse EngineIoServer::openPollingSession(const Http::HttpRequest &request)
{
    Handshake handshake { request.headers, request.query, request.remoteAddress,
                          QDateTime::currentDateTimeUtc() };
    EngineIoSession *session = createSession(std::move(handshake), TransportKind::Polling);
    const QByteArray open = encodeText(session->openPacket());
    session->m_stats.bytesOut += open.size();
    ++session->m_stats.packetsOut;
    Http::HttpResponse response { 200, "text/plain; charset=UTF-8", open, {} };
    Q_EMIT sessionOpened(session);
    return response;
}

void EngineIoServer::onNewWebSocket()
{
    while (m_http.hasPendingWebSocketConnections())
        adoptWebSocket(m_http.nextPendingWebSocketConnection());
}

void EngineIoServer::adoptWebSocket(std::unique_ptr<QWebSocket> socket)
{
    if (!socket)
        return;
    const QUrl url = socket->requestUrl();
    const QUrlQuery query(url);
    if (normalizedPath(url.path()) != m_options.path || query.queryItemValue(u"EIO"_s) != "4"_L1
        || query.queryItemValue(u"transport"_s) != "websocket"_L1) {
        socket->close(QWebSocketProtocol::CloseCodePolicyViolated, u"Bad request"_s);
        socket.release()->deleteLater();
        return;
    }
    const QString sid = query.queryItemValue(u"sid"_s);
    if (!sid.isEmpty()) {
        EngineIoSession *session = m_sessions.value(sid);
        if (!session || !session->canUpgrade()) {
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated, u"Bad request"_s);
            socket.release()->deleteLater();
            return;
        }
        session->attachWebSocket(socket.release(), true);
        return;
    }
    Handshake handshake;
    const QNetworkRequest upgrade = socket->request();
    for (const QByteArray &name : upgrade.rawHeaderList())
        handshake.headers.append({ name, upgrade.rawHeader(name) });
    handshake.query = query;
    handshake.remoteAddress = socket->peerAddress();
    handshake.issued = QDateTime::currentDateTimeUtc();
    EngineIoSession *session = createSession(std::move(handshake), TransportKind::WebSocket);
    session->attachWebSocket(socket.release(), false);
    Q_EMIT sessionOpened(session);
}

EngineIoSession *EngineIoServer::createSession(Handshake handshake, TransportKind transport)
{
    QString sid = randomSessionId();
    while (m_sessions.contains(sid))
        sid = randomSessionId();
    auto *session = new EngineIoSession(this, sid, std::move(handshake), transport);
    m_sessions.insert(sid, session);
    ++m_counters.sessionsOpened;
    qCDebug(lcEngine) << "session" << sid << "opened from"
                      << session->handshake().remoteAddress.toString();
    return session;
}

void EngineIoServer::forget(EngineIoSession *session)
{
    if (m_sessions.remove(session->id()) > 0) {
        ++m_counters.sessionsClosed;
        const SessionInfo info = session->info();
        m_counters.bytesIn += info.bytesIn;
        m_counters.bytesOut += info.bytesOut;
        m_counters.packetsIn += info.packetsIn;
        m_counters.packetsOut += info.packetsOut;
    }
    session->deleteLater();
}

ServerCounters EngineIoServer::counters() const
{
    // Closed sessions were added when they closed; live ones are added on the fly.
    ServerCounters counters = m_counters;
    for (const EngineIoSession *session : m_sessions) {
        const SessionInfo info = session->info();
        counters.bytesIn += info.bytesIn;
        counters.bytesOut += info.bytesOut;
        counters.packetsIn += info.packetsIn;
        counters.packetsOut += info.packetsOut;
    }
    return counters;
}

} // namespace Im::SocketIo
