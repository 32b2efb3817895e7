#include "adminapi/sessionscontroller.h"

#include "http/envelope.h"
#include "http/fieldrules.h"
#include "messaging/deliveryhub.h"
#include "socketio/engineioserver.h"
#include "socketio/engineiosession.h"
#include "socketio/socketiosocket.h"
#include "store/seeder.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace Im::AdminApi {

namespace {

QString wireTime(const QDateTime &time)
{
    return time.isValid() ? time.toString(Qt::ISODateWithMs) : QString();
}

} // namespace

SessionsController::SessionsController(Auth::AuthService &auth, const Messaging::DeliveryHub &hub,
                                       SocketIo::EngineIoServer &engine, QObject *parent)
    : QObject(parent)
    , m_hub(hub)
    , m_engine(&engine)
    , m_guard(auth, this)
{ }

void SessionsController::registerRoutes(Http::Router &router)
{
    using Method = Http::HttpRequest::Method;
    const auto admin = [this](auto handler) {
        return m_guard.protect(
            [handler](const Http::HttpRequest &request, const Auth::UserContext &) {
                return Http::ready(handler(request));
            },
            Store::Permission::AdminConsole);
    };
    router.add(Method::Get, u"/api/v1/admin/sessions"_s, admin([this](const Http::HttpRequest &) {
                   return Http::Envelope::success(list());
               }));
    router.add(Method::Delete, u"/api/v1/admin/sessions/:sid"_s,
               admin([this](const Http::HttpRequest &request) {
                   return closeSession(request.pathParameters.value(u"sid"_s));
               }));
    router.add(Method::Delete, u"/api/v1/admin/users/:id/sessions"_s,
               admin([this](const Http::HttpRequest &request) {
                   const auto userId = Http::FieldRules::pathId(request);
                   return userId ? closeUser(*userId) : Http::badParameters();
               }));
}

QJsonArray SessionsController::list() const
{
    QJsonArray sessions;
    if (!m_engine)
        return sessions;
    for (const Messaging::ChannelInfo &channel : m_hub.channels()) {
        const SocketIo::SocketIoSocket *socket = nullptr;
        for (SocketIo::SocketIoSocket *candidate : m_hub.socketsOf(channel.userId)) {
            if (candidate->id() == channel.socketId)
                socket = candidate;
        }
        const SocketIo::EngineIoSession *session =
            socket ? m_engine->session(socket->engineSessionId()) : nullptr;
        if (!session)
            continue;
        const SocketIo::SessionInfo info = session->info();
        const QVariantMap user = socket->userData().toMap();
        sessions.append(QJsonObject {
            { u"sid"_s, info.sid },
            { u"socketId"_s, channel.socketId },
            { u"userId"_s, channel.userId },
            { u"account"_s, user.value(u"info"_s).toMap().value(u"account"_s).toString() },
            { u"deviceId"_s, channel.deviceId },
            { u"transport"_s,
              info.transport == SocketIo::TransportKind::WebSocket ? u"websocket"_s
                                                                   : u"polling"_s },
            { u"remoteAddress"_s, info.remoteAddress.toString() },
            { u"connectedSince"_s, wireTime(info.connectedSince) },
            { u"lastActivity"_s, wireTime(info.lastPacketAt) },
            { u"pendingAcks"_s, info.pendingAcks },
            { u"bufferedBytes"_s, info.bufferedBytes },
        });
    }
    return sessions;
}

Http::HttpResponse SessionsController::closeSession(const QString &sid)
{
    SocketIo::EngineIoSession *session = m_engine ? m_engine->session(sid) : nullptr;
    if (!session)
        return Http::Envelope::failure(404, u"No session found with id %1"_s.arg(sid));
    session->close(u"closed by an administrator"_s);
    return Http::Envelope::success(QJsonValue::Undefined, u"Successfully."_s);
}

Http::HttpResponse SessionsController::closeUser(int userId)
{
    int closed = 0;
    for (SocketIo::SocketIoSocket *socket : m_hub.socketsOf(userId)) {
        if (SocketIo::EngineIoSession *session =
                m_engine ? m_engine->session(socket->engineSessionId()) : nullptr) {
            session->close(u"closed by an administrator"_s);
            ++closed;
        }
    }
    return Http::Envelope::success(QJsonObject { { u"closed"_s, closed } }, u"Successfully."_s);
}

} // namespace Im::AdminApi
