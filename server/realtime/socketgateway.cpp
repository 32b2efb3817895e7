#include "realtime/socketgateway.h"

#include "auth/authservice.h"
#include "auth/sqlsessionstore.h"
#include "im/deliveryhub.h"
#include "im/deviceid.h"
#include "im/futures.h"
#include "messaging/chatsocketuser.h"
#include "messaging/socketdevicelink.h"
#include "realtime/chatevents.h"
#include "socketio/clientaddress.h"
#include "socketio/socketionamespace.h"
#include "socketio/socketioserver.h"
#include "socketio/socketiosocket.h"

#include <QLoggingCategory>
#include <QPointer>

using namespace Qt::StringLiterals;

namespace Im::Realtime {

namespace {

Q_LOGGING_CATEGORY(lcRealtime, "im.realtime")

} // namespace

SocketGateway::SocketGateway(SocketIo::SocketIoServer &io, Auth::AuthService &auth,
                             Core::DeliveryHub &hub, ChatEvents &events, Limits limits,
                             QObject *parent)
    : QObject(parent)
    , m_auth(auth)
    , m_hub(hub)
    , m_events(events)
    , m_limits(limits)
    , m_expiries([this](SocketIo::SocketIoSocket *socket) { checkExpiry(socket); })
{
    SocketIo::SocketIoNamespace *root = io.of(u"/"_s);
    m_events.handleOn(*root);
    root->setAuthenticator([this](const SocketIo::ConnectRequest &request) {
        const QString deviceId = QString::fromUtf8(request.handshake.header("deviceid"));
        const QString address = SocketIo::clientAddressKey(request.handshake.remoteAddress);
        return thenOn(m_auth.authenticate(request.handshake.header("userid"),
                                          request.handshake.header("authorization")),
                      this, [this, deviceId, address](Result<Auth::UserContext> user) {
                          if (!user)
                              return SocketIo::ConnectDecision::refuse(u"Authentication error"_s);
                          if (!deviceId.isEmpty() && !Core::isValidDeviceId(deviceId))
                              return SocketIo::ConnectDecision::refuse(u"Invalid device id"_s);
                          if (const auto refusal = overCap(user->id, address))
                              return SocketIo::ConnectDecision::refuse(*refusal);
                          // What others may see of the user (UserPublic) is all a socket's
                          // events need; the whole record (role, permissions) was a kilobyte
                          // or two of every socket.
                          return SocketIo::ConnectDecision::accept(
                              QVariant::fromValue(Messaging::ChatSocketUser::make(
                                  user->id, deviceId, user->sessionExpiresAt, user->publicInfo())));
                      });
    });
    connect(root, &SocketIo::SocketIoNamespace::connected, this, &SocketGateway::onConnected);
    connect(&m_auth, &Auth::AuthService::sessionEnded, this,
            [this](int userId, const QString &tokenHash) {
                const QByteArray hash = QByteArray::fromHex(tokenHash.toLatin1());
                endSockets(
                    [&](const Tracked &socket) {
                        return socket.userId == userId && socket.tokenHash == hash;
                    },
                    u"session ended"_s);
            });
    connect(&m_auth, &Auth::AuthService::userSessionsEnded, this, [this](int userId) {
        endSockets([&](const Tracked &socket) { return socket.userId == userId; },
                   u"every session of the user ended"_s);
    });
}

void SocketGateway::endSockets(const std::function<bool(const Tracked &)> &ended,
                               const QString &reason)
{
    QList<SocketIo::SocketIoSocket *> closing;
    for (auto it = m_sockets.cbegin(); it != m_sockets.cend(); ++it) {
        if (ended(it.value()))
            closing.append(it.key());
    }
    for (SocketIo::SocketIoSocket *socket : std::as_const(closing)) {
        qCInfo(lcRealtime) << "closing socket" << socket->id() << "of user"
                           << m_sockets.value(socket).userId << "-" << reason;
        // Closes the Engine.IO session too: nothing the client sends on it is read any more.
        socket->disconnect(true);
    }
}

void SocketGateway::armExpiry(SocketIo::SocketIoSocket *socket, const QDateTime &expiresAt)
{
    if (!m_sockets.contains(socket))
        return;
    // At least a second apart, at most a day.
    const qint64 due = QDateTime::currentDateTimeUtc().msecsTo(expiresAt);
    m_expiries.schedule(
        socket, std::chrono::milliseconds(std::clamp<qint64>(due, 1000, qint64(24) * 3600 * 1000)));
}

void SocketGateway::checkExpiry(SocketIo::SocketIoSocket *socket)
{
    const auto it = m_sockets.constFind(socket);
    if (it == m_sockets.cend())
        return;
    QPointer<SocketIo::SocketIoSocket> alive(socket);
    // The token is read from the handshake, which keeps it anyway, rather than copied per socket.
    const QString token = QString::fromLatin1(socket->handshake().header("authorization"));
    whenFinished(
        m_auth.sessionExpiry(it->userId, token), this, [this, alive](Result<QDateTime> expiresAt) {
            if (!alive || !m_sockets.contains(alive))
                return;
            if (!expiresAt) {
                if (expiresAt.error().code == ErrorCode::NotFound) {
                    qCInfo(lcRealtime) << "closing socket" << alive->id() << "of user"
                                       << m_sockets.value(alive).userId << "- session expired";
                    alive->disconnect(true);
                } else {
                    // The store did not answer: look again shortly.
                    armExpiry(alive, QDateTime::currentDateTimeUtc().addSecs(5));
                }
                return;
            }
            armExpiry(alive, expiresAt.value());
        });
}

std::optional<QString> SocketGateway::overCap(int userId, const QString &address) const
{
    if (m_limits.maxPerUser > 0 && m_perUser.value(userId) >= m_limits.maxPerUser)
        return u"Too many connections"_s;
    if (m_limits.maxPerAddress > 0 && m_perAddress.value(address) >= m_limits.maxPerAddress)
        return u"Too many connections from this address"_s;
    return std::nullopt;
}

QString SocketGateway::userRoom(int userId)
{
    return u"user:%1"_s.arg(userId);
}

void SocketGateway::onConnected(SocketIo::SocketIoSocket *socket)
{
    const auto user = Messaging::ChatSocketUser::of(*socket);
    const int userId = user.id;
    const QString address = SocketIo::clientAddressKey(socket->handshake().remoteAddress);
    // CONNECTs authenticated at the same time all passed the check before any of them got here.
    if (const auto refusal = overCap(userId, address)) {
        qCInfo(lcRealtime).noquote()
            << "closing socket" << socket->id() << "of user" << userId << "at once -" << *refusal;
        socket->disconnect(true);
        return;
    }
    const QString token = QString::fromLatin1(socket->handshake().header("authorization"));
    m_sockets.insert(
        socket,
        Tracked { userId, QByteArray::fromHex(Auth::SqlSessionStore::hashToken(token).toLatin1()),
                  address });
    ++m_perUser[userId];
    ++m_perAddress[address];
    armExpiry(socket, user.sessionExpiresAt);
    socket->join(userRoom(userId));
    m_hub.attach(new Messaging::SocketDeviceLink(socket), userId, user.deviceId);
    qCDebug(lcRealtime) << "user" << userId << "connected, socket" << socket->id();
    connect(socket, &SocketIo::SocketIoSocket::disconnected, this,
            [this, socket, userId, address](const QString &reason) {
                m_events.unbind(socket->id());
                m_expiries.cancel(socket);
                m_sockets.remove(socket);
                if (--m_perUser[userId] <= 0)
                    m_perUser.remove(userId);
                if (--m_perAddress[address] <= 0)
                    m_perAddress.remove(address);
                qCDebug(lcRealtime) << "user" << userId << "disconnected:" << reason;
            });
}

} // namespace Im::Realtime
