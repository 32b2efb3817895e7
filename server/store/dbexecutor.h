#pragma once

#include "im/result.h"
#include "store/databasesettings.h"
#include "store/dbmetrics.h"
#include "store/dbsession.h"

#include <QFuture>
#include <QObject>
#include <QPromise>

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
    QFuture<Result<T>> run(Job<T> job, Retry retry = Retry::Never);

    //! Finishes the queued jobs, then closes every connection on its own thread. Jobs submitted
    //! afterwards fail with ErrorCode::Unavailable. Blocks: call it at shutdown only.
    void stop();

    [[nodiscard]] int queuedJobs() const;
    [[nodiscard]] const DbMetrics &metrics() const { return m_metrics; }

private:
    class Worker;
    using Task = std::function<void(Worker &)>;
    struct Queued
    {
        Task task;
        std::chrono::steady_clock::time_point enqueued;
    };

    void enqueue(Task task);
    void workerLoop(int index);

    DatabaseSettings m_settings;
    mutable std::mutex m_mutex;
    std::condition_variable m_wakeUp;
    std::deque<Queued> m_queue;
    bool m_stopping = false;
    std::vector<std::thread> m_threads;
    QString m_connectionPrefix;
    DbMetrics m_metrics;
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
};

template<typename T>
QFuture<Result<T>> DbExecutor::run(Job<T> job, Retry retry)
{
    auto promise = std::make_shared<QPromise<Result<T>>>();
    QFuture<Result<T>> future = promise->future();
    promise->start();
    enqueue([promise, job = std::move(job), retry](Worker &worker) {
        promise->addResult(worker.perform<T>(job, retry));
        promise->finish();
    });
    return future;
}

} // namespace Im::Store
