#pragma once

#include "http/corspolicy.h"
#include "http/requestsizelimits.h"
#include "http/router.h"
#include "im/result.h"

#include <QAbstractHttpServer>
#include <QHostAddress>
#include <QPointer>
#include <QTcpServer>

#include <functional>

namespace Im::Http {

class HttpConnection;

//! The HTTP front door on QtHttpServer: Qt parses requests; this class routes them, answers CORS
//! preflights for every path, applies the request size limit, writes the answers in order once the
//! handlers' futures finish, and drains in-flight requests on shutdown. Lives on the network
//! thread.
class HttpServer : public QAbstractHttpServer
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
    };

    explicit HttpServer(Options options, QObject *parent = nullptr);
    ~HttpServer() override;

    [[nodiscard]] Router &router() { return m_router; }

    //! Decides which WebSocket upgrade requests are handed to Qt's WebSocket server (and from
    //! there to newWebSocketConnection()); the others get 404. Without a filter none is accepted.
    using UpgradeFilter = std::function<bool(const HttpRequest &)>;
    void setWebSocketUpgradeFilter(UpgradeFilter filter) { m_upgradeFilter = std::move(filter); }

    //! Starts listening; returns the bound port.
    Result<quint16> start();
    //! Stops accepting connections and answers new requests on open ones with 503; drained()
    //! follows once every in-flight request has been answered (at once if there are none).
    void stopAccepting();
    //! Flushes what was written and closes every open connection gracefully.
    void closeConnections();
    [[nodiscard]] int inFlightRequests() const { return m_inFlight; }
    [[nodiscard]] bool isStopping() const { return m_stopping; }

Q_SIGNALS:
    void drained();

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    void dispatch(const HttpRequest &request, HttpConnection *connection, quint64 ticket);
    void finish(const HttpRequest &request, QPointer<HttpConnection> connection, quint64 ticket,
                HttpResponse response);
    [[nodiscard]] HttpResponse notFound(const HttpRequest &request) const;

    Options m_options;
    CorsPolicy m_cors;
    Router m_router;
    UpgradeFilter m_upgradeFilter;
    QPointer<QTcpServer> m_listener;
    int m_inFlight = 0;
    bool m_stopping = false;
};

} // namespace Im::Http
