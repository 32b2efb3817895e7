#include "cache/apicache.h"

namespace Im::Cache {

ApiCache::~ApiCache() = default;

} // namespace Im::Cache
