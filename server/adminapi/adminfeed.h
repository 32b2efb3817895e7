#pragma once

#include "adminapi/adminjson.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

namespace Im::Auth {
class AuthService;
}

namespace Im::Core {
class DeviceLink;
}

namespace Im::SocketIo {
class SocketIoNamespace;
class SocketIoServer;
class SocketIoSocket;
} // namespace Im::SocketIo

namespace Im::AdminApi {

//! The admin console's live feed, the Socket.IO namespace `/admin`. A CONNECT is authenticated
//! like one to `/` (the handshake's `userid` + `authorization` headers) and also needs the
//! `adminConsole` permission; otherwise CONNECT_ERROR `Authentication error` or
//! `Forbidden: the adminConsole permission is required`. Admin sockets are no delivery channels.
//! They are sent (no acks): `server` (`{instanceId, startedAt, node, version}`) on connect;
//! `sessions` (the `GET /admin/sessions` array, at most 500 rows, then a second argument
//! `{total, sent, truncated, at}`) on connect, whenever a session opens, closes or upgrades (at
//! most once per 250 ms) and with every rate sample, so activity and pending acks stay current;
//! `queues` (the `GET /admin/queues` object without `rates`) every second; `sample` with each
//! rate sample. Every few seconds each
//! admin socket's session and permission are checked again, so a logout or a revoked role ends the
//! feed too. Network thread.
class AdminFeed : public QObject
{
    Q_OBJECT
public:
    AdminFeed(SocketIo::SocketIoServer &io, Auth::AuthService &auth, QueueSources sources,
              SocketIo::EngineIoServer &engine, QObject *parent = nullptr);

    //! The namespace's name.
    static constexpr QLatin1StringView name { "/admin" };

private:
    void onAdminConnected(SocketIo::SocketIoSocket *socket);
    void onAdminDisconnected();
    void sessionsChanged();
    void recheckAdmins();
    void broadcast(const QString &event, const QJsonValue &payload);
    //! The `sessions` event's arguments: the rows, then `{total, sent, truncated, at}`.
    [[nodiscard]] QVariantList sessions() const;

    Auth::AuthService &m_auth;
    const QueueSources m_sources;
    QPointer<SocketIo::EngineIoServer> m_engine;
    QPointer<SocketIo::SocketIoNamespace> m_namespace;
    int m_admins = 0;
    QTimer m_sessionsTimer; //!< coalesces session changes
    QTimer m_queuesTimer;
    QTimer m_recheckTimer;
};

} // namespace Im::AdminApi
