#include "im/futures.h"
#include "scratchdatabase.h"
#include "store/dbexecutor.h"
#include "testservices.h"

#include <QSemaphore>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace Im;
using Im::Store::DbExecutor;
using Im::Store::DbSession;
using Im::Test::ScratchDatabase;

namespace {

Result<qint64> connectionId(DbSession &session)
{
    auto id = session.scalar(u"SELECT CONNECTION_ID()"_s);
    if (!id)
        return id.error();
    return id.value().toLongLong();
}

} // namespace

class TestDbExecutor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runsJobsOnAWorkerThread()
    {
        auto scratch = ScratchDatabase::sqlite();
        DbExecutor executor(scratch->settings());
        QThread *const mainThread = QThread::currentThread();
        auto future = executor.run<bool>([mainThread](DbSession &) -> Result<bool> {
            return QThread::currentThread() != mainThread;
        });
        QVERIFY(future.result().value());
    }

    void continuationReturnsToTheCallersThread()
    {
        auto scratch = ScratchDatabase::sqlite();
        DbExecutor executor(scratch->settings());
        QObject context;
        QThread *continuedOn = nullptr;
        int answer = 0;
        auto job = executor.run<int>([](DbSession &session) -> Result<int> {
            auto value = session.scalar(u"SELECT 6 * 7"_s);
            if (!value)
                return value.error();
            return value.value().toInt();
        });
        whenFinished(job, &context, [&](Result<int> result) {
            continuedOn = QThread::currentThread();
            answer = result.value();
        });
        QTRY_COMPARE(answer, 42);
        QCOMPARE(continuedOn, QThread::currentThread());
    }

    void runsJobsInParallelOnSeveralConnections()
    {
        auto scratch = ScratchDatabase::sqlite();
        DbExecutor executor(scratch->settings()); // two threads
        QSemaphore arrived;
        QSemaphore release;
        const auto job = [&](DbSession &) -> Result<bool> {
            arrived.release();
            // Both jobs must be inside at once; with a single thread this would time out.
            return release.tryAcquire(1, 10000);
        };
        auto first = executor.run<bool>(job);
        auto second = executor.run<bool>(job);
        QVERIFY(arrived.tryAcquire(2, 10000));
        release.release(2);
        QVERIFY(first.result().value());
        QVERIFY(second.result().value());
    }

    void manyConnectionsOpenAFreshFileTogether()
    {
        // Regression: switching a new SQLite file to WAL from several connections at once used to
        // fail with SQLITE_BUSY for all but one of them.
        auto scratch = ScratchDatabase::sqlite();
        Store::DatabaseSettings settings = scratch->settings();
        settings.threads = 8;
        DbExecutor executor(settings);
        QSemaphore arrived;
        QSemaphore release;
        QList<QFuture<Result<int>>> jobs;
        for (int i = 0; i < 8; ++i) {
            jobs.append(executor.run<int>([&](DbSession &session) -> Result<int> {
                arrived.release();
                release.tryAcquire(1, 10000); // hold every thread until all have opened
                auto one = session.scalar(u"SELECT 1"_s);
                if (!one)
                    return one.error();
                return one.value().toInt();
            }));
        }
        QVERIFY(arrived.tryAcquire(8, 20000));
        release.release(8);
        for (auto &job : jobs) {
            const Result<int> outcome = job.result();
            QVERIFY2(outcome, outcome ? "" : qPrintable(outcome.error().message));
            QCOMPARE(outcome.value(), 1);
        }
    }

    void translatesStatementFailures_data()
    {
        QTest::addColumn<QString>("statement");
        QTest::addColumn<Im::ErrorCode>("expected");
        QTest::newRow("unique key violated")
            << u"INSERT INTO t (name) VALUES ('taken')"_s << ErrorCode::Duplicate;
        QTest::newRow("syntax error") << u"INSERT INTO nowhere VALUES (1"_s << ErrorCode::Internal;
        QTest::newRow("missing table") << u"SELECT * FROM missing"_s << ErrorCode::Internal;
    }

    void translatesStatementFailures()
    {
        QFETCH(QString, statement);
        QFETCH(Im::ErrorCode, expected);
        auto scratch = ScratchDatabase::sqlite();
        DbExecutor executor(scratch->settings());
        auto outcome =
            executor
                .run<int>([statement](DbSession &session) -> Result<int> {
                    if (auto made = session.run(u"CREATE TABLE t (name TEXT UNIQUE)"_s); !made)
                        return made.error();
                    if (auto first = session.run(u"INSERT INTO t (name) VALUES ('taken')"_s);
                        !first)
                        return first.error();
                    return session.execute(statement);
                })
                .result();
        QVERIFY(!outcome);
        QCOMPARE(outcome.error().code, expected);
    }

    void jobsAfterStopFailWithoutRunning()
    {
        auto scratch = ScratchDatabase::sqlite();
        DbExecutor executor(scratch->settings());
        executor.stop();
        bool ran = false;
        auto outcome = executor
                           .run<int>([&ran](DbSession &) -> Result<int> {
                               ran = true;
                               return 1;
                           })
                           .result();
        QVERIFY(!ran);
        QVERIFY(!outcome);
        QCOMPARE(outcome.error().code, ErrorCode::Unavailable);
    }

    void unreachableServerIsUnavailable()
    {
        Store::DatabaseSettings settings = Test::TestServices::mariaDb(u"none"_s);
        settings.host = u"127.0.0.1"_s;
        settings.port = 1; // nothing listens there
        settings.connectTimeout = std::chrono::seconds(2);
        DbExecutor executor(settings);
        auto outcome = executor.run<qint64>(connectionId, Store::Retry::OnConnectionLoss).result();
        QVERIFY(!outcome);
        QCOMPARE(outcome.error().code, ErrorCode::Unavailable);
    }

    void reconnectsAfterTheConnectionWasKilled()
    {
        IM_REQUIRE_MARIADB();
        auto scratch = ScratchDatabase::mariaDb();
        Store::DatabaseSettings settings = scratch->settings();
        settings.threads = 1;
        DbExecutor executor(settings);
        auto first = executor.run<qint64>(connectionId).result();
        QVERIFY(first);

        // GIVEN the server killed the worker's connection
        QVERIFY(QSqlQuery(scratch->connection()).exec(u"KILL %1"_s.arg(first.value())));
        // WHEN a job that may be replayed runs THEN it succeeds on a new connection
        auto replayed = executor.run<qint64>(connectionId, Store::Retry::OnConnectionLoss).result();
        QVERIFY(replayed);
        QVERIFY(replayed.value() != first.value());

        // GIVEN the connection is killed again, WHEN a job that must not be replayed runs
        QVERIFY(QSqlQuery(scratch->connection()).exec(u"KILL %1"_s.arg(replayed.value())));
        auto refused = executor.run<qint64>(connectionId, Store::Retry::Never).result();
        // THEN it reports the loss, and the next job reconnects
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::Unavailable);
        auto after = executor.run<qint64>(connectionId).result();
        QVERIFY(after);
        QVERIFY(after.value() != replayed.value());
    }
};

QTEST_GUILESS_MAIN(TestDbExecutor)
#include "tst_dbexecutor.moc"
