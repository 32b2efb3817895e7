#include "http/groupscontroller.h"

#include "cache/cachedread.h"
#include "cache/cacheeviction.h"
#include "cache/cachekeys.h"
#include "http/envelope.h"
#include "http/fieldrules.h"
#include "http/requestbody.h"
#include "im/futures.h"
#include "store/dbexecutor.h"
#include "store/groupqueries.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Im::Http {

using namespace FieldRules;

namespace {

const QString updated = u"Update successed."_s;

// `members`: an array of 1..maxBigMembers positive integers. The limit of the group's type is
// checked by the store, after duplicates (and, on create, the creator) are accounted for.
std::optional<QList<int>> memberIds(const QJsonObject &body)
{
    const QJsonValue value = body.value(u"members"_s);
    if (!value.isArray())
        return std::nullopt;
    const QJsonArray array = value.toArray();
    if (array.isEmpty() || array.size() > Store::maxBigMembers)
        return std::nullopt;
    QList<int> ids;
    ids.reserve(array.size());
    for (const QJsonValue &item : array) {
        const auto id = positiveInteger(item);
        if (!id)
            return std::nullopt;
        ids.append(*id);
    }
    return ids;
}

HttpResponse doneOr(const Result<void> &done, const QString &message)
{
    if (!done)
        return Envelope::fromError(done.error());
    return Envelope::success(QJsonValue::Undefined, message);
}

} // namespace

GroupsController::GroupsController(Auth::AuthService &auth, Store::DbExecutor &database,
                                   Cache::ApiCache &cache, Store::GroupRules rules, QObject *parent)
    : RestController(auth, parent)
    , m_database(database)
    , m_cache(cache)
    , m_rules(rules)
{ }

void GroupsController::registerRoutes(Router &router)
{
    using Method = HttpRequest::Method;
    addGuarded(router, Method::Post, u"/api/v1/groups"_s, &GroupsController::create);
    addGuarded(router, Method::Put, u"/api/v1/groups"_s, &GroupsController::update);
    addGuarded(router, Method::Get, u"/api/v1/groups"_s,
               [this](const HttpRequest &, const Auth::UserContext &u) { return list(u, false); });
    // Fixed paths before `:id`, in case the router matches in order.
    addGuarded(router, Method::Get, u"/api/v1/groups/withMembers"_s,
               [this](const HttpRequest &, const Auth::UserContext &u) { return list(u, true); });
    addGuarded(router, Method::Post, u"/api/v1/groups/members"_s,
               [this](const HttpRequest &r, const Auth::UserContext &u) {
                   return changeMembers(r, u, true);
               });
    addGuarded(router, Method::Delete, u"/api/v1/groups/members"_s,
               [this](const HttpRequest &r, const Auth::UserContext &u) {
                   return changeMembers(r, u, false);
               });
    addGuarded(router, Method::Delete, u"/api/v1/groups/:id/members/me"_s,
               &GroupsController::leave);
    addGuarded(router, Method::Delete, u"/api/v1/groups/:id"_s, &GroupsController::remove);
    addGuarded(router, Method::Get, u"/api/v1/groups/:id"_s, &GroupsController::group);
}

QFuture<HttpResponse> GroupsController::create(const HttpRequest &request,
                                               const Auth::UserContext &user)
{
    const auto body = bodyObject(request);
    if (!body)
        return ready(badParameters());
    QString name;
    QVariant avatar;
    const auto type = positiveInteger(body->value(u"type"_s));
    const auto members = memberIds(*body);
    // D-24: the type must be one of the two, not "not in" them.
    if (!requiredString(*body, u"name"_s, &name) || !optionalString(*body, u"avatar"_s, &avatar)
        || !type || (*type != Store::basicGroup && *type != Store::bigGroup) || !members) {
        return ready(badParameters());
    }
    const int me = user.id;
    auto created =
        m_database.run<Store::GroupRecord>([me, name, avatar, type = *type, members = *members,
                                            rules = m_rules](Store::DbSession &session) {
            return Store::createGroup(session, me, name, avatar, type, members, rules);
        });
    return thenOn(created, this, [](Result<Store::GroupRecord> group) {
        if (!group)
            return Envelope::fromError(group.error());
        return Envelope::success(group->toJson(), u"Create a group successed."_s);
    });
}

QFuture<HttpResponse> GroupsController::remove(const HttpRequest &request,
                                               const Auth::UserContext &user)
{
    const auto groupId = pathId(request);
    if (!groupId)
        return ready(badParameters());
    const int me = user.id;
    auto removed =
        m_database.run<void>([me, groupId = *groupId, cache = &m_cache](Store::DbSession &session) {
            return Cache::changeGroup(*cache, groupId,
                                      [&] { return Store::deleteGroup(session, me, groupId); });
        });
    return thenOn(removed, this,
                  [](Result<void> done) { return doneOr(done, u"Successed to delete group."_s); });
}

QFuture<HttpResponse> GroupsController::update(const HttpRequest &request,
                                               const Auth::UserContext &user)
{
    const auto body = bodyObject(request);
    if (!body)
        return ready(badParameters());
    const auto groupId = positiveInteger(body->value(u"id"_s));
    if (!groupId)
        return ready(badParameters());
    // Only name and avatar, by presence (D-11); anything else in the body is ignored.
    Store::GroupUpdate changes;
    if (body->contains(u"name"_s)) {
        QString name;
        if (!requiredString(*body, u"name"_s, &name))
            return ready(badParameters());
        changes.name = name;
    }
    if (body->contains(u"avatar"_s)) {
        QVariant avatar;
        if (!optionalString(*body, u"avatar"_s, &avatar))
            return ready(badParameters());
        changes.avatar = avatar;
    }
    if (changes.isEmpty())
        return ready(badParameters());
    const int me = user.id;
    auto done = m_database.run<void>(
        [me, groupId = *groupId, changes, cache = &m_cache](Store::DbSession &session) {
            return Cache::changeGroup(
                *cache, groupId, [&] { return Store::updateGroup(session, me, groupId, changes); });
        });
    return thenOn(done, this, [](Result<void> result) { return doneOr(result, updated); });
}

QFuture<HttpResponse> GroupsController::changeMembers(const HttpRequest &request,
                                                      const Auth::UserContext &user, bool add)
{
    const auto body = bodyObject(request);
    if (!body)
        return ready(badParameters());
    const auto groupId = positiveInteger(body->value(u"id"_s));
    const auto members = memberIds(*body);
    if (!groupId || !members)
        return ready(badParameters());
    const int me = user.id;
    auto done =
        m_database.run<void>([me, groupId = *groupId, members = *members, add, rules = m_rules,
                              cache = &m_cache](Store::DbSession &session) {
            return Cache::changeGroup(*cache, groupId, [&] {
                return add ? Store::addGroupMembers(session, me, groupId, members, rules)
                           : Store::removeGroupMembers(session, me, groupId, members);
            });
        });
    return thenOn(done, this, [](Result<void> result) { return doneOr(result, updated); });
}

QFuture<HttpResponse> GroupsController::leave(const HttpRequest &request,
                                              const Auth::UserContext &user)
{
    const auto groupId = pathId(request);
    if (!groupId)
        return ready(badParameters());
    const int me = user.id;
    auto left =
        m_database.run<void>([me, groupId = *groupId, cache = &m_cache](Store::DbSession &session) {
            return Cache::changeGroup(*cache, groupId,
                                      [&] { return Store::leaveGroup(session, me, groupId); });
        });
    return thenOn(left, this, [](Result<void> done) { return doneOr(done, u"Left the group."_s); });
}

QFuture<HttpResponse> GroupsController::list(const Auth::UserContext &user, bool withMembers)
{
    const int me = user.id;
    auto groups = m_database.run<QList<Store::GroupRecord>>(
        [me, withMembers](Store::DbSession &session) {
            return Store::listMyGroups(session, me, withMembers);
        },
        Store::Retry::OnConnectionLoss);
    return thenOn(groups, this, [](Result<QList<Store::GroupRecord>> rows) {
        if (!rows)
            return Envelope::fromError(rows.error());
        QJsonArray data;
        for (const Store::GroupRecord &group : rows.value())
            data.append(group.toJson());
        return Envelope::success(data);
    });
}

QFuture<HttpResponse> GroupsController::group(const HttpRequest &request,
                                              const Auth::UserContext &user)
{
    const auto groupId = pathId(request);
    if (!groupId)
        return ready(badParameters());
    const int me = user.id;
    // One entry per group for every member: membership is checked on each request, hit or miss.
    auto found = Cache::cachedOrLoaded(
        m_cache, m_database, this, Cache::CacheKeys::group(*groupId),
        [groupId = *groupId](Store::DbSession &session) -> Result<QByteArray> {
            auto group = Store::findGroupWithMembers(session, groupId);
            if (!group)
                return group.error();
            return QJsonDocument(group->toJson()).toJson(QJsonDocument::Compact);
        });
    return thenOn(found, this, [me](Result<QByteArray> bytes) {
        if (!bytes)
            return Envelope::fromError(bytes.error());
        const QJsonObject group = QJsonDocument::fromJson(bytes.value()).object();
        if (!Store::isGroupMember(group, me))
            return Envelope::failure(403, u"Forbidden resource"_s);
        return Envelope::success(group);
    });
}

} // namespace Im::Http
