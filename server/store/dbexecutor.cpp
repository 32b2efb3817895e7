#include "store/dbexecutor.h"

#include "im/timeformat.h"
#include "store/logging.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <atomic>

using namespace Qt::StringLiterals;

namespace Im::Store {

namespace {

std::atomic<int> executorCounter { 0 };

Error unavailable()
{
    return makeError(ErrorCode::Unavailable, u"The database is unavailable."_s);
}

} // namespace

DbExecutor::DbExecutor(DatabaseSettings settings)
    : m_settings(std::move(settings))
    , m_connectionPrefix(u"im-db-%1-"_s.arg(executorCounter.fetch_add(1)))
{
    const int threads = std::max(1, m_settings.threads);
    m_threads.reserve(threads);
    for (int index = 0; index < threads; ++index)
        m_threads.emplace_back([this, index] { workerLoop(index); });
}

DbExecutor::~DbExecutor()
{
    stop();
}

void DbExecutor::stop()
{
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping && m_threads.empty())
            return;
        m_stopping = true;
    }
    m_wakeUp.notify_all();
    for (std::thread &thread : m_threads)
        thread.join();
    m_threads.clear();
}

int DbExecutor::queuedJobs() const
{
    std::lock_guard lock(m_mutex);
    return int(m_queue.size());
}

Error DbExecutor::overloaded()
{
    return makeError(ErrorCode::Unavailable, u"The database is overloaded; try again later."_s);
}

bool DbExecutor::enqueue(Task task, Admission admission)
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_stopping) {
            if (admission == Admission::Bounded
                && qsizetype(m_queue.size()) >= m_settings.maxQueuedJobs) {
                ++m_refusedJobs;
                return false;
            }
            m_queue.push_back({ std::move(task), std::chrono::steady_clock::now() });
            m_wakeUp.notify_one();
            return true;
        }
    }
    // Stopped: no connection may be opened any more, so the job fails without running.
    DatabaseSettings closed = m_settings;
    closed.threads = 0;
    Worker refusing(closed, QString(), m_metrics);
    task(refusing);
    return true;
}

void DbExecutor::workerLoop(int index)
{
    Worker worker(m_settings, m_connectionPrefix + QString::number(index), m_metrics);
    for (;;) {
        Queued next;
        {
            std::unique_lock lock(m_mutex);
            m_wakeUp.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            if (m_queue.empty())
                break; // stopping and drained
            next = std::move(m_queue.front());
            m_queue.pop_front();
        }
        m_metrics.poolWait.observe(
            std::chrono::duration<double>(std::chrono::steady_clock::now() - next.enqueued)
                .count());
        next.task(worker);
    }
    worker.close();
}

DbExecutor::Worker::Worker(const DatabaseSettings &settings, QString connectionName,
                           DbMetrics &metrics)
    : m_settings(settings)
    , m_connectionName(std::move(connectionName))
    , m_metrics(metrics)
    , m_timeZone(parseUtcOffset(settings.timeZone).value_or(QTimeZone::utc()))
{ }

DbExecutor::Worker::~Worker()
{
    close();
}

void DbExecutor::Worker::close()
{
    // The prepared statements belong to the connection and must go before it does.
    m_statements.clear();
    if (m_connectionName.isEmpty() || !QSqlDatabase::contains(m_connectionName))
        return;
    {
        QSqlDatabase database = QSqlDatabase::database(m_connectionName, false);
        database.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

Result<DbSession> DbExecutor::Worker::open()
{
    if (m_connectionName.isEmpty())
        return unavailable();
    if (QSqlDatabase::contains(m_connectionName)) {
        QSqlDatabase database = QSqlDatabase::database(m_connectionName, false);
        if (database.isOpen())
            return DbSession(database, m_settings.dialect, m_timeZone, &m_statements);
    }
    close();
    // Every QSqlDatabase handle must be gone before close() removes the connection, hence the
    // separate function on failure.
    if (auto opened = openNew(); !opened) {
        close();
        return opened.error();
    }
    qCDebug(lcStore) << "opened" << m_settings.describe() << "as" << m_connectionName;
    return DbSession(QSqlDatabase::database(m_connectionName, false), m_settings.dialect,
                     m_timeZone, &m_statements);
}

Result<void> DbExecutor::Worker::openNew()
{
    const bool sqlite = m_settings.dialect == Dialect::Sqlite;
    QSqlDatabase database =
        QSqlDatabase::addDatabase(sqlite ? u"QSQLITE"_s : u"QMYSQL"_s, m_connectionName);
    if (sqlite) {
        QDir().mkpath(QFileInfo(m_settings.sqlitePath).absolutePath());
        database.setDatabaseName(m_settings.sqlitePath);
        database.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=10000"_s);
    } else {
        database.setHostName(m_settings.host);
        database.setPort(m_settings.port);
        database.setUserName(m_settings.user);
        database.setPassword(m_settings.password);
        database.setDatabaseName(m_settings.databaseName);
        const auto timeout = m_settings.connectTimeout.count();
        database.setConnectOptions(
            u"MYSQL_OPT_CONNECT_TIMEOUT=%1;MYSQL_OPT_READ_TIMEOUT=%2;MYSQL_OPT_WRITE_TIMEOUT=%2"_s
                .arg(timeout)
                .arg(std::max<qint64>(30, timeout * 3)));
    }
    if (!database.open()) {
        qCWarning(lcStore) << "cannot open" << m_settings.describe() << "- code"
                           << database.lastError().nativeErrorCode();
        return unavailable();
    }
    DbSession session(database, m_settings.dialect, m_timeZone);
    if (sqlite)
        return configureSqlite(session);
    const QString zone = m_settings.timeZone == "Z"_L1 ? u"+00:00"_s : m_settings.timeZone;
    if (auto names = session.run(u"SET NAMES utf8mb4 COLLATE utf8mb4_unicode_ci"_s); !names)
        return names;
    return session.run(u"SET time_zone = ?"_s, { zone });
}

Result<void> DbExecutor::Worker::configureSqlite(DbSession &session)
{
    if (auto keys = session.run(u"PRAGMA foreign_keys = ON"_s); !keys)
        return keys;
    // Switching a new file to WAL needs a moment alone with it, and SQLite answers BUSY at once
    // (without its busy handler) when another connection opens it at the same time: retry.
    QString mode;
    for (int attempt = 0; attempt < 200; ++attempt) {
        QSqlQuery query(session.database());
        if (query.exec(u"PRAGMA journal_mode = WAL"_s) && query.next()) {
            mode = query.value(0).toString();
            break;
        }
        QThread::msleep(10);
    }
    if (mode.compare("wal"_L1, Qt::CaseInsensitive) != 0) {
        qCWarning(lcStore) << "cannot switch" << m_settings.describe() << "to WAL mode";
        return unavailable();
    }
    return session.run(u"PRAGMA synchronous = NORMAL"_s);
}

} // namespace Im::Store
