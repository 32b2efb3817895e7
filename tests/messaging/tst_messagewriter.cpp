#include "domainfakes.h"
#include "im/messagewriter.h"
#include "scratchdatabase.h"
#include "store/dbexecutor.h"
#include "store/schemapreparation.h"
#include "store/sqlmessagestore.h"

#include <QSignalSpy>
#include <QTest>

#include <future>

using namespace Qt::StringLiterals;
using namespace Im;
using Im::Store::DbExecutor;
using Im::Store::DbSession;
using Im::Test::ScratchDatabase;

namespace {

//! Holds the executor's only worker until released, so jobs pile up behind it.
class BlockedWorker
{
public:
    explicit BlockedWorker(DbExecutor &executor)
    {
        std::shared_future<void> gate = m_release.get_future().share();
        auto started = std::make_shared<std::promise<void>>();
        std::future<void> running = started->get_future();
        m_running = executor.run<void>(
            [gate, started](DbSession &) -> Result<void> {
                started->set_value();
                gate.wait();
                return {};
            },
            Store::Retry::Never, Store::Admission::Always);
        running.wait(); // off the queue: what is queued next waits behind it
    }
    ~BlockedWorker() { release(); }

    void release()
    {
        if (!m_released) {
            m_released = true;
            m_release.set_value();
        }
    }

private:
    std::promise<void> m_release;
    bool m_released = false;
    QFuture<Result<void>> m_running;
};

} // namespace

//! The bounds of the write path: the database job queue refuses work over DB_MAX_QUEUED_JOBS at
//! once, and the chat writer's wait list refuses messages over CHAT_WRITER_MAX_WAITING at once,
//! while everything accepted before is stored, in order.
class TestMessageWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void databaseQueueIsBounded()
    {
        auto scratch = ScratchDatabase::sqlite();
        Store::DatabaseSettings settings = scratch->settings();
        settings.threads = 1;
        settings.maxQueuedJobs = 2;
        DbExecutor executor(settings);
        BlockedWorker blocked(executor);
        const auto job = [](DbSession &) -> Result<int> { return 7; };
        QList<QFuture<Result<int>>> queued { executor.run<int>(job), executor.run<int>(job) };
        QTRY_COMPARE(executor.queuedJobs(), 2);
        QFuture<Result<int>> refused = executor.run<int>(job);
        QVERIFY(refused.isFinished()); // answered at once, never queued
        QVERIFY(!refused.result());
        QCOMPARE(refused.result().error().code, ErrorCode::Unavailable);
        QCOMPARE(executor.refusedJobs(), 1);
        // Work whose caller bounds it is admitted over the limit.
        queued.append(executor.run<int>(job, Store::Retry::Never, Store::Admission::Always));
        QCOMPARE(executor.queuedJobs(), 3);
        blocked.release();
        for (QFuture<Result<int>> &future : queued)
            QCOMPARE(future.result().value(), 7);
    }

    void writerWaitListIsBounded()
    {
        auto scratch = ScratchDatabase::sqlite();
        Store::DatabaseSettings settings = scratch->settings();
        settings.threads = 1;
        DbExecutor executor(settings);
        QVERIFY(executor.run<Store::MigrationReport>(Store::prepareSchema).result());
        auto users =
            executor
                .run<QList<int>>([](DbSession &session) -> Result<QList<int>> {
                    QList<int> ids;
                    for (const QString &account : { u"1"_s, u"2"_s }) {
                        auto inserted = session.query(
                            u"INSERT INTO Users (account, pwd) VALUES (?, 'x')"_s, { account });
                        if (!inserted)
                            return inserted.error();
                        ids.append(inserted.value().lastInsertId().toInt());
                    }
                    return ids;
                })
                .result();
        QVERIFY(users);
        const int alice = users->at(0), bob = users->at(1);

        Store::SqlMessageStore store(executor, Core::SendRules { false }, 100);
        Core::MessageWriter writer(store, Core::WriterLimits { 2, 3 });
        BlockedWorker blocked(executor);
        QList<std::optional<Result<Core::StoreOutcome>>> outcomes(6);
        for (int i = 0; i < 6; ++i) {
            writer.submit(Test::newMessage(u"w-%1"_s.arg(i), alice, bob),
                          [&outcomes, i](const auto &outcome) { outcomes[i] = outcome; });
        }
        // w-0 is the batch in flight, w-1..w-3 wait, and w-4 and w-5 find the wait list full.
        QCOMPARE(writer.stats().inBatch, 1);
        QCOMPARE(writer.stats().waiting, 3);
        for (int i : { 4, 5 }) {
            QVERIFY(outcomes[i].has_value());
            QVERIFY(!*outcomes[i]);
            QCOMPARE(outcomes[i]->error().code, ErrorCode::Unavailable);
        }
        QCOMPARE(writer.stats().refused, 2);
        for (int i = 0; i < 4; ++i)
            QVERIFY(!outcomes[i].has_value());

        blocked.release();
        QTRY_VERIFY(outcomes[3].has_value());
        qint64 previous = 0;
        for (int i = 0; i < 4; ++i) {
            QVERIFY(outcomes[i].has_value() && *outcomes[i]);
            QCOMPARE((*outcomes[i])->kind, Core::StoreOutcome::Kind::Stored);
            QCOMPARE((*outcomes[i])->message.seq, i + 1);
            QVERIFY((*outcomes[i])->message.id > previous);
            previous = (*outcomes[i])->message.id;
        }
        QCOMPARE(writer.stats().largestBatch, 2);
        QCOMPARE(scratch->scalar(u"SELECT COUNT(*) FROM Messages"_s).toInt(), 4);
    }
};

QTEST_GUILESS_MAIN(TestMessageWriter)
#include "tst_messagewriter.moc"
