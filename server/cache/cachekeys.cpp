#include "cache/cachekeys.h"

using namespace Qt::StringLiterals;

namespace Im::Cache::CacheKeys {

QString user(int userId)
{
    return u"user:%1"_s.arg(userId);
}

QString group(int groupId)
{
    return u"group:%1"_s.arg(groupId);
}

QString friends(int userId)
{
    return u"friends:%1"_s.arg(userId);
}

} // namespace Im::Cache::CacheKeys
