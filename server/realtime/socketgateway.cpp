#include "realtime/socketgateway.h"

#include "auth/authservice.h"
#include "im/futures.h"
#include "socketio/socketionamespace.h"
#include "socketio/socketioserver.h"
#include "socketio/socketiosocket.h"

#include <QLoggingCategory>

using namespace Qt::StringLiterals;

namespace Im::Realtime {

namespace {

Q_LOGGING_CATEGORY(lcRealtime, "im.realtime")

} // namespace

SocketGateway::SocketGateway(SocketIo::SocketIoServer &io, Auth::AuthService &auth, QObject *parent)
    : QObject(parent)
    , m_auth(auth)
{
    SocketIo::SocketIoNamespace *root = io.of(u"/"_s);
    root->setAuthenticator([this](const SocketIo::ConnectRequest &request) {
        return thenOn(m_auth.authenticate(request.handshake.header("userid"),
                                          request.handshake.header("authorization")),
                      this, [](Result<Auth::UserContext> user) {
                          if (!user)
                              return SocketIo::ConnectDecision::refuse(u"Authentication error"_s);
                          return SocketIo::ConnectDecision::accept(user->id);
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
    const int userId = socket->userData().toInt();
    socket->join(userRoom(userId));
    qCDebug(lcRealtime) << "user" << userId << "connected, socket" << socket->id();
    connect(socket, &SocketIo::SocketIoSocket::disconnected, this, [userId](const QString &reason) {
        qCDebug(lcRealtime) << "user" << userId << "disconnected:" << reason;
    });
}

} // namespace Im::Realtime
