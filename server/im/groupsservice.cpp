#include "im/groupsservice.h"

#include "im/futures.h"
#include "im/requestchecks.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Im::Core {

namespace {

//! 1..maxBigMembers positive ids: the most any group holds, before duplicates are counted.
bool areMemberIds(const QList<int> &members)
{
    return !members.isEmpty() && members.size() <= maxBigMembers
        && std::all_of(members.cbegin(), members.cend(), [](int id) { return id > 0; });
}

} // namespace

GroupsService::GroupsService(GroupStore &store)
    : m_store(store)
{ }

QFuture<Result<Group>> GroupsService::create(int me, const NewGroup &group)
{
    // D-24: the type must be one of the two, not "not in" them.
    if (me < 1 || group.name.isEmpty() || !isTextOrNull(group.avatar)
        || (group.type != basicGroup && group.type != bigGroup) || !areMemberIds(group.members)) {
        return readyError<Group>(incorrectParameter());
    }
    return m_store.create(me, group);
}

QFuture<Result<void>> GroupsService::remove(int me, int groupId)
{
    if (me < 1 || groupId < 1)
        return readyError<void>(incorrectParameter());
    return m_store.remove(me, groupId);
}

QFuture<Result<void>> GroupsService::update(int me, int groupId, const GroupUpdate &update)
{
    if (me < 1 || groupId < 1 || update.isEmpty() || (update.name && update.name->isEmpty())
        || (update.avatar && !isTextOrNull(*update.avatar))) {
        return readyError<void>(incorrectParameter());
    }
    return m_store.update(me, groupId, update);
}

QFuture<Result<void>> GroupsService::changeMembers(int me, int groupId, const QList<int> &members,
                                                   bool add)
{
    if (me < 1 || groupId < 1 || !areMemberIds(members))
        return readyError<void>(incorrectParameter());
    return add ? m_store.addMembers(me, groupId, members)
               : m_store.removeMembers(me, groupId, members);
}

QFuture<Result<void>> GroupsService::leave(int me, int groupId)
{
    if (me < 1 || groupId < 1)
        return readyError<void>(incorrectParameter());
    return m_store.leave(me, groupId);
}

QFuture<Result<QList<Group>>> GroupsService::groupsOf(int me, bool withMembers)
{
    if (me < 1)
        return readyError<QList<Group>>(incorrectParameter());
    return m_store.groupsOf(me, withMembers);
}

} // namespace Im::Core
