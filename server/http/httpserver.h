#pragma once

#include "http/connectionlimits.h"
#include "http/corspolicy.h"
#include "http/frontdoor.h"
#include "http/httpconnection.h"
#include "http/httpmetrics.h"
#include "http/requestsizelimits.h"
#include "http/router.h"
#include "http/trustedproxies.h"
#include "im/result.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QThreadPool>

#include <chrono>
#include <functional>
#include <memory>

class QWebSocket;
class QWebSocketServer;

namespace Im::Http {

//! The HTTP front door: accepts connections (FrontDoor), reads requests on each
//! (HttpConnection), routes them, answers CORS preflights for every path, hands accepted
//! WebSocket upgrades to Qt's WebSocket server, and drains in-flight requests on shutdown. Lives
//! on the network thread.
class HttpServer : public QObject, private HttpConnectionHandler
{
    Q_OBJECT
public:
    struct Options
    {
        QHostAddress address = QHostAddress::LocalHost;
        quint16 port = 0; //!< 0 picks a free port (tests)
        qint64 maxRequestBytes = 1024 * 1024;
        //! Other limits than maxRequestBytes for some paths (uploads).
        QList<PathSizeLimit> pathSizeLimits;
        QStringList allowedOrigins;
        ConnectionLimits connection;
        FrontDoor::Limits connections;
        TrustedProxies trustedProxies;
    };

    explicit HttpServer(Options options, QObject *parent = nullptr);
    ~HttpServer() override;

    [[nodiscard]] Router &router() { return m_router; }

    //! Decides which WebSocket upgrade requests are handed to Qt's WebSocket server (and from
    //! there to newWebSocketConnection()): nullopt takes one, an answer refuses it (429 for a
    //! cap, 403 for a stranger's upgrade...). Without a filter every upgrade gets 404.
    using UpgradeFilter = std::function<std::optional<HttpResponse>(const HttpRequest &)>;
    void setWebSocketUpgradeFilter(UpgradeFilter filter) { m_upgradeFilter = std::move(filter); }
    [[nodiscard]] bool hasPendingWebSocketConnections() const;
    //! A WebSocket whose handshake completed, and the client's address as the upgrade request
    //! gave it (behind a trusted proxy, the one X-Forwarded-For names; the socket's peer is the
    //! proxy).
    struct PendingWebSocket
    {
        std::unique_ptr<QWebSocket> socket;
        QHostAddress clientAddress;
    };
    //! The next WebSocket whose handshake completed, or a null socket.
    [[nodiscard]] PendingWebSocket nextPendingWebSocketConnection();
    //! The answer for a path nothing serves, in NestJS's wording.
    [[nodiscard]] static HttpResponse notFound(const HttpRequest &request);

    //! Starts listening; returns the bound port.
    Result<quint16> start();
    //! Stops accepting connections and answers new requests on open ones with 503; drained()
    //! follows once every in-flight request has been answered (at once if there are none).
    void stopAccepting();
    //! Flushes what was written and closes every open connection gracefully.
    void closeConnections();
    [[nodiscard]] int inFlightRequests() const { return m_inFlight; }
    [[nodiscard]] bool isStopping() const { return m_stopping; }
    [[nodiscard]] int openConnections() const;
    [[nodiscard]] const HttpMetrics &metrics() const { return m_metrics; }

Q_SIGNALS:
    void drained();
    void newWebSocketConnection();

private:
    // HttpConnectionHandler
    QFuture<std::optional<HttpResponse>> admit(const HttpRequest &head,
                                               std::optional<qint64> bodyLength) override;
    void handle(HttpConnection &connection, const HttpRequest &request, quint64 ticket) override;
    void answer(HttpConnection &connection, const HttpRequest &request, quint64 ticket,
                HttpResponse response) override;
    std::optional<HttpResponse> refuseUpgrade(const HttpRequest &head) override;
    void upgrade(QTcpSocket *socket, const HttpRequest &head) override;

    void accept(QTcpSocket *socket);
    //! The answer when no route runs (stopping, preflight, 404, 405, 415 for a body a JSON route
    //! cannot read), or nullopt.
    [[nodiscard]] std::optional<HttpResponse>
    answerWithoutRoute(const HttpRequest &request, bool hasBody, Router::Match *match) const;
    //! What finish() needs to count a request: the route that took it (empty: none) and when
    //! it started.
    struct Exchange
    {
        QString route;
        std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
    };
    void finish(const HttpRequest &request, QPointer<HttpConnection> connection, quint64 ticket,
                HttpResponse response, const Exchange &exchange);

    Options m_options;
    CorsPolicy m_cors;
    Router m_router;
    HttpMetrics m_metrics;
    UpgradeFilter m_upgradeFilter;
    QThreadPool m_bodyIo;
    QWebSocketServer *m_webSockets;
    //! Upgrades in Qt's handshake (their client address and TCP socket), by the TCP peer
    //! (address, port) that identifies the socket again when the handshake completes.
    struct Upgrade
    {
        QHostAddress client;
        QPointer<QTcpSocket> socket;
    };
    QHash<std::pair<QString, quint16>, Upgrade> m_upgradeClients;
    QPointer<FrontDoor> m_listener;
    int m_inFlight = 0;
    bool m_stopping = false;
};

} // namespace Im::Http
