#pragma once

#include "im/groupstore.h"

namespace Im::Core {

//! Groups with their rules, on a GroupStore: a group is one of the two types, its members are
//! named by positive ids, at most maxBigMembers in one request (the type's own limit is the
//! store's, once duplicates are counted), only its name and avatar change, and nobody acts for
//! another user. Refusals are Malformed, before the store is asked; the store's NotFound,
//! PermissionDenied and Malformed are passed on.
class GroupsService
{
public:
    explicit GroupsService(GroupStore &store);

    //! \a me creates \a group.
    QFuture<Result<Group>> create(int me, const NewGroup &group);
    QFuture<Result<void>> remove(int me, int groupId);
    QFuture<Result<void>> update(int me, int groupId, const GroupUpdate &update);
    //! Adds (\a add) or removes \a members of the group.
    QFuture<Result<void>> changeMembers(int me, int groupId, const QList<int> &members, bool add);
    QFuture<Result<void>> leave(int me, int groupId);
    QFuture<Result<QList<Group>>> groupsOf(int me, bool withMembers);

private:
    GroupStore &m_store;
};

} // namespace Im::Core
