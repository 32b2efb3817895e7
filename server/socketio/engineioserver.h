#pragma once

#include "socketio/deadlinequeue.h"
#include "socketio/socketiotypes.h"
#include "socketio/unjoinedsessions.h"

#include <QFuture>
#include <QHash>
#include <QObject>
#include <QPointer>

namespace Im::Http {
class HttpServer;
struct HttpRequest;
struct HttpResponse;
} // namespace Im::Http

class QWebSocket;

namespace Im::SocketIo {

class EngineIoSession;

//! Engine.IO v4 on the front door's port: the polling routes (GET and POST at the configured path,
//! CORS by the front door) and the WebSocket upgrade (plain WebSocket sessions and the
//! polling-to-WebSocket probe). Owns the sessions. Runs on the network thread.
//!
//! Sessions nobody has authenticated yet (not joined to a namespace) are capped per address and
//! in total (EngineOptions::maxUnjoined*): over a cap a polling handshake gets 429 or 503 with
//! Engine.IO's error body and a WebSocket handshake is not upgraded. An upgrade of an existing
//! session must belong to it (upgradeBelongsToSession) and complete the probe.
class EngineIoServer : public QObject
{
    Q_OBJECT
public:
    EngineIoServer(Http::HttpServer &http, EngineOptions options, QObject *parent = nullptr);
    ~EngineIoServer() override;

    [[nodiscard]] const EngineOptions &options() const { return m_options; }
    [[nodiscard]] QList<EngineIoSession *> sessions() const;
    [[nodiscard]] EngineIoSession *session(const QString &sid) const;
    //! Totals since start: closed sessions plus the live ones.
    [[nodiscard]] ServerCounters counters() const;

    //! Closes every session (shutdown).
    void closeAll();

Q_SIGNALS:
    //! A new session passed the handshake. It is open; connect to its signals here.
    void sessionOpened(Im::SocketIo::EngineIoSession *session);

private:
    friend class EngineIoSession;

    QFuture<Http::HttpResponse> handlePolling(const Http::HttpRequest &request);
    Http::HttpResponse openPollingSession(const Http::HttpRequest &request);
    //! nullopt to take a WebSocket upgrade, or the answer that refuses it.
    [[nodiscard]] std::optional<Http::HttpResponse> refuseUpgrade(const Http::HttpRequest &request);
    void onNewWebSocket();
    void adoptWebSocket(std::unique_ptr<QWebSocket> socket, const QHostAddress &clientAddress);
    EngineIoSession *createSession(Handshake handshake, TransportKind transport);
    void forget(EngineIoSession *session);

    Http::HttpServer &m_http;
    EngineOptions m_options;
    QHash<QString, EngineIoSession *> m_sessions;
    //! Every session's next heartbeat step (a ping to send, or a pong's deadline).
    DeadlineQueue<EngineIoSession *> m_heartbeats;
    UnjoinedSessions m_unjoined;
    ServerCounters m_counters;
};

} // namespace Im::SocketIo
