#pragma once

#include "socketio/engineiosession.h"
#include "socketio/socketiopacket.h"

#include <QBasicTimer>
#include <QObject>
#include <QPointer>

#include <chrono>
#include <map>
#include <set>

namespace Im::SocketIo {

class SocketIoServer;
class SocketIoSocket;

//! The Socket.IO side of one Engine.IO session: decodes its messages (binary attachments
//! included), runs namespace CONNECTs through their authenticators, routes packets to the
//! session's sockets and encodes what they send. Internal to the library.
class SocketIoClient : public QObject, private EngineIoSession::Receiver
{
    Q_OBJECT
public:
    SocketIoClient(SocketIoServer *server, EngineIoSession *session,
                   std::chrono::milliseconds connectTimeout);
    ~SocketIoClient() override;

    [[nodiscard]] EngineIoSession *session() const { return m_session; }
    [[nodiscard]] QList<SocketIoSocket *> sockets() const;

    //! Encodes and queues \a packet (text, then one binary message per attachment).
    bool write(const SocketIoPacket &packet);
    //! A socket left its namespace (server side).
    void detach(SocketIoSocket *socket, bool sendDisconnect);
    //! Closes the whole Engine.IO session.
    void closeSession(const QString &reason);

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    void sessionText(const QString &text) override;
    void sessionBinary(const QByteArray &data) override;
    void sessionDrained() override;
    void sessionClosed(const QString &reason) override;
    void handle(const SocketIoPacket &packet);
    void handleConnect(const SocketIoPacket &packet);
    void refuse(const QString &nsp, const QString &message);
    void protocolError(const QString &reason);

    SocketIoServer *m_server;
    QPointer<EngineIoSession> m_session;
    SocketIoDecoder m_decoder;
    // Node containers: a session holds one or two entries, and Qt 6.4's QHash/QSet allocate
    // room for 48 at the first insert and keep it.
    std::map<QString, SocketIoSocket *> m_sockets; // by namespace
    std::set<QString> m_connecting; // namespaces whose CONNECT awaits its authenticator
    //! A basic timer: a QTimer object would stay with the session long after the CONNECT.
    QBasicTimer m_connectTimeout;
    std::chrono::milliseconds m_connectTimeoutLength;
};

} // namespace Im::SocketIo
