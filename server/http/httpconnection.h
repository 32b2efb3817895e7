#pragma once

#include "http/connectionlimits.h"
#include "http/httprequest.h"
#include "http/httpresponse.h"
#include "http/requestparser.h"
#include "http/requestsizelimits.h"

#include <QElapsedTimer>
#include <QFuture>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <map>
#include <memory>
#include <optional>

class QFile;
class QThreadPool;

namespace Im::Http {

class BodySpool;
class HttpConnection;
class TrustedProxies;

//! What a connection asks of the server it belongs to (HttpServer).
class HttpConnectionHandler
{
public:
    virtual ~HttpConnectionHandler() = default;
    //! Called once a head announcing a body is read, before any body byte (\a bodyLength is
    //! nullopt when chunked): nullopt to read the body, or the answer, which the request gets
    //! without its body ever being read.
    virtual QFuture<std::optional<HttpResponse>> admit(const HttpRequest &head,
                                                       std::optional<qint64> bodyLength) = 0;
    //! A complete request; the answer goes back through HttpConnection::respond(ticket).
    virtual void handle(HttpConnection &connection, const HttpRequest &request, quint64 ticket) = 0;
    //! Answers \a request with \a response (adding what every answer gets, such as CORS).
    virtual void answer(HttpConnection &connection, const HttpRequest &request, quint64 ticket,
                        HttpResponse response) = 0;
    //! nullopt to take this WebSocket upgrade request, or the answer that refuses it.
    virtual std::optional<HttpResponse> refuseUpgrade(const HttpRequest &head) = 0;
    //! Takes over \a socket, whose unread input starts with the upgrade request \a head.
    virtual void upgrade(QTcpSocket *socket, const HttpRequest &head) = 0;
};

//! One HTTP/1.1 connection of the front door, owned by (a child of) its socket, so a late answer
//! finds a null QPointer instead of a dangling socket.
//!
//! It reads one request at a time with RequestParser and bounds what a client can cost:
//! - the head has a size cap and a time limit, the body a limit per path (413 as soon as the
//!   announced length says so) and an inactivity timeout; an idle connection is closed;
//! - a request with a body is first admitted by the server on its head alone (route, then
//!   authentication for large bodies), so a refused body is never read;
//! - large bodies are spooled to a temporary file, not memory;
//! - answers are written in request order, large ones in chunks as the client takes them (files
//!   are streamed from disk); while too much is unsent, or too many answers are outstanding, it
//!   stops reading, and TCP pushes back on the client.
class HttpConnection : public QObject
{
    Q_OBJECT
public:
    struct Environment
    {
        HttpConnectionHandler *handler = nullptr;
        ConnectionLimits limits;
        RequestSizeLimits sizes;
        const TrustedProxies *proxies = nullptr;
        QThreadPool *bodyIo = nullptr; //!< spooling and file streaming
    };

    HttpConnection(QTcpSocket *socket, Environment environment);
    ~HttpConnection() override;

    //! The connection object of \a socket, or nullptr.
    [[nodiscard]] static HttpConnection *of(QTcpSocket *socket);

    //! Sends \a response for ticket \a ticket as soon as all earlier tickets are answered.
    void respond(quint64 ticket, const HttpResponse &response);

    [[nodiscard]] bool hasPendingResponses() const { return m_nextToWrite != m_nextTicket; }
    //! Closes the connection now if it is idle, or after its last pending answer.
    void closeWhenIdle();

    //! The status line and headers of \a response (the body follows separately).
    [[nodiscard]] static QByteArray serializeHead(const HttpResponse &response, bool closing);

Q_SIGNALS:
    //! The client closed the connection or it broke; pending answers will be dropped.
    void disconnected();

private:
    enum class Phase {
        Head, //!< reading a head (or waiting to, between requests)
        Admitting, //!< the server decides on a head before its body is read
        Body, //!< reading a body
        Spooling, //!< the whole body arrived; waiting for its file to be written
        Closing, //!< the last answer is due; nothing more is read
        Upgraded, //!< handed to the WebSocket server
        Closed,
    };

    //! The answer being written, possibly in several turns.
    struct Outgoing
    {
        HttpResponse response;
        qint64 written = 0; //!< body bytes written so far
        std::shared_ptr<QFile> file;
        bool readPending = false;
        bool closing = false;
    };

    void pump();
    void pumpOnce();
    [[nodiscard]] bool fillInput();
    [[nodiscard]] bool mayReadNextRequest() const;
    void onHeadComplete();
    void admitted(const std::optional<HttpResponse> &refusal);
    void startBody();
    void consumeBody(const QByteArray &piece);
    void finishRequest();
    void dispatch(HttpRequest request);
    void refuse(HttpResponse response);
    void refuseUnreadable();
    void handOverUpgrade();

    void flushOutput();
    void writeFileChunk();
    //! True when that was the connection's last answer.
    bool finishOutgoing();
    void closeAfterLastAnswer();

    //! Until the time limit that applies now runs out; nullopt when none does.
    [[nodiscard]] std::optional<std::chrono::milliseconds> timeLeft() const;
    [[nodiscard]] bool isWriting() const;
    [[nodiscard]] bool isHeadUnderway() const;
    void updateTimer();
    void onTimeout();
    void onDisconnected();

    QTcpSocket *m_socket;
    Environment m_env;
    RequestParser m_parser;
    Phase m_phase = Phase::Head;
    QByteArray m_input; //!< read from the socket, not yet parsed
    bool m_transactionAtRequestStart = false;
    bool m_pumping = false;
    bool m_pumpAgain = false;

    HttpRequest m_current;
    quint64 m_currentTicket = 0;
    qint64 m_currentLimit = 0;
    qint64 m_bodyBytes = 0;
    BodySpool *m_spool = nullptr;

    quint64 m_nextTicket = 0;
    quint64 m_nextToWrite = 0;
    std::optional<quint64> m_closeAfterTicket;
    bool m_lingerOnClose = false; //!< unread input may follow: half-close, then drain a while
    bool m_closeWhenIdle = false;
    std::map<quint64, HttpResponse> m_ready;
    std::optional<Outgoing> m_outgoing;

    QTimer m_timer;
    QElapsedTimer m_headStarted;
    QElapsedTimer m_lastProgress;
};

} // namespace Im::Http
