#include "http/friendscontroller.h"

#include "cache/cachedread.h"
#include "cache/cachekeys.h"
#include "http/envelope.h"
#include "http/fieldrules.h"
#include "http/requestbody.h"
#include "im/friendsservice.h"
#include "im/futures.h"
#include "store/friendqueries.h"

using namespace Qt::StringLiterals;

namespace Im::Http {

using namespace FieldRules;

namespace {

Core::FriendsService::Caller callerOf(const Auth::UserContext &user)
{
    return { user.id, user.publicInfo() };
}

} // namespace

FriendsController::FriendsController(Auth::AuthService &auth, Core::FriendsService &friendships,
                                     Store::DbExecutor &database, Cache::ApiCache &cache,
                                     QObject *parent)
    : RestController(auth, parent)
    , m_friendships(friendships)
    , m_database(database)
    , m_cache(cache)
{ }

void FriendsController::registerRoutes(Router &router)
{
    using Method = HttpRequest::Method;
    addGuarded(router, Method::Post, u"/api/v1/friends"_s, &FriendsController::request);
    addGuarded(router, Method::Get, u"/api/v1/friends"_s, &FriendsController::list);
    // Fixed paths before `:id`, in case the router matches in order.
    addGuarded(router, Method::Get, u"/api/v1/friends/requests/sent"_s,
               &FriendsController::sentRequests);
    addGuarded(
        router, Method::Post, u"/api/v1/friends/agree"_s,
        [this](const HttpRequest &r, const Auth::UserContext &u) { return answer(r, u, true); });
    addGuarded(
        router, Method::Post, u"/api/v1/friends/reject"_s,
        [this](const HttpRequest &r, const Auth::UserContext &u) { return answer(r, u, false); });
    addGuarded(router, Method::Delete, u"/api/v1/friends/:id"_s, &FriendsController::remove);
    addGuarded(router, Method::Put, u"/api/v1/friends/:id"_s, &FriendsController::updateSettings);
    addGuarded(router, Method::Get, u"/api/v1/friends/:id"_s, &FriendsController::settings);
}

QFuture<HttpResponse> FriendsController::request(const HttpRequest &request,
                                                 const Auth::UserContext &user)
{
    const auto body = bodyObject(request);
    if (!body)
        return ready(badParameters());
    const auto target = positiveInteger(body->value(u"userId"_s));
    QVariant remark;
    QVariant ext;
    if (!target || !optionalString(*body, u"remark"_s, &remark)
        || !optionalString(*body, u"ext"_s, &ext)) {
        return ready(badParameters());
    }
    return answered(m_friendships.request(callerOf(user), *target, remark, ext),
                    u"Seccessed, wait for the other party to agree."_s);
}

QFuture<HttpResponse> FriendsController::remove(const HttpRequest &request,
                                                const Auth::UserContext &user)
{
    const auto friendId = pathId(request);
    if (!friendId)
        return ready(badParameters());
    return answered(m_friendships.remove(callerOf(user), *friendId), u"Successfully deleted."_s);
}

QFuture<HttpResponse> FriendsController::updateSettings(const HttpRequest &request,
                                                        const Auth::UserContext &user)
{
    const auto friendId = pathId(request);
    const auto body = bodyObject(request);
    if (!friendId || !body)
        return ready(badParameters());
    // Presence, not truthiness, decides what changes: false and null are real values (D-18).
    Core::FriendSettingsUpdate update;
    if (body->contains(u"remark"_s)) {
        QVariant remark;
        if (!optionalString(*body, u"remark"_s, &remark))
            return ready(badParameters());
        update.remark = remark;
    }
    if (!optionalBool(*body, u"astrolabe"_s, &update.astrolabe)
        || !optionalBool(*body, u"block"_s, &update.block)) {
        return ready(badParameters());
    }
    return answered(m_friendships.updateSettings(user.id, *friendId, update),
                    u"Successfully updated."_s);
}

QFuture<HttpResponse> FriendsController::settings(const HttpRequest &request,
                                                  const Auth::UserContext &user)
{
    const auto friendId = pathId(request);
    if (!friendId)
        return ready(badParameters());
    return thenReady(m_friendships.settings(user.id, *friendId), this,
                     [](Result<Core::FriendSettings> settings) {
                         if (!settings)
                             return Envelope::fromError(settings.error());
                         return Envelope::success(settings->toJson());
                     });
}

QFuture<HttpResponse> FriendsController::list(const Auth::UserContext &user)
{
    const int me = user.id;
    // The whole answer is kept, per user: a hit costs neither a query nor JSON work.
    auto body = Cache::cachedOrLoaded(
        m_cache, m_database, this, Cache::CacheKeys::friends(me),
        [me](Store::DbSession &session) -> Result<QByteArray> {
            auto rows = Store::listFriends(session, me);
            if (!rows)
                return rows.error();
            return Envelope::success(
                       QJsonObject { { u"count"_s, rows->size() }, { u"friends"_s, rows.value() } })
                .body;
        });
    return thenReady(body, this, [](Result<QByteArray> answer) {
        if (!answer)
            return Envelope::fromError(answer.error());
        return HttpResponse { 200, "application/json; charset=utf-8", answer.value(), {} };
    });
}

QFuture<HttpResponse> FriendsController::answer(const HttpRequest &request,
                                                const Auth::UserContext &user, bool agree)
{
    const auto body = bodyObject(request);
    const QJsonValue notifyId = body ? body->value(u"notifyId"_s) : QJsonValue();
    if (!notifyId.isString())
        return ready(badParameters());
    return answered(m_friendships.answer(callerOf(user), notifyId.toString(), agree),
                    u"Successfully."_s);
}

QFuture<HttpResponse> FriendsController::sentRequests(const Auth::UserContext &user)
{
    return thenReady(m_friendships.sentRequests(user.id), this,
                     [](Result<QList<Core::StoredNotify>> rows) {
                         if (!rows)
                             return Envelope::fromError(rows.error());
                         QJsonArray data;
                         for (const Core::StoredNotify &notify : rows.value())
                             data.append(notify.toSentJson());
                         return Envelope::success(data);
                     });
}

} // namespace Im::Http
