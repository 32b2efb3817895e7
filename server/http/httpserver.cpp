#include "http/httpserver.h"

#include "http/envelope.h"
#include "http/httpconnection.h"
#include "http/logging.h"
#include "im/futures.h"

#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace Im::Http {

namespace {

//! Gives every accepted socket its HttpConnection before QAbstractHttpServer sees it, so the size
//! guard reads each chunk first.
class FrontDoorTcpServer : public QTcpServer
{
public:
    FrontDoorTcpServer(RequestSizeLimits limits, QObject *parent)
        : QTcpServer(parent)
        , m_limits(std::move(limits))
    { }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        new HttpConnection(socket, m_limits);
        addPendingConnection(socket);
    }

private:
    RequestSizeLimits m_limits;
};

bool wantsClose(const HttpRequest &request)
{
    return request.header("connection").compare("close", Qt::CaseInsensitive) == 0;
}

} // namespace

HttpServer::HttpServer(Options options, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_options(std::move(options))
    , m_cors(m_options.allowedOrigins)
{ }

HttpServer::~HttpServer() = default;

Result<quint16> HttpServer::start()
{
    auto *listener = new FrontDoorTcpServer(
        RequestSizeLimits(m_options.maxRequestBytes, m_options.pathSizeLimits), this);
    if (!listener->listen(m_options.address, m_options.port)) {
        const QString reason = listener->errorString();
        delete listener;
        return makeError(ErrorCode::Unavailable,
                         u"Cannot listen on %1:%2: %3"_s.arg(m_options.address.toString())
                             .arg(m_options.port)
                             .arg(reason));
    }
    bind(listener);
    m_listener = listener;
    return listener->serverPort();
}

void HttpServer::stopAccepting()
{
    m_stopping = true;
    if (m_listener)
        m_listener->close();
    if (m_inFlight == 0)
        Q_EMIT drained();
}

void HttpServer::closeConnections()
{
    const auto sockets = findChildren<QTcpSocket *>();
    for (QTcpSocket *socket : sockets) {
        if (HttpConnection *connection = HttpConnection::of(socket))
            connection->closeWhenIdle();
    }
}

bool HttpServer::handleRequest(const QHttpServerRequest &serverRequest, QTcpSocket *socket)
{
    HttpConnection *connection = HttpConnection::of(socket);
    if (!connection)
        return false;
    HttpRequest request = HttpRequest::fromServerRequest(serverRequest);
    if (request.header("upgrade").compare("websocket", Qt::CaseInsensitive) == 0) {
        // QtHttpServer asks before it hands the socket to its WebSocket server; nothing may be
        // written to the socket here, the WebSocket handshake answers it.
        return m_upgradeFilter && !m_stopping && m_upgradeFilter(request);
    }
    request.connection = connection;
    const quint64 ticket = connection->beginRequest(wantsClose(request) || m_stopping);
    dispatch(request, connection, ticket);
    return true;
}

void HttpServer::missingHandler(const QHttpServerRequest &serverRequest, QTcpSocket *socket)
{
    HttpConnection *connection = HttpConnection::of(socket);
    if (!connection)
        return;
    const HttpRequest request = HttpRequest::fromServerRequest(serverRequest);
    const quint64 ticket = connection->beginRequest(true);
    ++m_inFlight;
    finish(request, connection, ticket, notFound(request));
}

void HttpServer::dispatch(const HttpRequest &request, HttpConnection *connection, quint64 ticket)
{
    ++m_inFlight;
    if (m_stopping) {
        finish(request, connection, ticket, Envelope::failure(503, u"Server is shutting down"_s));
        return;
    }
    if (CorsPolicy::isPreflight(request)) {
        finish(request, connection, ticket, m_cors.preflightResponse(request));
        return;
    }
    QList<QByteArray> allowed;
    const auto match = m_router.match(request.method, request.path, &allowed);
    if (!match) {
        if (request.method == HttpRequest::Method::Options && !allowed.isEmpty()) {
            HttpResponse response = HttpResponse::empty(204);
            response.setHeader("Allow", allowed.join(", ") + ", OPTIONS");
            finish(request, connection, ticket, response);
        } else if (!allowed.isEmpty()) {
            HttpResponse response =
                Envelope::failure(405,
                                  u"Method %1 is not allowed on %2"_s.arg(
                                      QString::fromLatin1(request.methodName()), request.path));
            response.setHeader("Allow", allowed.join(", "));
            finish(request, connection, ticket, response);
        } else {
            finish(request, connection, ticket, notFound(request));
        }
        return;
    }

    HttpRequest routed = request;
    routed.pathParameters = match->parameters;
    QFuture<HttpResponse> future = (*match->handler)(routed);
    QPointer<HttpConnection> guard(connection);
    whenFinished(
        future, this,
        [this, request, guard, ticket](HttpResponse response) {
            finish(request, guard, ticket, std::move(response));
        },
        [this, request, guard, ticket] {
            finish(request, guard, ticket, Envelope::internalError());
        });
}

void HttpServer::finish(const HttpRequest &request, QPointer<HttpConnection> connection,
                        quint64 ticket, HttpResponse response)
{
    m_cors.decorate(request, response);
    if (request.method == HttpRequest::Method::Head) {
        // HEAD: the GET answer's headers, with the length its body would have, without it.
        if (response.header("Content-Length").isEmpty())
            response.setHeader("Content-Length", QByteArray::number(response.body.size()));
        response.body.clear();
    }
    if (connection)
        connection->respond(ticket, response);
    else
        qCDebug(lcHttp) << "client left before its answer:" << request.methodName() << request.path;
    if (--m_inFlight == 0 && m_stopping)
        Q_EMIT drained();
}

HttpResponse HttpServer::notFound(const HttpRequest &request) const
{
    // NestJS's wording, which scripts written against the original may match on.
    return Envelope::failure(
        404, u"Cannot %1 %2"_s.arg(QString::fromLatin1(request.methodName()), request.path));
}

} // namespace Im::Http
