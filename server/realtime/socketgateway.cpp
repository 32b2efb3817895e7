#include "realtime/socketgateway.h"

#include "auth/authservice.h"
#include "im/deviceid.h"
#include "im/futures.h"
#include "messaging/deliveryhub.h"
#include "realtime/chatevents.h"
#include "socketio/socketionamespace.h"
#include "socketio/socketioserver.h"
#include "socketio/socketiosocket.h"

#include <QLoggingCategory>

using namespace Qt::StringLiterals;

namespace Im::Realtime {

namespace {

Q_LOGGING_CATEGORY(lcRealtime, "im.realtime")

} // namespace

SocketGateway::SocketGateway(SocketIo::SocketIoServer &io, Auth::AuthService &auth,
                             Messaging::DeliveryHub &hub, ChatEvents &events, QObject *parent)
    : QObject(parent)
    , m_auth(auth)
    , m_hub(hub)
    , m_events(events)
{
    SocketIo::SocketIoNamespace *root = io.of(u"/"_s);
    root->setAuthenticator([this](const SocketIo::ConnectRequest &request) {
        const QString deviceId = QString::fromUtf8(request.handshake.header("deviceid"));
        return thenOn(m_auth.authenticate(request.handshake.header("userid"),
                                          request.handshake.header("authorization")),
                      this, [deviceId](Result<Auth::UserContext> user) {
                          if (!user)
                              return SocketIo::ConnectDecision::refuse(u"Authentication error"_s);
                          if (!deviceId.isEmpty() && !Core::isValidDeviceId(deviceId))
                              return SocketIo::ConnectDecision::refuse(u"Invalid device id"_s);
                          return SocketIo::ConnectDecision::accept(QVariantMap {
                              { u"id"_s, user->id },
                              { u"deviceId"_s, deviceId },
                              { u"info"_s, user->info.toVariantMap() },
                          });
                      });
    });
    connect(root, &SocketIo::SocketIoNamespace::connected, this, &SocketGateway::onConnected);
}

QString SocketGateway::userRoom(int userId)
{
    return u"user:%1"_s.arg(userId);
}

void SocketGateway::onConnected(SocketIo::SocketIoSocket *socket)
{
    const QVariantMap data = socket->userData().toMap();
    Auth::UserContext user;
    user.id = data.value(u"id"_s).toInt();
    user.info = QJsonObject::fromVariantMap(data.value(u"info"_s).toMap());
    const int userId = user.id;
    socket->join(userRoom(userId));
    m_events.bind(socket, user);
    m_hub.attach(socket, userId, data.value(u"deviceId"_s).toString());
    qCDebug(lcRealtime) << "user" << userId << "connected, socket" << socket->id();
    connect(socket, &SocketIo::SocketIoSocket::disconnected, this, [userId](const QString &reason) {
        qCDebug(lcRealtime) << "user" << userId << "disconnected:" << reason;
    });
}

} // namespace Im::Realtime
