#include "http/httpserver.h"

#include "http/envelope.h"
#include "http/logging.h"
#include "im/futures.h"

#include <QTcpSocket>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace Qt::StringLiterals;

namespace Im::Http {

namespace {

// Bodies above this are read only after the route's own check of the head (authentication):
// smaller ones cost little, and checking every request twice would cost a lookup each.
constexpr qint64 checkHeadAbove = 64 * 1024;

// What the API's routes read (bodyObject()); no Content-Type is read as JSON, as clients that
// leave it out mean.
bool isJsonOrForm(const QByteArray &contentType)
{
    const QByteArray type = contentType.split(';').first().trimmed().toLower();
    return type.isEmpty() || type == "application/json" || type.endsWith("+json")
        || type == "application/x-www-form-urlencoded";
}

HttpResponse shuttingDown()
{
    return Envelope::failure(503, u"Server is shutting down"_s);
}

} // namespace

HttpServer::HttpServer(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_cors(m_options.allowedOrigins)
    , m_webSockets(new QWebSocketServer(u"im-server"_s, QWebSocketServer::NonSecureMode, this))
{
    // Spooling request bodies and streaming files: short disk jobs, apart from database work.
    m_bodyIo.setMaxThreadCount(2);
    m_bodyIo.setObjectName(u"http-body-io"_s);
    connect(m_webSockets, &QWebSocketServer::newConnection, this,
            &HttpServer::newWebSocketConnection);
}

HttpServer::~HttpServer()
{
    // Connections (children of the listener) must go before the pool their jobs run on.
    delete m_listener;
    m_bodyIo.waitForDone();
}

bool HttpServer::hasPendingWebSocketConnections() const
{
    return m_webSockets->hasPendingConnections();
}

HttpServer::PendingWebSocket HttpServer::nextPendingWebSocketConnection()
{
    // Qt makes it a child of its server; the caller owns it now.
    QWebSocket *socket = m_webSockets->nextPendingConnection();
    if (!socket)
        return {};
    socket->setParent(nullptr);
    const Upgrade upgrade =
        m_upgradeClients.take({ socket->peerAddress().toString(), socket->peerPort() });
    if (upgrade.socket) {
        // Qt's WebSocket server stays connected to every upgraded socket's disconnected() and
        // finds the sender among all of them (QObject::sender()) on every handshake and every
        // disconnect: quadratic in the open sessions (15 000 took a minute to connect). The
        // socket deletes itself once disconnected instead, as that slot had it do.
        QTcpSocket *tcp = upgrade.socket;
        QObject::disconnect(tcp, &QTcpSocket::disconnected, m_webSockets, nullptr);
        connect(tcp, &QTcpSocket::disconnected, tcp, &QObject::deleteLater);
    }
    return { std::unique_ptr<QWebSocket>(socket),
             upgrade.client.isNull() ? socket->peerAddress() : upgrade.client };
}

Result<quint16> HttpServer::start()
{
    auto *listener = new FrontDoor(
        m_options.connections, m_options.trustedProxies,
        [this](QTcpSocket *socket) { accept(socket); }, this);
    if (!listener->start(m_options.address, m_options.port)) {
        const QString reason = listener->errorString();
        delete listener;
        return makeError(ErrorCode::Unavailable,
                         u"Cannot listen on %1:%2: %3"_s.arg(m_options.address.toString())
                             .arg(m_options.port)
                             .arg(reason));
    }
    m_listener = listener;
    return listener->serverPort();
}

void HttpServer::accept(QTcpSocket *socket)
{
    HttpConnection::Environment environment;
    environment.handler = this;
    environment.limits = m_options.connection;
    environment.sizes = RequestSizeLimits(m_options.maxRequestBytes, m_options.pathSizeLimits);
    environment.proxies = &m_options.trustedProxies;
    environment.bodyIo = &m_bodyIo;
    new HttpConnection(socket, std::move(environment));
}

int HttpServer::openConnections() const
{
    return m_listener ? m_listener->openConnections() : 0;
}

void HttpServer::stopAccepting()
{
    m_stopping = true;
    if (m_listener)
        m_listener->stop();
    if (m_inFlight == 0)
        Q_EMIT drained();
}

void HttpServer::closeConnections()
{
    if (!m_listener)
        return;
    const auto sockets =
        m_listener->findChildren<QTcpSocket *>(QString(), Qt::FindDirectChildrenOnly);
    for (QTcpSocket *socket : sockets) {
        if (HttpConnection *connection = HttpConnection::of(socket))
            connection->closeWhenIdle();
    }
}

std::optional<HttpResponse> HttpServer::refuseUpgrade(const HttpRequest &head)
{
    if (m_stopping)
        return shuttingDown();
    if (!m_upgradeFilter)
        return notFound(head);
    return m_upgradeFilter(head);
}

void HttpServer::upgrade(QTcpSocket *socket, const HttpRequest &head)
{
    const std::pair key(socket->peerAddress().toString(), socket->peerPort());
    m_upgradeClients.insert(key, { head.remoteAddress, socket });
    // A handshake Qt refuses never comes out of nextPendingWebSocketConnection(): forget it with
    // its socket. Once taken, the entry is gone already.
    connect(socket, &QObject::destroyed, this, [this, key] { m_upgradeClients.remove(key); });
    // The socket's unread input starts with the handshake, which Qt's WebSocket server reads.
    m_webSockets->handleConnection(socket);
}

QFuture<std::optional<HttpResponse>> HttpServer::admit(const HttpRequest &head,
                                                       std::optional<qint64> bodyLength)
{
    Router::Match match;
    if (auto refusal = answerWithoutRoute(head, true, &match))
        return QtFuture::makeReadyFuture(std::move(refusal));
    const bool large = !bodyLength || *bodyLength > checkHeadAbove;
    if (large && match.checkHead)
        return (*match.checkHead)(head);
    return QtFuture::makeReadyFuture(std::optional<HttpResponse>());
}

void HttpServer::handle(HttpConnection &connection, const HttpRequest &request, quint64 ticket)
{
    ++m_inFlight;
    Exchange exchange;
    Router::Match match;
    if (auto answer = answerWithoutRoute(request, !request.body.isEmpty(), &match)) {
        finish(request, &connection, ticket, std::move(*answer), exchange);
        return;
    }
    exchange.route = match.pattern;
    HttpRequest routed = request;
    routed.pathParameters = match.parameters;
    QFuture<HttpResponse> future = (*match.handler)(routed);
    QPointer<HttpConnection> guard(&connection);
    // An answer that is ready (from memory) is finished at once, as answer() does.
    whenReady(
        future, this,
        [this, request, guard, ticket, exchange](HttpResponse response) {
            finish(request, guard, ticket, std::move(response), exchange);
        },
        [this, request, guard, ticket, exchange] {
            finish(request, guard, ticket, Envelope::internalError(), exchange);
        });
}

void HttpServer::answer(HttpConnection &connection, const HttpRequest &request, quint64 ticket,
                        HttpResponse response)
{
    ++m_inFlight;
    finish(request, &connection, ticket, std::move(response), Exchange {});
}

std::optional<HttpResponse> HttpServer::answerWithoutRoute(const HttpRequest &request, bool hasBody,
                                                           Router::Match *match) const
{
    if (m_stopping)
        return shuttingDown();
    if (CorsPolicy::isPreflight(request))
        return m_cors.preflightResponse(request);
    QList<QByteArray> allowed;
    if (auto found = m_router.match(request.method, request.path, &allowed)) {
        *match = std::move(*found);
        if (hasBody && !match->anyBody && !isJsonOrForm(request.header("content-type")))
            return Envelope::failure(
                415, u"Unsupported media type: send application/json (or a URL-encoded form)"_s);
        return std::nullopt;
    }
    if (request.method == HttpRequest::Method::Options && !allowed.isEmpty()) {
        HttpResponse response = HttpResponse::empty(204);
        response.setHeader("Allow", allowed.join(", ") + ", OPTIONS");
        return response;
    }
    if (!allowed.isEmpty()) {
        HttpResponse response =
            Envelope::failure(405,
                              u"Method %1 is not allowed on %2"_s.arg(
                                  QString::fromLatin1(request.methodName()), request.path));
        response.setHeader("Allow", allowed.join(", "));
        return response;
    }
    return notFound(request);
}

void HttpServer::finish(const HttpRequest &request, QPointer<HttpConnection> connection,
                        quint64 ticket, HttpResponse response, const Exchange &exchange)
{
    m_metrics.record(request.method, exchange.route, response.status,
                     std::chrono::steady_clock::now() - exchange.started);
    m_cors.decorate(request, response);
    if (request.method == HttpRequest::Method::Head) {
        // HEAD: the GET answer's headers, with the length its body would have, without it.
        if (response.header("Content-Length").isEmpty())
            response.setHeader("Content-Length", QByteArray::number(response.bodySize()));
        response.body.clear();
        response.file.reset();
    }
    if (connection)
        connection->respond(ticket, response);
    else
        qCDebug(lcHttp) << "client left before its answer:" << request.methodName() << request.path;
    if (--m_inFlight == 0 && m_stopping)
        Q_EMIT drained();
}

HttpResponse HttpServer::notFound(const HttpRequest &request)
{
    // NestJS's wording, which scripts written against the original may match on.
    return Envelope::failure(
        404, u"Cannot %1 %2"_s.arg(QString::fromLatin1(request.methodName()), request.path));
}

} // namespace Im::Http
