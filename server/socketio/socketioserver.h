#pragma once

#include "socketio/socketiotypes.h"

#include <QHash>
#include <QObject>

#include <chrono>

namespace Im::SocketIo {

class EngineIoServer;
class EngineIoSession;
class SocketIoClient;
class SocketIoNamespace;

//! Socket.IO v5 on top of an EngineIoServer: namespaces, CONNECT with authentication, events and
//! acks in both directions (binary included, over both transports), rooms. Knows nothing of users
//! or messages. Everything runs on the network thread.
//!
//! \code
//! SocketIo::SocketIoServer io(engine);
//! QObject::connect(io.of(u"/"_s), &SocketIo::SocketIoNamespace::connected,
//!                  [](SocketIo::SocketIoSocket *socket) {
//!     socket->on(u"ping-me"_s, [](const QVariantList &args, const SocketIo::Ack &ack) {
//!         ack({u"pong"_s, args.value(0)});
//!     });
//! });
//! \endcode
class SocketIoServer : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        //! A session that has not connected to any namespace by then, or that has left every
        //! namespace for that long, is closed.
        std::chrono::milliseconds connectTimeout { 45000 };
    };

    SocketIoServer(EngineIoServer &engine, Options options, QObject *parent = nullptr);
    ~SocketIoServer() override;

    //! The namespace \a name ("/" by default), created on first use. CONNECTs to namespaces that
    //! were never created are refused with "Invalid namespace".
    SocketIoNamespace *of(const QString &name = QStringLiteral("/"));

    [[nodiscard]] EngineIoServer &engine() const { return m_engine; }
    //! Every live session with its Socket.IO details (pending acks, namespaces).
    [[nodiscard]] QList<SessionInfo> sessions() const;
    [[nodiscard]] ServerCounters counters() const;

private:
    friend class SocketIoClient;
    friend class SocketIoSocket;

    void onSessionOpened(EngineIoSession *session);

    EngineIoServer &m_engine;
    Options m_options;
    QHash<QString, SocketIoNamespace *> m_namespaces;
    QHash<QString, SocketIoClient *> m_clients; // by Engine.IO sid
    qint64 m_acksTimedOut = 0;
    qint64 m_protocolErrors = 0;
};

} // namespace Im::SocketIo
