#pragma once

#include "cache/apicache.h"

#include <QList>

//! What each kind of change makes stale. Called inside the database job that made the change,
//! after it committed: the job waits for the eviction, so the writer's answer (and any read that
//! starts after it) never sees the old entry.
namespace Im::Cache {

//! A group's name, avatar or members changed, or the group was deleted.
void evictGroups(ApiCache &cache, const QList<int> &groupIds);

//! A user's public fields (e-mail, avatar, role) changed or the account was deleted: the user,
//! every group that lists them and the friend lists of their friends (and their own); \a groupIds
//! and \a friendIds are the user's groups and friends as they were before the change.
void evictUser(ApiCache &cache, int userId, const QList<int> &groupIds,
               const QList<int> &friendIds);

//! A friendship began or ended, or the friend settings of one of \a userIds changed: their
//! friend lists.
void evictFriendLists(ApiCache &cache, const QList<int> &userIds);

} // namespace Im::Cache
