#include "cache/cachedread.h"

#include "im/futures.h"
#include "store/dbexecutor.h"

#include <memory>

namespace Im::Cache {

QFuture<Result<QByteArray>> cachedOrLoaded(ApiCache &cache, Store::DbExecutor &database,
                                           QObject *context, const QString &key, Loader load)
{
    auto promise = startedPromise<QByteArray>();
    const auto answer = [promise](Result<QByteArray> bytes) { settle(promise, std::move(bytes)); };
    const auto cancel = [promise] {
        promise->future().cancel();
        promise->finish();
    };
    const auto loadOnMiss = [&cache, &database, context, key, load = std::move(load), answer,
                             cancel](const CacheLookup &lookup) {
        if (lookup.value) {
            answer(*lookup.value);
            return;
        }
        // Stored by the job itself, so the answer goes out only once the entry is in place.
        auto loaded = database.run<QByteArray>(
            [cache = &cache, key, load, version = lookup.version](Store::DbSession &session) {
                Result<QByteArray> bytes = load(session);
                if (bytes)
                    cache->put(key, bytes.value(), version).waitForFinished();
                return bytes;
            },
            Store::Retry::OnConnectionLoss);
        whenFinished(loaded, context, answer, cancel);
    };
    const QFuture<CacheLookup> lookup = cache.get(key);
    // The in-process cache answers at once: no detour through the event loop.
    if (lookup.isFinished() && !lookup.isCanceled() && lookup.resultCount() > 0)
        loadOnMiss(lookup.result());
    else
        whenFinished(lookup, context, loadOnMiss, cancel);
    return promise->future();
}

} // namespace Im::Cache
