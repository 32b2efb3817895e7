#pragma once

#include "socketio/socketiotypes.h"

#include <QBasicTimer>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QVariant>

#include <chrono>
#include <functional>
#include <map>
#include <set>

namespace Im::SocketIo {

class SocketIoClient;
class SocketIoNamespace;

//! What an emit that asked for an acknowledgement ended with.
struct AckResult
{
    enum class Status { Acknowledged, TimedOut, Disconnected };
    Status status = Status::Disconnected;
    QVariantList arguments; //!< The client's ack arguments (binary ones as QByteArray).
};

//! Answers one incoming event that asked for an acknowledgement. Calling it more than once, or on
//! an event that asked for none, does nothing. Safe to keep and call later (asynchronously); it
//! does nothing once the socket is gone.
class Ack
{
public:
    Ack() = default;
    [[nodiscard]] bool isRequested() const { return m_send != nullptr; }
    void operator()(const QVariantList &arguments = {}) const;

private:
    friend class SocketIoSocket;
    std::shared_ptr<std::function<void(const QVariantList &)>> m_send;
};

//! One client's connection to one namespace. Arguments are QVariants: strings, numbers, booleans,
//! null, QVariantList, QVariantMap, and QByteArray for binary (sent as attachments).
//! Lives on the network thread and is deleted after disconnected().
class SocketIoSocket : public QObject
{
    Q_OBJECT
public:
    using EventHandler = std::function<void(const QVariantList &arguments, const Ack &ack)>;

    [[nodiscard]] QString id() const { return m_id; }
    [[nodiscard]] QString engineSessionId() const;
    [[nodiscard]] SocketIoNamespace *socketNamespace() const { return m_namespace; }
    [[nodiscard]] const Handshake &handshake() const;
    //! The CONNECT packet's payload (socket.io-client's `auth` option), or null.
    [[nodiscard]] const QVariant &auth() const { return m_auth; }
    //! What the namespace's authenticator attached on acceptance (for example the user id).
    [[nodiscard]] const QVariant &userData() const { return m_userData; }
    [[nodiscard]] bool isConnected() const { return m_connected; }
    //! The session's outgoing buffer is over its cap (EngineOptions::bufferCapBytes): what can
    //! wait should wait for drained(). A session saturated for too long is closed.
    [[nodiscard]] bool isSaturated() const;

    //! Registers the handler of \a event (one per event; a later one replaces it).
    void on(const QString &event, EventHandler handler);
    //! Sends \a event with \a arguments; returns false when the socket is gone or the session's
    //! buffer is full (the session is then closed).
    bool send(const QString &event, const QVariantList &arguments = {});
    //! What an emit with an acknowledgement ended with, reported once.
    using AckCallback = std::function<void(const AckResult &)>;
    //! Sends \a event and waits for the client's ack, at most \a timeout. \a onAck runs once,
    //! on a later pass of the event loop (never inside this call or inside the packet that
    //! answered), and not at all once the socket is deleted; a disconnect reports Disconnected
    //! to every ack still waiting before the socket is deleted. A plain callback: a push costs no
    //! promise, future or watcher of its own.
    void sendWithAck(const QString &event, const QVariantList &arguments,
                     std::chrono::milliseconds timeout, AckCallback onAck);

    void join(const QString &room);
    void leave(const QString &room);
    [[nodiscard]] QSet<QString> rooms() const { return { m_rooms.cbegin(), m_rooms.cend() }; }
    [[nodiscard]] int pendingAcks() const { return int(m_pendingAcks.size()); }

    //! Disconnects from the namespace (sends DISCONNECT); the Engine.IO session stays open when
    //! \a closeTransport is false and other namespaces still use it.
    void disconnect(bool closeTransport = false);

Q_SIGNALS:
    void disconnected(const QString &reason);
    //! The session's buffer fell back under its cap.
    void drained();

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    friend class SocketIoClient;
    friend class SocketIoNamespace;

    SocketIoSocket(SocketIoClient *client, SocketIoNamespace *ns, QString id, QVariant auth,
                   QVariant userData);
    void dispatchEvent(const QVariantList &payload, std::optional<qint64> ackId);
    void dispatchAck(qint64 ackId, const QVariantList &arguments);
    void markDisconnected(const QString &reason);

    QPointer<SocketIoClient> m_client;
    SocketIoNamespace *m_namespace;
    QString m_id;
    QVariant m_auth;
    QVariant m_userData;
    bool m_connected = true;
    // Standard node containers, not QHash/QSet, for what every socket holds: Qt 6.4's hashes
    // allocate room for 48 entries at their first insert (kilobytes per idle socket for three
    // handlers, one room and a few pushes in flight), and keep it after their last erase.
    std::map<QString, EventHandler> m_handlers;
    std::set<QString> m_rooms;
    qint64 m_nextAckId = 0;
    //! Deadlines of the pending acks, earliest first, behind one timer for the whole socket: a
    //! push costs no timer of its own (timers were a tenth of the server's CPU under load).
    using AckDeadlines = std::multimap<std::chrono::steady_clock::time_point, qint64>;
    struct PendingAck
    {
        AckCallback onAck;
        AckDeadlines::iterator deadline;
    };
    std::map<qint64, PendingAck> m_pendingAcks;
    //! Reports \a result to \a onAck on a later pass of the event loop.
    void completeAck(AckCallback onAck, AckResult result);
    AckDeadlines m_ackDeadlines;
    QBasicTimer m_ackTimer; //!< not a QTimer object: one per socket for its whole life
    std::chrono::steady_clock::time_point m_ackTimerDue;
    void armAckTimer();
    void expireAcks();
};

} // namespace Im::SocketIo
