#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHostAddress>
#include <QList>
#include <QString>
#include <QUrlQuery>
#include <QVariant>

#include <chrono>
#include <utility>

namespace Im::SocketIo {

//! Engine.IO settings of one endpoint.
struct EngineOptions
{
    QString path = QStringLiteral("/socket.io/"); //!< Must start and end with '/'.
    std::chrono::milliseconds pingInterval { 25000 };
    std::chrono::milliseconds pingTimeout { 20000 };
    qint64 maxPayload = 1000000; //!< Largest polling body or WebSocket message accepted.
    bool allowUpgrades = true; //!< Offer "websocket" to polling sessions.
    //! Largest amount of outgoing data a session may have queued (polling) or unwritten
    //! (WebSocket) before it is closed as a slow consumer at once.
    qint64 maxBufferedBytes = 8 * 1024 * 1024;
    //! Above this many buffered bytes a session is saturated: senders that can wait (message
    //! delivery, its retries) hold back until it drains.
    qint64 bufferCapBytes = 1024 * 1024;
    //! A session saturated for this long without draining is closed as a slow consumer.
    std::chrono::milliseconds slowConsumerTimeout { 20000 };
    //! Sessions that have not joined a namespace yet (unauthenticated), in total and per remote
    //! address; further handshakes are refused. 0: no cap (an Engine.IO-only server, whose
    //! sessions never join anything, leaves them off).
    int maxUnjoinedSessions = 0;
    int maxUnjoinedPerAddress = 0;
    //! Headers that bind a WebSocket upgrade to its session: an upgrade that carries any of them
    //! must carry the same values as the session's handshake; one that carries none must come
    //! from the handshake's remote address (a browser's upgrade cannot carry custom headers).
    QList<QByteArray> upgradeBindingHeaders;
    //! What a session keeps of its handshake for later (authentication hooks read it when a
    //! namespace is joined): these headers, the upgrade binding headers and no query. Empty:
    //! all of it. Every header and the query kept by every session cost about 0.8 KiB each.
    QList<QByteArray> keptHeaders;
};

//! The HTTP request that opened an Engine.IO session: what an authentication hook may look at.
//! For a browser client these are the headers of the first polling request; a WebSocket upgrade
//! request carries none of its custom headers.
struct Handshake
{
    QList<std::pair<QByteArray, QByteArray>> headers;
    QUrlQuery query;
    QHostAddress remoteAddress;
    QDateTime issued;

    [[nodiscard]] QByteArray header(QByteArrayView name) const;
    //! Drops every header but \a names (any case) and the query.
    void keepOnly(const QList<QByteArray> &names);
};

enum class TransportKind { Polling, WebSocket };

//! A snapshot of one Engine.IO session, for observability (admin console).
struct SessionInfo
{
    QString sid;
    TransportKind transport = TransportKind::Polling;
    QHostAddress remoteAddress;
    QDateTime connectedSince;
    QDateTime lastPacketAt;
    qint64 bytesIn = 0;
    qint64 bytesOut = 0;
    qint64 packetsIn = 0;
    qint64 packetsOut = 0;
    qint64 bufferedBytes = 0;
    int pendingAcks = 0; //!< Server emits waiting for the client's ack (Socket.IO layer).
    QStringList namespaces; //!< Connected Socket.IO namespaces.
};

//! Counters since start, for observability.
struct ServerCounters
{
    qint64 sessionsOpened = 0;
    qint64 sessionsClosed = 0;
    qint64 upgrades = 0;
    qint64 packetsIn = 0;
    qint64 packetsOut = 0;
    qint64 bytesIn = 0;
    qint64 bytesOut = 0;
    qint64 protocolErrors = 0;
    qint64 slowConsumersClosed = 0;
    qint64 acksTimedOut = 0;
    qint64 handshakesRefused = 0; //!< over the unjoined-session caps
    qint64 upgradesRefused = 0; //!< unknown sid, not bound to the session, or no probe
};

} // namespace Im::SocketIo
