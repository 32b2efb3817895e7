#pragma once

#include "cache/apicache.h"
#include "im/result.h"

#include <QByteArray>
#include <QFuture>
#include <QObject>

#include <functional>

namespace Im::Store {
class DbExecutor;
class DbSession;
} // namespace Im::Store

namespace Im::Cache {

//! Reads an answer from the database.
using Loader = std::function<Result<QByteArray>(Store::DbSession &)>;

//! The bytes cached under \a key; on a miss, those \a load returns, run as a database job and
//! stored for the next reader (unless the key was evicted meanwhile). Errors, NotFound included,
//! are never stored. Finishes on \a context's thread, and is canceled when \a context dies first.
[[nodiscard]] QFuture<Result<QByteArray>> cachedOrLoaded(ApiCache &cache,
                                                         Store::DbExecutor &database,
                                                         QObject *context, const QString &key,
                                                         Loader load);

} // namespace Im::Cache
