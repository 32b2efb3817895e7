#include "adminapi/sessionscontroller.h"

#include "adminapi/adminjson.h"
#include "adminapi/userresolver.h"
#include "http/envelope.h"
#include "http/fieldrules.h"
#include "im/deliveryhub.h"
#include "im/futures.h"
#include "messaging/socketdevicelink.h"
#include "socketio/engineioserver.h"
#include "socketio/engineiosession.h"
#include "socketio/socketiosocket.h"
#include "store/seeder.h"

using namespace Qt::StringLiterals;

namespace Im::AdminApi {

SessionsController::SessionsController(Auth::AuthService &auth, Store::DbExecutor &database,
                                       const Core::DeliveryHub &hub,
                                       SocketIo::EngineIoServer &engine, QObject *parent)
    : RestController(auth, parent)
    , m_auth(auth)
    , m_database(database)
    , m_hub(hub)
    , m_engine(&engine)
{ }

void SessionsController::registerRoutes(Http::Router &router)
{
    using Method = Http::HttpRequest::Method;
    const auto admin = [this](auto handler) {
        return guard().protect(
            [handler](const Http::HttpRequest &request, const Auth::UserContext &) {
                return Http::ready(handler(request));
            },
            Store::Permission::AdminConsole);
    };
    router.add(Method::Get, u"/api/v1/admin/sessions"_s, admin([this](const Http::HttpRequest &) {
                   return Http::Envelope::success(m_engine ? sessionsJson(m_hub, *m_engine)
                                                           : QJsonArray());
               }));
    router.add(Method::Delete, u"/api/v1/admin/sessions/:sid"_s,
               admin([this](const Http::HttpRequest &request) {
                   return closeSession(request.pathParameters.value(u"sid"_s));
               }));
    addGuarded(
        router, Method::Delete, u"/api/v1/admin/users/:id/sessions"_s,
        [this](const Http::HttpRequest &request, const Auth::UserContext &) {
            const auto user = parsePathUserRef(request.pathParameters.value(u"id"_s));
            const QString revoke = request.query.queryItemValue(u"revoke"_s);
            if (!user || !(revoke.isEmpty() || revoke == "true"_L1 || revoke == "false"_L1))
                return Http::ready(Http::badParameters());
            return withUser(m_database, *user, this, [this, revoke](const ResolvedUser &found) {
                return revoke == "true"_L1 ? revokeUser(found.id)
                                           : Http::ready(closeUser(found.id));
            });
        },
        Store::Permission::AdminConsole);
    addGuarded(
        router, Method::Post, u"/api/v1/admin/users/:id/revoke-sessions"_s,
        [this](const Http::HttpRequest &request, const Auth::UserContext &) {
            const auto user = parsePathUserRef(request.pathParameters.value(u"id"_s));
            if (!user)
                return Http::ready(Http::badParameters());
            return withUser(m_database, *user, this,
                            [this](const ResolvedUser &found) { return revokeUser(found.id); });
        },
        Store::Permission::AdminConsole);
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
    for (SocketIo::SocketIoSocket *socket : Messaging::socketsOf(m_hub, userId)) {
        if (SocketIo::EngineIoSession *session =
                m_engine ? m_engine->session(socket->engineSessionId()) : nullptr) {
            session->close(u"closed by an administrator"_s);
            ++closed;
        }
    }
    return Http::Envelope::success(QJsonObject { { u"closed"_s, closed } }, u"Successfully."_s);
}

QFuture<Http::HttpResponse> SessionsController::revokeUser(int userId)
{
    // Every socket of the user counted before the revoke closes them (userSessionsEnded).
    const int sockets = int(Messaging::socketsOf(m_hub, userId).size());
    return thenOn(m_auth.logoutEverywhere(userId), this, [sockets](Result<void> revoked) {
        if (!revoked)
            return Http::Envelope::fromError(revoked.error());
        return Http::Envelope::success(
            QJsonObject { { u"closed"_s, sockets }, { u"revoked"_s, true } }, u"Successfully."_s);
    });
}

} // namespace Im::AdminApi
