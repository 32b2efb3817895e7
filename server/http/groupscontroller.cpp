#include "http/groupscontroller.h"

#include "cache/cachedread.h"
#include "cache/cachekeys.h"
#include "http/envelope.h"
#include "http/fieldrules.h"
#include "http/requestbody.h"
#include "im/futures.h"
#include "im/groupsservice.h"
#include "store/groupqueries.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Im::Http {

using namespace FieldRules;

namespace {

const QString updated = u"Update successed."_s;

// `members`: an array of positive integers, refused before it is decoded when longer than any
// group (GroupsService holds the rule; the limit of the group's type is the store's, after
// duplicates and the creator are accounted for).
std::optional<QList<int>> memberIds(const QJsonObject &body)
{
    const QJsonValue value = body.value(u"members"_s);
    if (!value.isArray())
        return std::nullopt;
    const QJsonArray array = value.toArray();
    if (array.isEmpty() || array.size() > Core::maxBigMembers)
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

} // namespace

GroupsController::GroupsController(Auth::AuthService &auth, Core::GroupsService &groups,
                                   Store::DbExecutor &database, Cache::ApiCache &cache,
                                   QObject *parent)
    : RestController(auth, parent)
    , m_groups(groups)
    , m_database(database)
    , m_cache(cache)
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
    Core::NewGroup group;
    const auto type = positiveInteger(body->value(u"type"_s));
    const auto members = memberIds(*body);
    if (!requiredString(*body, u"name"_s, &group.name)
        || !optionalString(*body, u"avatar"_s, &group.avatar) || !type || !members) {
        return ready(badParameters());
    }
    group.type = *type;
    group.members = *members;
    return thenReady(m_groups.create(user.id, group), this, [](Result<Core::Group> created) {
        if (!created)
            return Envelope::fromError(created.error());
        return Envelope::success(created->toJson(), u"Create a group successed."_s);
    });
}

QFuture<HttpResponse> GroupsController::remove(const HttpRequest &request,
                                               const Auth::UserContext &user)
{
    const auto groupId = pathId(request);
    if (!groupId)
        return ready(badParameters());
    return answered(m_groups.remove(user.id, *groupId), u"Successed to delete group."_s);
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
    Core::GroupUpdate changes;
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
    return answered(m_groups.update(user.id, *groupId, changes), updated);
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
    return answered(m_groups.changeMembers(user.id, *groupId, *members, add), updated);
}

QFuture<HttpResponse> GroupsController::leave(const HttpRequest &request,
                                              const Auth::UserContext &user)
{
    const auto groupId = pathId(request);
    if (!groupId)
        return ready(badParameters());
    return answered(m_groups.leave(user.id, *groupId), u"Left the group."_s);
}

QFuture<HttpResponse> GroupsController::list(const Auth::UserContext &user, bool withMembers)
{
    return thenReady(m_groups.groupsOf(user.id, withMembers), this,
                     [](Result<QList<Core::Group>> groups) {
                         if (!groups)
                             return Envelope::fromError(groups.error());
                         QJsonArray data;
                         for (const Core::Group &group : groups.value())
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
