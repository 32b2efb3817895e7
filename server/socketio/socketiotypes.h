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
    //! (WebSocket) before it is closed as a slow consumer.
    qint64 maxBufferedBytes = 8 * 1024 * 1024;
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
};

} // namespace Im::SocketIo
