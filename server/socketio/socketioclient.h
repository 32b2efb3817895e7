#pragma once

#include "socketio/socketiopacket.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace Im::SocketIo {

class EngineIoSession;
class SocketIoServer;
class SocketIoSocket;

//! The Socket.IO side of one Engine.IO session: decodes its messages (binary attachments
//! included), runs namespace CONNECTs through their authenticators, routes packets to the
//! session's sockets and encodes what they send. Internal to the library.
class SocketIoClient : public QObject
{
    Q_OBJECT
public:
    SocketIoClient(SocketIoServer *server, EngineIoSession *session,
                   std::chrono::milliseconds connectTimeout);
    ~SocketIoClient() override;

    [[nodiscard]] EngineIoSession *session() const { return m_session; }
    [[nodiscard]] QList<SocketIoSocket *> sockets() const { return m_sockets.values(); }

    //! Encodes and queues \a packet (text, then one binary message per attachment).
    bool write(const SocketIoPacket &packet);
    //! A socket left its namespace (server side).
    void detach(SocketIoSocket *socket, bool sendDisconnect);
    //! Closes the whole Engine.IO session.
    void closeSession(const QString &reason);

private:
    void onText(const QString &text);
    void onBinary(const QByteArray &data);
    void onSessionClosed(const QString &reason);
    void handle(const SocketIoPacket &packet);
    void handleConnect(const SocketIoPacket &packet);
    void refuse(const QString &nsp, const QString &message);
    void protocolError(const QString &reason);

    SocketIoServer *m_server;
    QPointer<EngineIoSession> m_session;
    SocketIoDecoder m_decoder;
    QHash<QString, SocketIoSocket *> m_sockets; // by namespace
    QSet<QString> m_connecting; // namespaces whose CONNECT awaits its authenticator
    QTimer m_connectTimeout;
};

} // namespace Im::SocketIo
