#pragma once

#include "im/result.h"
#include "store/databasesettings.h"
#include "store/dbmetrics.h"
#include "store/dbsession.h"

#include <QFuture>
#include <QObject>
#include <QPromise>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace Im::Store {

//! Whether a job may run a second time after its connection was found dead.
enum class Retry {
    Never, //!< The job writes without a transaction of its own: never replay it.
    OnConnectionLoss, //!< Reads, and writes inside one transaction: replaying cannot duplicate.
};

//! Whether a job may be refused when too many wait (DatabaseSettings::maxQueuedJobs).
enum class Admission {
    Bounded, //!< Refused with Unavailable (503) at once over the limit.
    Always, //!< Work whose caller bounds it already (the chat writer's batches).
};

//! Runs database work on a fixed set of worker threads, each with its own connection, so that the
//! network thread never blocks on SQL. Connections are opened lazily, reopened after the database
//! went away, and closed on their own thread when the executor stops.
//!
//! run() may be called from any thread; the returned future is fulfilled on a worker thread, so
//! continue it with `.then(contextObject, ...)` to get back to the caller's thread.
class DbExecutor
{
public:
    template<typename T>
    using Job = std::function<Result<T>(DbSession &)>;

    explicit DbExecutor(DatabaseSettings settings);
    ~DbExecutor();
    Q_DISABLE_COPY_MOVE(DbExecutor)

    [[nodiscard]] const DatabaseSettings &settings() const { return m_settings; }

    template<typename T>
    QFuture<Result<T>> run(Job<T> job, Retry retry = Retry::Never,
                           Admission admission = Admission::Bounded);

    //! Finishes the queued jobs, then closes every connection on its own thread. Jobs submitted
    //! afterwards fail with ErrorCode::Unavailable. Blocks: call it at shutdown only.
    void stop();

    [[nodiscard]] int queuedJobs() const;
    //! Jobs refused because maxQueuedJobs were waiting.
    [[nodiscard]] qint64 refusedJobs() const { return m_refusedJobs.load(); }
    [[nodiscard]] const DbMetrics &metrics() const { return m_metrics; }

private:
    class Worker;
    using Task = std::function<void(Worker &)>;
    struct Queued
    {
        Task task;
        std::chrono::steady_clock::time_point enqueued;
    };

    //! False (and \a task not run) when the queue is full and \a admission is Bounded.
    bool enqueue(Task task, Admission admission);
    [[nodiscard]] static Error overloaded();
    void workerLoop(int index);

    DatabaseSettings m_settings;
    mutable std::mutex m_mutex;
    std::condition_variable m_wakeUp;
    std::deque<Queued> m_queue;
    bool m_stopping = false;
    std::vector<std::thread> m_threads;
    QString m_connectionPrefix;
    DbMetrics m_metrics;
    std::atomic<qint64> m_refusedJobs { 0 };
};

//! The connection one worker thread owns.
class DbExecutor::Worker
{
public:
    Worker(const DatabaseSettings &settings, QString connectionName, DbMetrics &metrics);
    ~Worker();

    template<typename T>
    Result<T> perform(const Job<T> &job, Retry retry)
    {
        for (int attempt = 0;; ++attempt) {
            auto session = open();
            if (!session) {
                if (!m_connectionName.isEmpty()) // not a job refused after stop()
                    m_metrics.connectionErrors.add();
                return session.error();
            }
            Result<T> outcome = job(session.value());
            m_metrics.statementErrors.add(quint64(session.value().failedStatements()));
            if (!session.value().isConnectionLost())
                return outcome;
            m_metrics.connectionErrors.add();
            close();
            if (retry == Retry::Never || attempt > 0)
                return outcome;
        }
    }

    void close();

private:
    Result<DbSession> open();
    Result<void> openNew();
    Result<void> configureSqlite(DbSession &session);

    const DatabaseSettings &m_settings;
    QString m_connectionName;
    DbMetrics &m_metrics;
    QTimeZone m_timeZone;
    StatementCache m_statements;
};

template<typename T>
QFuture<Result<T>> DbExecutor::run(Job<T> job, Retry retry, Admission admission)
{
    auto promise = std::make_shared<QPromise<Result<T>>>();
    QFuture<Result<T>> future = promise->future();
    promise->start();
    const bool queued = enqueue(
        [promise, job = std::move(job), retry](Worker &worker) {
            promise->addResult(worker.perform<T>(job, retry));
            promise->finish();
        },
        admission);
    if (!queued) {
        promise->addResult(Result<T>(overloaded()));
        promise->finish();
    }
    return future;
}

} // namespace Im::Store
