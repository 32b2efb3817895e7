#pragma once

#include "cache/apicache.h"
#include "store/groupqueries.h"

#include <QList>

//! What each kind of change makes stale. Called inside the database job that made the change,
//! after it committed: the job waits for the eviction, so the writer's answer (and any read that
//! starts after it) never sees the old entry.
namespace Im::Cache {

//! A group's name, avatar or members changed, or the group was deleted.
void evictGroups(ApiCache &cache, const QList<int> &groupIds);

//! A user's public fields (e-mail, avatar, role) changed or the account was deleted: the user and
//! every group that lists them; \a groupIds are the user's groups as they were before the change.
void evictUser(ApiCache &cache, int userId, const QList<int> &groupIds);

//! Runs \a change (a function returning a Result) of group \a groupId in a database job, then
//! evicts the group. Nothing is evicted when the change failed.
template<typename Change>
auto changeGroup(ApiCache &cache, int groupId, Change &&change) -> decltype(change())
{
    auto changed = change();
    if (changed)
        evictGroups(cache, { groupId });
    return changed;
}

//! Runs \a change (a function returning a Result) on a user's public fields or account in the
//! job's \a session, then evicts the user and the groups they were in before the change (a
//! deletion removes the memberships). Nothing is evicted when the change failed.
template<typename Change>
auto changeUser(ApiCache &cache, Store::DbSession &session, int userId, Change &&change)
    -> decltype(change())
{
    auto groups = Store::groupIdsOfMember(session, userId);
    if (!groups)
        return groups.error();
    auto changed = change();
    if (changed)
        evictUser(cache, userId, groups.value());
    return changed;
}

} // namespace Im::Cache
