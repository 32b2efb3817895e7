#pragma once

#include "restclient.h"
#include "socketio/websocketclient.h"

#include <QObject>
#include <QUrl>

#include <functional>
#include <optional>

namespace Im::Bench {

//! One chat client's socket: namespace "/" over the shared WebSocket-only Socket.IO client, with
//! the session and device headers, binary (protobuf) event payloads and their acks.
class ChatSocket : public QObject
{
    Q_OBJECT
public:
    //! Answers an incoming event; what it returns is sent back as the (binary) ack when the
    //! server asked for one.
    using EventHandler =
        std::function<QByteArray(const QString &event, const QVariantList &arguments)>;
    using AckHandler = SocketIo::WebSocketClient::AckHandler;

    //! \a server is the http:// base URL, \a path the Socket.IO path (e.g. /socket/v1/IM/).
    ChatSocket(const QUrl &server, const QString &path, Session session, QByteArray deviceId,
               QObject *parent = nullptr);

    void setEventHandler(EventHandler handler);

    //! Opens the connection; connected() or failed() follows.
    void open();
    void close() { m_client.close(); }
    [[nodiscard]] bool isConnected() const { return m_client.isConnected(); }

    //! Emits \a event with \a payload as its one binary argument and asks for an ack.
    void emitWithAck(const QString &event, const QByteArray &payload, AckHandler onAck)
    {
        m_client.emitWithAck(event, { payload }, std::move(onAck));
    }

Q_SIGNALS:
    void connected();
    //! The handshake was refused or the connection broke; emitted once.
    void failed(const QString &reason);

private:
    QUrl m_url;
    Session m_session;
    QByteArray m_deviceId;
    SocketIo::WebSocketClient m_client;
};

} // namespace Im::Bench
