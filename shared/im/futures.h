#pragma once

#include "im/result.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>
#include <QPromise>

#include <memory>
#include <type_traits>

namespace Im {

//! A future that is finished already, holding \a error: a request refused before any work.
template<typename T>
QFuture<Result<T>> readyError(Error error)
{
    return QtFuture::makeReadyFuture(Result<T>(std::move(error)));
}

//! A started promise, for an answer that takes more than one step (continuations chained by hand);
//! finish it with settle(). Dropping it unfinished cancels its future.
template<typename T>
std::shared_ptr<QPromise<Result<T>>> startedPromise()
{
    auto promise = std::make_shared<QPromise<Result<T>>>();
    promise->start();
    return promise;
}

//! Finishes \a promise with \a value.
template<typename T>
void settle(const std::shared_ptr<QPromise<Result<T>>> &promise, Result<T> value)
{
    promise->addResult(std::move(value));
    promise->finish();
}

//! Continuations that are safe when their context object dies first.
//!
//! Qt 6.4's QFuture::then(context, f) asserts (and in release builds silently never completes)
//! when `context` is destroyed before the future finishes, which is routine here: a client leaves
//! while its database job runs. These helpers watch the future with a QFutureWatcher that is a
//! child of `context`, so the continuation runs on the context's thread, or not at all once the
//! context is gone. Call them on the context's thread.

//! Calls \a handler with the future's result on \a context's thread, or \a onCanceled when the
//! future was canceled (or finished without a result). Nothing happens when the context is
//! destroyed first.
template<typename T, typename Handler, typename CanceledHandler>
void whenFinished(const QFuture<T> &future, QObject *context, Handler &&handler,
                  CanceledHandler &&onCanceled)
{
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, handler = std::forward<Handler>(handler),
                      onCanceled = std::forward<CanceledHandler>(onCanceled)]() mutable {
                         watcher->deleteLater();
                         const QFuture<T> done = watcher->future();
                         if (done.isCanceled() || done.resultCount() == 0)
                             onCanceled();
                         else
                             handler(done.result());
                     });
    watcher->setFuture(future);
}

//! whenFinished() that ignores a canceled future.
template<typename T, typename Handler>
void whenFinished(const QFuture<T> &future, QObject *context, Handler &&handler)
{
    whenFinished(future, context, std::forward<Handler>(handler), [] {});
}

//! whenFinished(), but a future that is finished already is handled at once, on the calling
//! thread, without a watcher or a turn of the event loop (answers from memory). Call it only
//! where running \a handler before this returns is safe.
template<typename T, typename Handler, typename CanceledHandler>
void whenReady(const QFuture<T> &future, QObject *context, Handler &&handler,
               CanceledHandler &&onCanceled)
{
    if (!future.isFinished()) {
        whenFinished(future, context, std::forward<Handler>(handler),
                     std::forward<CanceledHandler>(onCanceled));
        return;
    }
    if (future.isCanceled() || future.resultCount() == 0)
        onCanceled();
    else
        handler(future.result());
}

//! Maps the future's result with \a function on \a context's thread. The returned future is
//! canceled when the context is destroyed first or the source future is canceled.
template<typename T, typename Function>
auto thenOn(const QFuture<T> &future, QObject *context, Function &&function)
    -> QFuture<std::invoke_result_t<Function, T>>
{
    using R = std::invoke_result_t<Function, T>;
    // The promise is shared with the watcher's lifetime: destroying the watcher (with its
    // context) cancels the downstream future instead of leaving it pending forever.
    struct Link : QFutureWatcher<T>
    {
        explicit Link(QObject *parent)
            : QFutureWatcher<T>(parent)
        {
            promise.start();
        }
        ~Link() override
        {
            if (!settled) {
                promise.future().cancel();
                promise.finish();
            }
        }
        QPromise<R> promise;
        bool settled = false;
    };
    auto *link = new Link(context);
    QFuture<R> result = link->promise.future();
    QObject::connect(link, &QFutureWatcherBase::finished, context,
                     [link, function = std::forward<Function>(function)]() mutable {
                         link->deleteLater();
                         const QFuture<T> done = link->future();
                         link->settled = true;
                         if (done.isCanceled() || done.resultCount() == 0) {
                             link->promise.future().cancel();
                         } else {
                             link->promise.addResult(function(done.result()));
                         }
                         link->promise.finish();
                     });
    link->setFuture(future);
    return result;
}

//! thenOn(), but a future that is finished already is mapped at once, on the calling thread, into
//! a ready future: no watcher, no turn of the event loop (answers from memory).
template<typename T, typename Function>
auto thenReady(const QFuture<T> &future, QObject *context, Function &&function)
    -> QFuture<std::invoke_result_t<Function, T>>
{
    if (future.isFinished() && !future.isCanceled() && future.resultCount() > 0)
        return QtFuture::makeReadyFuture(function(future.result()));
    return thenOn(future, context, std::forward<Function>(function));
}

} // namespace Im
