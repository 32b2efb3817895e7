#include "domainfakes.h"
#include "im/messagewriter.h"

#include <QTest>

#include <map>

using namespace Qt::StringLiterals;
using namespace Im;
using Im::Test::newMessage;
using Im::Test::settle;

namespace {

//! A writer on a fake store; each submission's outcome is kept under its msgId.
struct Fixture
{
    explicit Fixture(Core::WriterLimits limits = { 4, 100 })
        : writer(store, limits)
    { }

    void submit(const QString &msgId, int sender)
    {
        writer.submit(newMessage(msgId, sender),
                      [this, msgId](const Result<Core::StoreOutcome> &o) {
                          outcomes.insert_or_assign(msgId, o);
                          completionOrder.append(msgId);
                      });
    }
    QStringList batchMsgIds(size_t index) const
    {
        QStringList ids;
        for (const Core::NewMessage &message : store.batches.at(index).messages)
            ids.append(message.msgId);
        return ids;
    }
    void storeOldest()
    {
        store.storeOldestBatch();
        settle();
    }

    Test::FakeMessageStore store;
    Core::MessageWriter writer;
    std::map<QString, Result<Core::StoreOutcome>> outcomes;
    QStringList completionOrder;
};

} // namespace

//! The batched writer on a fake store: group commit, one batch at a time, round-robin over
//! senders, completions after the commit in order, a failing batch, refusals, the bound.
class TestDomainWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void batchesWhileOneCommitsAndCompletesInOrder()
    {
        Fixture f;
        f.submit(u"a1"_s, 1); // starts a batch at once
        QCOMPARE(f.store.batches.size(), size_t(1));
        f.submit(u"a2"_s, 1);
        f.submit(u"a3"_s, 1);
        f.submit(u"b1"_s, 2);
        f.submit(u"a4"_s, 1);
        f.submit(u"c1"_s, 3);
        QCOMPARE(f.store.batches.size(), size_t(1)); // one batch in flight at a time
        QCOMPARE(f.writer.stats().waiting, 5);
        QVERIFY(f.outcomes.empty()); // nothing is answered before its commit
        f.storeOldest();
        QCOMPARE(f.completionOrder, QStringList { u"a1"_s });
        // Round-robin over the senders waiting, each one's own in order, at most maxBatch.
        QCOMPARE(f.batchMsgIds(0), (QStringList { u"a2"_s, u"b1"_s, u"c1"_s, u"a3"_s }));
        f.storeOldest();
        QCOMPARE(f.batchMsgIds(0), QStringList { u"a4"_s });
        f.storeOldest();
        QCOMPARE(f.completionOrder,
                 (QStringList { u"a1"_s, u"a2"_s, u"b1"_s, u"c1"_s, u"a3"_s, u"a4"_s }));
        // Ids follow the commit order.
        qint64 previous = 0;
        for (const QString &msgId : std::as_const(f.completionOrder)) {
            const qint64 id = f.outcomes.at(msgId)->message.id;
            QVERIFY(id > previous);
            previous = id;
        }
        QVERIFY(f.store.batches.empty());
        QCOMPARE(f.writer.stats().batches, 3);
        QCOMPARE(f.writer.stats().messages, 6);
        QCOMPARE(f.writer.stats().largestBatch, 4);
    }

    void aFailingBatchFailsEachOfItsMessagesAndTheNextOneRuns()
    {
        Fixture f;
        f.submit(u"a1"_s, 1);
        f.submit(u"a2"_s, 1);
        f.submit(u"b1"_s, 2);
        f.store.answerOldestBatch(makeError(ErrorCode::Unavailable, u"database down"_s));
        settle();
        QVERIFY(!f.outcomes.at(u"a1"_s));
        QCOMPARE(f.outcomes.at(u"a1"_s).error().code, ErrorCode::Unavailable);
        QCOMPARE(f.writer.stats().failedBatches, 1);
        QCOMPARE(f.batchMsgIds(0), (QStringList { u"a2"_s, u"b1"_s }));
        f.storeOldest();
        QVERIFY(f.outcomes.at(u"a2"_s));
        QVERIFY(f.outcomes.at(u"b1"_s));
    }

    void duplicatesAndRefusalsReachTheirSenders()
    {
        Fixture f;
        f.submit(u"a1"_s, 1);
        f.submit(u"a1"_s, 1);
        f.submit(u"b1"_s, 2);
        f.storeOldest();
        f.store.answerOldestBatch(QList<Core::StoreOutcome> {
            Test::duplicateOutcome(), Test::refusedOutcome(u"not friends"_s) });
        settle();
        QCOMPARE(f.completionOrder, (QStringList { u"a1"_s, u"a1"_s, u"b1"_s }));
        QCOMPARE(f.outcomes.at(u"a1"_s)->kind, Core::StoreOutcome::Kind::Duplicate);
        QCOMPARE(f.outcomes.at(u"b1"_s)->refusal.code, ErrorCode::PermissionDenied);
        QCOMPARE(f.writer.stats().messages, 1); // only what was stored counts
    }

    void overTheWaitListSendsAreRefusedAtOnceAndNothingQueuedIsLost()
    {
        Fixture f({ 2, 3 });
        for (int i = 0; i < 6; ++i)
            f.submit(u"a%1"_s.arg(i), 1);
        // a0 is in flight, a1..a3 wait, a4 and a5 are refused before any commit.
        QCOMPARE(f.completionOrder, (QStringList { u"a4"_s, u"a5"_s }));
        QCOMPARE(f.outcomes.at(u"a4"_s).error().code, ErrorCode::Unavailable);
        QCOMPARE(f.writer.stats().refused, 2);
        while (!f.store.batches.empty())
            f.storeOldest();
        QCOMPARE(f.completionOrder,
                 (QStringList { u"a4"_s, u"a5"_s, u"a0"_s, u"a1"_s, u"a2"_s, u"a3"_s }));
        QCOMPARE(f.writer.stats().messages, 4);
    }
};

QTEST_GUILESS_MAIN(TestDomainWriter)
#include "tst_domainwriter.moc"
