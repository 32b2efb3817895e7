#pragma once

#include "socketio/socketiopacket.h"

#include <QJsonValue>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

class QWebSocket;

namespace Im::Admin {

//! The server's live feed: Engine.IO v4 over a WebSocket at /socket/v1/IM/ and one Socket.IO
//! namespace ("/admin" by default), authenticated with the session headers. Answers the
//! server's pings and reports every event of the namespace. Read-only: it sends no events.
class LiveFeed : public QObject
{
    Q_OBJECT

public:
    //! Time the server has to open the session and accept the namespace.
    static constexpr int handshakeTimeoutMs = 10000;
    //! Largest message accepted from the server.
    static constexpr qint64 maxMessageBytes = 64 * 1024 * 1024;

    explicit LiveFeed(QObject *parent = nullptr);
    //! A feed on another namespace than "/admin" (tests use "/").
    explicit LiveFeed(const QString &nameSpace, QObject *parent = nullptr);
    ~LiveFeed() override;

    //! Connects to \a baseUrl (http[s]://host:port) as \a userId with \a token, closing any
    //! previous connection first. Ends in connected(), refused() or disconnected().
    void open(const QUrl &baseUrl, int userId, const QString &token);
    //! Closes the connection; emits nothing.
    void close();
    [[nodiscard]] bool isConnected() const { return m_state == State::Connected; }
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
    enum class State { Closed, Opening, Joining, Connected };

    void onTextMessage(const QString &message);
    void onBinaryMessage(const QByteArray &message);
    void onEngineOpen(const QByteArray &handshake);
    void onSocketIoStatus(SocketIo::SocketIoDecoder::Status status);
    void onSocketIoPacket(const SocketIo::SocketIoPacket &packet);
    void sendEngineMessage(const QByteArray &text);
    void restartHeartbeat();
    //! Closes the connection and reports \a reason as disconnected().
    void fail(const QString &reason);

    QString m_namespace;
    State m_state = State::Closed;
    QPointer<QWebSocket> m_socket;
    SocketIo::SocketIoDecoder m_decoder { maxMessageBytes };
    //! Fires when the server stays silent longer than pingInterval + pingTimeout (or the
    //! handshake takes too long).
    QTimer m_silenceTimer;
    int m_heartbeatMs = handshakeTimeoutMs;
};

} // namespace Im::Admin
