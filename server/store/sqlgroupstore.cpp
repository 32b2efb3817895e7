#include "store/sqlgroupstore.h"

#include "store/dbexecutor.h"
#include "store/groupqueries.h"

namespace Im::Store {

SqlGroupStore::SqlGroupStore(DbExecutor &database, Core::GroupRules rules,
                             GroupChanged groupChanged)
    : m_database(database)
    , m_rules(rules)
    , m_groupChanged(std::move(groupChanged))
{ }

QFuture<Result<void>> SqlGroupStore::changeGroup(int groupId,
                                                 std::function<Result<void>(DbSession &)> change)
{
    return m_database.run<void>(
        [groupId, change = std::move(change), changed = m_groupChanged](DbSession &session) {
            auto done = change(session);
            if (done)
                changed(groupId);
            return done;
        });
}

QFuture<Result<Core::Group>> SqlGroupStore::create(int me, const Core::NewGroup &group)
{
    return m_database.run<Core::Group>([me, group, rules = m_rules](DbSession &session) {
        return createGroup(session, me, group.name, group.avatar, group.type, group.members, rules);
    });
}

QFuture<Result<void>> SqlGroupStore::remove(int me, int groupId)
{
    return changeGroup(
        groupId, [me, groupId](DbSession &session) { return deleteGroup(session, me, groupId); });
}

QFuture<Result<void>> SqlGroupStore::update(int me, int groupId, const Core::GroupUpdate &update)
{
    return changeGroup(groupId, [me, groupId, update](DbSession &session) {
        return updateGroup(session, me, groupId, update);
    });
}

QFuture<Result<void>> SqlGroupStore::addMembers(int me, int groupId, const QList<int> &members)
{
    return changeGroup(groupId, [me, groupId, members, rules = m_rules](DbSession &session) {
        return addGroupMembers(session, me, groupId, members, rules);
    });
}

QFuture<Result<void>> SqlGroupStore::removeMembers(int me, int groupId, const QList<int> &members)
{
    return changeGroup(groupId, [me, groupId, members](DbSession &session) {
        return removeGroupMembers(session, me, groupId, members);
    });
}

QFuture<Result<void>> SqlGroupStore::leave(int me, int groupId)
{
    return changeGroup(
        groupId, [me, groupId](DbSession &session) { return leaveGroup(session, me, groupId); });
}

QFuture<Result<QList<Core::Group>>> SqlGroupStore::groupsOf(int me, bool withMembers)
{
    return m_database.run<QList<Core::Group>>(
        [me, withMembers](DbSession &session) { return listMyGroups(session, me, withMembers); },
        Retry::OnConnectionLoss);
}

} // namespace Im::Store
