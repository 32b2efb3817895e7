#pragma once

#include "socketio/enginepacket.h"
#include "socketio/socketiotypes.h"

#include <QBasicTimer>
#include <QObject>
#include <QPointer>
#include <QPromise>
#include <QTimer>

#include <memory>
#include <optional>

class QWebSocket;

namespace Im::Http {
class HttpConnection;
struct HttpRequest;
struct HttpResponse;
} // namespace Im::Http

namespace Im::SocketIo {

class EngineIoServer;

//! One Engine.IO v4 session: its transport (long-polling, WebSocket, or polling while a WebSocket
//! probe upgrades it), the server-sent heartbeat, and a bounded queue of outgoing packets.
//! Owned by the EngineIoServer; deleted (later) after closed(). Network thread only.
class EngineIoSession : public QObject
{
    Q_OBJECT
public:
    //! The layer above the session (the Socket.IO client): told by calls of what the session
    //! receives, of its draining and of its end, before the signals of the same are emitted.
    //! Calls, not connections: every connection costs every session memory.
    class Receiver
    {
    public:
        virtual void sessionText(const QString &text) = 0;
        virtual void sessionBinary(const QByteArray &data) = 0;
        virtual void sessionDrained() = 0;
        //! Told once; the session is deleted soon after.
        virtual void sessionClosed(const QString &reason) = 0;

    protected:
        ~Receiver() = default;
    };

    ~EngineIoSession() override;

    //! \a receiver (nullptr for none) hears what follows; it must unset itself before it goes.
    void setReceiver(Receiver *receiver) { m_receiver = receiver; }

    [[nodiscard]] QString id() const { return m_id; }
    [[nodiscard]] TransportKind transport() const { return m_transport; }
    [[nodiscard]] const Handshake &handshake() const { return m_handshake; }
    [[nodiscard]] bool isOpen() const { return m_state == State::Open; }
    [[nodiscard]] SessionInfo info() const;
    //! Outgoing bytes not yet taken by the client: the WebSocket's unwritten bytes plus the
    //! packets queued for the next polling GET.
    [[nodiscard]] qint64 bufferedBytes() const;
    //! More than EngineOptions::bufferCapBytes are buffered: senders that can wait should.
    [[nodiscard]] bool isSaturated() const { return m_saturated; }
    //! Whether the layer above accepted the session (a Socket.IO namespace CONNECT); until then
    //! it counts against the unjoined-session caps.
    [[nodiscard]] bool hasJoined() const { return m_joined; }
    void markJoined();

    //! Queues a message packet; false (and the session closes) when the buffer limit is passed.
    bool sendText(const QString &text);
    bool sendBinary(const QByteArray &data);
    //! Closes the session (sends a close packet when the transport allows).
    void close(const QString &reason = QStringLiteral("forced close"));

Q_SIGNALS:
    void textReceived(const QString &text);
    void binaryReceived(const QByteArray &data);
    //! The polling session moved to its WebSocket (transport() is WebSocket now).
    void upgraded();
    //! The buffer fell back under its cap after isSaturated().
    void drained();
    //! Emitted once; the session is deleted soon after.
    void closed(const QString &reason);

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    friend class EngineIoServer;
    //! Draining: closed by the server, the last packets still going out on polling.
    enum class State { Open, Draining, Closed };

    EngineIoSession(EngineIoServer *server, QString id, Handshake handshake,
                    TransportKind transport);

    [[nodiscard]] EnginePacket openPacket() const;
    [[nodiscard]] bool canUpgrade() const;

    // Polling transport.
    QFuture<Http::HttpResponse> handlePollingGet(const Http::HttpRequest &request);
    Http::HttpResponse handlePollingPost(const Http::HttpRequest &request);
    void scheduleFlush();
    void flushPendingGet();
    void answerPendingGet(const QList<EnginePacket> &packets);
    void writeToWebSocket(const EnginePacket &packet);

    // WebSocket transport, directly or by upgrade.
    void attachWebSocket(QWebSocket *socket, bool upgrading);
    void onWebSocketText(const QString &text);
    void onWebSocketBinary(const QByteArray &data);
    void onWebSocketDisconnected();
    void completeUpgrade();
    void abandonProbe(const QString &reason);

    //! After a write: saturated when over the cap (starts the slow-consumer timer).
    void checkSaturated();
    //! After the client took data: drained() when back under the cap. Never called from a write,
    //! so a sender's drained() handler never runs inside its own send.
    void checkDrained();
    void closeSlowConsumer(const QString &why);

    void receive(const EnginePacket &packet);
    bool enqueue(EnginePacket packet);
    void sendPing();
    void onPingTimeout();
    //! Schedules the heartbeat's next step: the next ping, or the deadline of the pong.
    void armHeartbeat(bool awaitingPong);
    //! The step armHeartbeat() scheduled is due.
    void onHeartbeatDue();
    //! Whether the client is told the session ended (a close packet) or only left (a noop).
    enum class CloseNotice { Silent, Send };
    void protocolError(const QString &reason, CloseNotice notice = CloseNotice::Silent);
    //! Closes the WebSocket after what is queued on it, letting it outlive the session.
    void releaseWebSocket();
    void finish(const QString &reason, bool notifyClient);
    //! A server-side close of a polling session with packets queued: they go out with the
    //! current or next GET, the close packet with the one after (the client handles a packet a
    //! tick after it reads it, so one payload holding both would look like a lost transport).
    //! The session ends at that GET, a client close, or after slowConsumerTimeout.
    void drainThenClose(const QString &reason);

    EngineIoServer *m_server;
    Receiver *m_receiver = nullptr;
    QString m_id;
    Handshake m_handshake;
    TransportKind m_transport;
    State m_state = State::Open;

    QList<EnginePacket> m_outgoing; // polling: waiting for the next GET
    qint64 m_outgoingBytes = 0;
    std::shared_ptr<QPromise<Http::HttpResponse>> m_pendingGet;
    QPointer<Http::HttpConnection> m_pendingGetConnection;
    bool m_flushScheduled = false;

    QPointer<QWebSocket> m_webSocket; // the active WebSocket, or the probing one while upgrading
    bool m_upgrading = false;
    bool m_probeAnswered = false; // "3probe" sent: polling GETs are answered with noop at once

    bool m_joined = false;
    bool m_saturated = false;
    // A basic timer, not a QTimer object: every QTimer is a QObject of its own, a few hundred
    // bytes of each idle session.
    QBasicTimer m_saturationTimer; // saturated for too long: a slow consumer
    QBasicTimer m_drainTimer; // draining for too long: the client stopped polling
    QString m_closeReason; // while draining
    //! The v4 heartbeat, scheduled in the server's DeadlineQueue: the next ping is due, or the
    //! pong to the last one.
    bool m_awaitingPong = false;
    SessionInfo m_stats;
};

} // namespace Im::SocketIo
