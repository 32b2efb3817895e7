#include "http/friendscontroller.h"

#include "cache/cachedread.h"
#include "cache/cacheeviction.h"
#include "cache/cachekeys.h"
#include "http/envelope.h"
#include "http/fieldrules.h"
#include "http/requestbody.h"
#include "im/futures.h"
#include "im/notificationsink.h"
#include "store/dbexecutor.h"
#include "store/friendqueries.h"

using namespace Qt::StringLiterals;

namespace Im::Http {

using namespace FieldRules;

namespace {

constexpr qsizetype maxNotifyIdLength = 64;
constexpr int maxSentRequests = 100;

} // namespace

FriendsController::FriendsController(Auth::AuthService &auth, Store::DbExecutor &database,
                                     Core::NotificationSink &notifications, Cache::ApiCache &cache,
                                     QObject *parent)
    : RestController(auth, parent)
    , m_database(database)
    , m_notifications(notifications)
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

void FriendsController::deliver(const Store::NotifyRecord &notify, const Auth::UserContext &sender,
                                int receiver)
{
    m_notifications.deliver(notify.toNotification(sender.id, sender.publicInfo(), receiver));
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
    if (!target || *target == user.id || !optionalString(*body, u"remark"_s, &remark)
        || !optionalString(*body, u"ext"_s, &ext)) {
        return ready(badParameters());
    }
    const int me = user.id;
    auto created = m_database.run<Store::NotifyRecord>(
        [me, target = *target, remark, ext, cache = &m_cache](Store::DbSession &session) {
            auto notify = Store::createFriendRequest(session, me, target, remark, ext);
            if (notify) // a request changes no list; evicted anyway, should that ever change
                Cache::evictFriendLists(*cache, { me, target });
            return notify;
        });
    return thenOn(created, this, [this, user](Result<Store::NotifyRecord> notify) {
        if (!notify)
            return Envelope::fromError(notify.error());
        deliver(notify.value(), user, notify->receiver);
        return Envelope::success(QJsonValue::Undefined,
                                 u"Seccessed, wait for the other party to agree."_s);
    });
}

QFuture<HttpResponse> FriendsController::remove(const HttpRequest &request,
                                                const Auth::UserContext &user)
{
    const auto friendId = pathId(request);
    if (!friendId)
        return ready(badParameters());
    const int me = user.id;
    auto removed = m_database.run<Store::NotifyRecord>(
        [me, friendId = *friendId, cache = &m_cache](Store::DbSession &session) {
            auto notify = Store::deleteFriendship(session, me, friendId);
            if (notify)
                Cache::evictFriendLists(*cache, { me, friendId });
            return notify;
        });
    return thenOn(removed, this, [this, user](Result<Store::NotifyRecord> notify) {
        if (!notify)
            return Envelope::fromError(notify.error());
        deliver(notify.value(), user, notify->receiver);
        return Envelope::success(QJsonValue::Undefined, u"Successfully deleted."_s);
    });
}

QFuture<HttpResponse> FriendsController::updateSettings(const HttpRequest &request,
                                                        const Auth::UserContext &user)
{
    const auto friendId = pathId(request);
    const auto body = bodyObject(request);
    if (!friendId || !body)
        return ready(badParameters());
    // Presence, not truthiness, decides what changes: false and null are real values (D-18).
    Store::FriendSettingsUpdate update;
    if (body->contains(u"remark"_s)) {
        QVariant remark;
        if (!optionalString(*body, u"remark"_s, &remark))
            return ready(badParameters());
        update.remark = remark;
    }
    if (!optionalBool(*body, u"astrolabe"_s, &update.astrolabe)
        || !optionalBool(*body, u"block"_s, &update.block) || update.isEmpty()) {
        return ready(badParameters());
    }
    const int me = user.id;
    auto updated = m_database.run<bool>(
        [me, friendId = *friendId, update, cache = &m_cache](Store::DbSession &s) {
            auto done = Store::updateFriendSettings(s, me, friendId, update);
            if (done)
                Cache::evictFriendLists(*cache, { me, friendId });
            return done;
        });
    return thenOn(updated, this, [](Result<bool> done) {
        if (!done)
            return Envelope::fromError(done.error());
        if (!done.value())
            return Envelope::failure(404, u"No resources are updated."_s);
        return Envelope::success(QJsonValue::Undefined, u"Successfully updated."_s);
    });
}

QFuture<HttpResponse> FriendsController::settings(const HttpRequest &request,
                                                  const Auth::UserContext &user)
{
    const auto friendId = pathId(request);
    if (!friendId)
        return ready(badParameters());
    const int me = user.id;
    auto found = m_database.run<std::optional<Store::FriendSettingsRecord>>(
        [me, friendId = *friendId](Store::DbSession &session) {
            return Store::findFriendSettings(session, me, friendId);
        },
        Store::Retry::OnConnectionLoss);
    return thenOn(found, this, [](Result<std::optional<Store::FriendSettingsRecord>> settings) {
        if (!settings)
            return Envelope::fromError(settings.error());
        if (!settings.value())
            return Envelope::failure(404, u"Not found."_s);
        return Envelope::success(settings.value()->toJson());
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
    if (!notifyId.isString() || notifyId.toString().isEmpty()
        || notifyId.toString().size() > maxNotifyIdLength) {
        return ready(badParameters());
    }
    const int me = user.id;
    auto answered = m_database.run<Store::NotifyRecord>(
        [me, id = notifyId.toString(), agree, cache = &m_cache](Store::DbSession &session) {
            auto notify = Store::answerFriendRequest(session, me, id, agree);
            if (notify)
                Cache::evictFriendLists(*cache, { me, notify->sender, notify->receiver });
            return notify;
        });
    return thenOn(answered, this, [this, user](Result<Store::NotifyRecord> notify) {
        if (!notify)
            return Envelope::fromError(notify.error());
        // The answer travels back to the requester under the request's id (spec §12).
        deliver(notify.value(), user, notify->sender);
        return Envelope::success(QJsonValue::Undefined, u"Successfully."_s);
    });
}

QFuture<HttpResponse> FriendsController::sentRequests(const Auth::UserContext &user)
{
    const int me = user.id;
    auto sent = m_database.run<QList<Store::NotifyRecord>>(
        [me](Store::DbSession &session) {
            return Store::sentFriendRequests(session, me, maxSentRequests);
        },
        Store::Retry::OnConnectionLoss);
    return thenOn(sent, this, [](Result<QList<Store::NotifyRecord>> rows) {
        if (!rows)
            return Envelope::fromError(rows.error());
        QJsonArray data;
        for (const Store::NotifyRecord &notify : rows.value())
            data.append(notify.toSentJson());
        return Envelope::success(data);
    });
}

} // namespace Im::Http
