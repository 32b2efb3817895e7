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

void evictUser(ApiCache &cache, int userId, const QList<int> &groupIds)
{
    cache.evict(QStringList { CacheKeys::user(userId) } + groupKeys(groupIds)).waitForFinished();
}

} // namespace Im::Cache
