#include "cache/cacheeviction.h"

#include "cache/cachekeys.h"

namespace Im::Cache {

namespace {

QStringList groupKeys(const QList<int> &groupIds)
{
    QStringList keys;
    keys.reserve(groupIds.size());
    for (int groupId : groupIds)
        keys.append(CacheKeys::group(groupId));
    return keys;
}

} // namespace

void evictGroups(ApiCache &cache, const QList<int> &groupIds)
{
    if (!groupIds.isEmpty())
        cache.evict(groupKeys(groupIds)).waitForFinished();
}

void evictUser(ApiCache &cache, int userId, const QList<int> &groupIds, const QList<int> &friendIds)
{
    QStringList keys { CacheKeys::user(userId), CacheKeys::friends(userId) };
    keys += groupKeys(groupIds);
    for (int friendId : friendIds)
        keys.append(CacheKeys::friends(friendId));
    cache.evict(keys).waitForFinished();
}

void evictFriendLists(ApiCache &cache, const QList<int> &userIds)
{
    QStringList keys;
    for (int userId : userIds)
        keys.append(CacheKeys::friends(userId));
    if (!keys.isEmpty())
        cache.evict(keys).waitForFinished();
}

} // namespace Im::Cache
