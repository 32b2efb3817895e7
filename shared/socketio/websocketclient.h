#pragma once

#include "socketio/socketiopacket.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <optional>
#include <utility>

class QWebSocket;

namespace Im::SocketIo {

//! A Socket.IO v5 client of one namespace over the Engine.IO v4 WebSocket transport only (no
//! long-polling, no upgrade): the request headers on the WebSocket handshake (which the server
//! reads for a direct WebSocket session), pong to every ping with a watchdog of pingInterval +
//! pingTimeout, events with text or binary arguments both ways and their acks. What the admin
//! console's live feed and im-bench's chat sockets share.
class WebSocketClient : public QObject
{
    Q_OBJECT
public:
    //! Answers an incoming event; when the server asked for an ack, what it returns is sent back
    //! as the ack's arguments.
    using EventHandler =
        std::function<QVariantList(const QString &event, const QVariantList &arguments)>;
    //! Receives an ack's arguments, or nullopt when the connection ended before it came.
    using AckHandler = std::function<void(const std::optional<QVariantList> &arguments)>;
    using Headers = QList<std::pair<QByteArray, QByteArray>>;

    //! Time the server has to open the session and accept the namespace.
    static constexpr int handshakeTimeoutMs = 10000;
    //! Largest message accepted from the server.
    static constexpr qint64 maxMessageBytes = 64 * 1024 * 1024;

    explicit WebSocketClient(QObject *parent = nullptr);
    ~WebSocketClient() override;

    //! The Engine.IO WebSocket endpoint of the server at \a baseUrl (http[s]://host:port[/prefix])
    //! whose Socket.IO path is \a socketPath (e.g. /socket/v1/IM/).
    [[nodiscard]] static QUrl engineUrl(const QUrl &baseUrl, const QString &socketPath);

    void setEventHandler(EventHandler handler) { m_onEvent = std::move(handler); }

    //! Opens \a engineUrl with \a headers and joins \a nameSpace, closing any previous connection
    //! first. Ends in connected(), refused() or disconnected().
    void open(const QUrl &engineUrl, const QString &nameSpace, const Headers &headers);
    //! Closes the connection; emits nothing, pending acks get nullopt.
    void close();
    [[nodiscard]] bool isConnected() const { return m_state == State::Connected; }

    //! Emits \a event with \a arguments (QByteArray ones travel as binary attachments) and asks
    //! for an ack; \a onAck gets nullopt at once when not connected.
    void emitWithAck(const QString &event, const QVariantList &arguments, AckHandler onAck);

Q_SIGNALS:
    void connected();
    //! The connection ended (or could not be made) without close() being called.
    void disconnected(const QString &reason);
    //! The server refused the namespace (CONNECT_ERROR with this message); the connection is
    //! closed.
    void refused(const QString &message);

private:
    enum class State { Closed, Opening, Joining, Connected };

    void onTextMessage(const QString &message);
    void onBinaryMessage(const QByteArray &message);
    void onEngineOpen(const QByteArray &handshake);
    void onDecoded(SocketIoDecoder::Status status);
    void onPacket(const SocketIoPacket &packet);
    void sendPacket(const SocketIoPacket &packet);
    void sendEngineText(const QByteArray &packet);
    //! Closes the connection and reports \a reason as disconnected().
    void fail(const QString &reason);

    QString m_namespace;
    State m_state = State::Closed;
    QPointer<QWebSocket> m_socket;
    SocketIoDecoder m_decoder { maxMessageBytes };
    EventHandler m_onEvent;
    QHash<qint64, AckHandler> m_pendingAcks;
    qint64 m_nextAckId = 0;
    //! Fires when the server stays silent longer than pingInterval + pingTimeout (or the
    //! handshake takes too long).
    QTimer m_silenceTimer;
    int m_heartbeatMs = handshakeTimeoutMs;
};

} // namespace Im::SocketIo
