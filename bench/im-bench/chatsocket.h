#pragma once

#include "restclient.h"
#include "socketio/socketiopacket.h"

#include <QHash>
#include <QObject>
#include <QUrl>
#include <QWebSocket>

#include <functional>
#include <optional>

namespace Im::Bench {

//! A Socket.IO v5 client of namespace "/" over the Engine.IO v4 WebSocket transport only, as
//! much of it as a chat client needs: the session headers on the upgrade request (which the
//! server reads for a direct WebSocket handshake), pong, events with binary payloads both ways
//! and their acks. Uses the server library's packet codecs.
class ChatSocket : public QObject
{
    Q_OBJECT
public:
    //! Answers an incoming event; what it returns is sent back as the (binary) ack when the
    //! server asked for one.
    using EventHandler =
        std::function<QByteArray(const QString &event, const QVariantList &arguments)>;
    //! Receives an ack's arguments, or nullopt when the connection failed before it came.
    using AckHandler = std::function<void(const std::optional<QVariantList> &arguments)>;

    //! \a server is the http:// base URL, \a path the Socket.IO path (e.g. /socket/v1/IM/).
    ChatSocket(const QUrl &server, const QString &path, Session session, QByteArray deviceId,
               QObject *parent = nullptr);

    void setEventHandler(EventHandler handler) { m_onEvent = std::move(handler); }

    //! Opens the connection; connected() or failed() follows.
    void open();
    void close();
    [[nodiscard]] bool isConnected() const { return m_state == State::Connected; }

    //! Emits \a event with \a payload as its one binary argument and asks for an ack.
    void emitWithAck(const QString &event, const QByteArray &payload, AckHandler onAck);

Q_SIGNALS:
    void connected();
    //! The handshake was refused or the connection broke; emitted once.
    void failed(const QString &reason);

private:
    enum class State { Idle, Opening, Joining, Connected, Closed };

    void onText(const QString &frame);
    void onBinary(const QByteArray &frame);
    void onDecoded(SocketIo::SocketIoDecoder::Status status);
    void onPacket(const SocketIo::SocketIoPacket &packet);
    void sendEngineText(const QByteArray &packet);
    void sendPacket(const SocketIo::SocketIoPacket &packet);
    void fail(const QString &reason);

    QUrl m_url;
    Session m_session;
    QByteArray m_deviceId;
    QWebSocket m_socket;
    SocketIo::SocketIoDecoder m_decoder;
    EventHandler m_onEvent;
    QHash<qint64, AckHandler> m_pendingAcks;
    qint64 m_nextAckId = 0;
    State m_state = State::Idle;
};

} // namespace Im::Bench
