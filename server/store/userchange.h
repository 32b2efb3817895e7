#pragma once

#include "store/dbsession.h"
#include "store/friendqueries.h"
#include "store/groupqueries.h"

#include <QList>

#include <functional>

namespace Im::Store {

//! Told, inside the job and after the commit, that the public fields (e-mail, avatar, role) or
//! the account of \a userId changed, with the groups and friends the user had before the change
//! (a deletion removes them), so that whatever keeps copies (the API cache) drops them before the
//! change is answered.
using UserChanged =
    std::function<void(int userId, const QList<int> &groupIds, const QList<int> &friendIds)>;

//! Runs \a change (a function returning a Result) on the user \a userId in the job's \a session
//! and, when it succeeded, calls \a changed with the user's groups and friends as they were before.
template<typename Change>
auto changeUser(DbSession &session, int userId, const UserChanged &changed, Change &&change)
    -> decltype(change())
{
    auto groups = groupIdsOfMember(session, userId);
    if (!groups)
        return groups.error();
    auto friends = friendIdsOf(session, userId);
    if (!friends)
        return friends.error();
    auto done = change();
    if (done)
        changed(userId, groups.value(), friends.value());
    return done;
}

} // namespace Im::Store
