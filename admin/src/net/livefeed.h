#pragma once

#include "socketio/websocketclient.h"

#include <QJsonValue>
#include <QObject>
#include <QUrl>

namespace Im::Admin {

//! The server's live feed: one Socket.IO namespace ("/admin" by default) at /socket/v1/IM/ over
//! a WebSocket, authenticated with the session headers, reporting every event of the namespace.
//! Read-only: it sends no events.
class LiveFeed : public QObject
{
    Q_OBJECT
public:
    static constexpr int handshakeTimeoutMs = SocketIo::WebSocketClient::handshakeTimeoutMs;
    static constexpr qint64 maxMessageBytes = SocketIo::WebSocketClient::maxMessageBytes;

    explicit LiveFeed(QObject *parent = nullptr);
    //! A feed on another namespace than "/admin" (tests use "/").
    explicit LiveFeed(const QString &nameSpace, QObject *parent = nullptr);

    //! Connects to \a baseUrl (http[s]://host:port) as \a userId with \a token, closing any
    //! previous connection first. Ends in connected(), refused() or disconnected().
    void open(const QUrl &baseUrl, int userId, const QString &token);
    //! Closes the connection; emits nothing.
    void close() { m_client.close(); }
    [[nodiscard]] bool isConnected() const { return m_client.isConnected(); }
    [[nodiscard]] QString nameSpace() const { return m_namespace; }

Q_SIGNALS:
    void connected();
    //! The connection ended (or could not be made) without close() being called.
    void disconnected(const QString &reason);
    //! The server refused the namespace (CONNECT_ERROR); the connection is closed.
    void refused(const QString &message);
    //! An event of the namespace with its first argument (Null when it had none).
    void eventReceived(const QString &name, const QJsonValue &payload);

private:
    QString m_namespace;
    SocketIo::WebSocketClient m_client;
};

} // namespace Im::Admin
