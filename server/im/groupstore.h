#pragma once

#include "im/group.h"
#include "im/result.h"

#include <QFuture>
#include <QList>

namespace Im::Core {

//! Where groups and their members are kept: the groups domain's view of them. Each change is one
//! transaction; the store checks what only it can see (the group exists, I created it, the
//! members are live users and, under the rules it was given, my friends, the type's limit after
//! duplicates). Results come back as futures finished on another thread.
class GroupStore
{
public:
    virtual ~GroupStore() = default;

    //! Creates \a group owned by \a me, with \a me as its first member. PermissionDenied when a
    //! member is no live user or not my friend, Malformed when the type's limit is passed.
    virtual QFuture<Result<Group>> create(int me, const NewGroup &group) = 0;
    //! Deletes the group. NotFound, or PermissionDenied when I am not its creator.
    virtual QFuture<Result<void>> remove(int me, int groupId) = 0;
    //! Applies \a update. NotFound, or PermissionDenied when I am not the creator.
    virtual QFuture<Result<void>> update(int me, int groupId, const GroupUpdate &update) = 0;
    //! Adds the \a members not in the group yet. NotFound, PermissionDenied (not the creator, no
    //! live user, not a friend), Malformed when the limit would be passed.
    virtual QFuture<Result<void>> addMembers(int me, int groupId, const QList<int> &members) = 0;
    //! Removes \a members. NotFound, PermissionDenied when I am not the creator, Malformed when the
    //! creator is among them.
    virtual QFuture<Result<void>> removeMembers(int me, int groupId, const QList<int> &members) = 0;
    //! \a me leaves the group. NotFound when I am not in it, Malformed for its creator.
    virtual QFuture<Result<void>> leave(int me, int groupId) = 0;
    //! The groups \a me is in, with their members when \a withMembers.
    virtual QFuture<Result<QList<Group>>> groupsOf(int me, bool withMembers) = 0;
};

} // namespace Im::Core
