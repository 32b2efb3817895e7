#include "socketio/engineioserver.h"

#include "http/envelope.h"
#include "http/httpserver.h"
#include "socketio/engineiosession.h"
#include "socketio/logging.h"
#include "socketio/sessionid.h"
#include "socketio/upgradebinding.h"

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
    Forbidden = 4,
    UnsupportedProtocolVersion = 5
};

Http::HttpResponse engineError(EngineError code, int status = 400, const QString &message = {})
{
    static const QHash<EngineError, QString> messages = {
        { EngineError::UnknownTransport, u"Transport unknown"_s },
        { EngineError::UnknownSid, u"Session ID unknown"_s },
        { EngineError::BadHandshakeMethod, u"Bad handshake method"_s },
        { EngineError::BadRequest, u"Bad request"_s },
        { EngineError::Forbidden, u"Forbidden"_s },
        { EngineError::UnsupportedProtocolVersion, u"Unsupported protocol version"_s },
    };
    return Http::HttpResponse::json(
        status,
        QJsonObject { { u"code"_s, int(code) },
                      { u"message"_s, message.isEmpty() ? messages.value(code) : message } });
}

// A handshake over the unjoined-session caps: the reference server's refusal (code 4, as its
// allowRequest hook answers), with a status that tells clients and proxies to come back later.
Http::HttpResponse handshakeRefusal(UnjoinedSessions::Verdict verdict)
{
    if (verdict == UnjoinedSessions::Verdict::TooManyFromAddress)
        return engineError(EngineError::Forbidden, 429, u"Too many sessions from this address"_s);
    return engineError(EngineError::Forbidden, 503, u"Too many sessions"_s);
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
    , m_heartbeats([](EngineIoSession *session) { session->onHeartbeatDue(); })
    , m_unjoined(m_options.maxUnjoinedSessions, m_options.maxUnjoinedPerAddress)
{
    m_options.path = normalizedPath(m_options.path);
    const auto polling = [this](const Http::HttpRequest &request) {
        return handlePolling(request);
    };
    // Other methods are routed too, so they get Engine.IO's 400 rather than the router's 405.
    using Method = Http::HttpRequest::Method;
    for (Method method :
         { Method::Get, Method::Post, Method::Put, Method::Delete, Method::Patch }) {
        m_http.router().add(method, m_options.path, polling);
        // Payloads are text/plain or application/octet-stream; Engine.IO decodes them itself.
        m_http.router().acceptAnyBody(method, m_options.path);
    }
    m_http.setWebSocketUpgradeFilter(
        [this](const Http::HttpRequest &request) { return refuseUpgrade(request); });
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
        const auto verdict = m_unjoined.admit(request.remoteAddress);
        if (verdict != UnjoinedSessions::Verdict::Admit)
            return ready(handshakeRefusal(verdict));
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

std::optional<Http::HttpResponse> EngineIoServer::refuseUpgrade(const Http::HttpRequest &request)
{
    if (normalizedPath(request.path) != m_options.path)
        return Http::HttpServer::notFound(request);
    const QString sid = request.query.queryItemValue(u"sid"_s);
    if (sid.isEmpty()) {
        // A session opened over WebSocket: refused before the upgrade when over the caps.
        const auto verdict = m_unjoined.admit(request.remoteAddress);
        if (verdict != UnjoinedSessions::Verdict::Admit)
            return handshakeRefusal(verdict);
        return std::nullopt;
    }
    const EngineIoSession *session = m_sessions.value(sid);
    if (session && session->canUpgrade()
        && upgradeBelongsToSession(session->handshake(), request.headers, request.remoteAddress,
                                   m_options.upgradeBindingHeaders)) {
        return std::nullopt;
    }
    ++m_counters.upgradesRefused;
    qCDebug(lcEngine) << "upgrade of session" << sid << "from" << request.remoteAddress.toString()
                      << "refused:" << (session ? "not its client" : "unknown session");
    // The reference server's answers: an unknown session, or a request it will not serve.
    if (!session)
        return engineError(EngineError::UnknownSid);
    return engineError(EngineError::Forbidden, 403, u"Upgrade refused"_s);
}

void EngineIoServer::onNewWebSocket()
{
    while (m_http.hasPendingWebSocketConnections()) {
        auto pending = m_http.nextPendingWebSocketConnection();
        adoptWebSocket(std::move(pending.socket), pending.clientAddress);
    }
}

void EngineIoServer::adoptWebSocket(std::unique_ptr<QWebSocket> socket,
                                    const QHostAddress &clientAddress)
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
        // The filter checked that the upgrade belongs to the session; it may have closed or
        // started another upgrade since.
        if (!session || !session->canUpgrade()) {
            ++m_counters.upgradesRefused;
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated, u"Bad request"_s);
            socket.release()->deleteLater();
            return;
        }
        session->attachWebSocket(socket.release(), true);
        return;
    }
    // Upgrades admitted by the filter may have filled the caps since.
    if (m_unjoined.admit(clientAddress) != UnjoinedSessions::Verdict::Admit) {
        socket->close(QWebSocketProtocol::CloseCode(1013), u"Too many sessions"_s); // try later
        socket.release()->deleteLater();
        return;
    }
    Handshake handshake;
    const QNetworkRequest upgrade = socket->request();
    const QList<QByteArray> names = upgrade.rawHeaderList();
    handshake.headers.reserve(names.size());
    for (const QByteArray &name : names)
        handshake.headers.append({ name, upgrade.rawHeader(name) });
    handshake.query = query;
    handshake.remoteAddress = clientAddress;
    handshake.issued = QDateTime::currentDateTimeUtc();
    EngineIoSession *session = createSession(std::move(handshake), TransportKind::WebSocket);
    session->attachWebSocket(socket.release(), false);
    Q_EMIT sessionOpened(session);
}

EngineIoSession *EngineIoServer::createSession(Handshake handshake, TransportKind transport)
{
    if (!m_options.keptHeaders.isEmpty())
        handshake.keepOnly(m_options.keptHeaders + m_options.upgradeBindingHeaders);
    QString sid = randomSessionId();
    while (m_sessions.contains(sid))
        sid = randomSessionId();
    auto *session = new EngineIoSession(this, sid, std::move(handshake), transport);
    m_sessions.insert(sid, session);
    m_unjoined.add(session->handshake().remoteAddress);
    ++m_counters.sessionsOpened;
    qCDebug(lcEngine) << "session" << sid << "opened from"
                      << session->handshake().remoteAddress.toString();
    return session;
}

void EngineIoServer::forget(EngineIoSession *session)
{
    if (m_sessions.remove(session->id()) > 0) {
        if (!session->hasJoined())
            m_unjoined.remove(session->handshake().remoteAddress);
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
    counters.handshakesRefused = m_unjoined.refused();
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
