#include "domainfakes.h"
#include "im/cursorflusher.h"
#include "im/futures.h"
#include "im/messagehistory.h"

#include <QTest>

#include <optional>

using namespace Qt::StringLiterals;
using namespace Im;
using Im::Test::settle;
using Im::Test::storedMessage;

namespace {

struct Fixture
{
    //! The future's result once it finished (after settling), empty while it runs.
    template<typename T>
    static std::optional<Result<T>> outcome(const QFuture<Result<T>> &future)
    {
        settle();
        if (!future.isFinished() || future.resultCount() == 0)
            return std::nullopt;
        return future.result();
    }
    //! Answers the one open pendingAfter() request with \a count messages in all, \a page of them.
    void answerPending(qint64 count, const QList<Core::StoredMessage> &page)
    {
        QCOMPARE(messages.pendingPages.size(), size_t(1));
        auto request = std::move(messages.pendingPages.front());
        messages.pendingPages.pop_front();
        request.answer.finish(Core::PendingPage { count, page });
    }

    Test::FakeClock clock;
    Test::FakeMessageStore messages;
    Test::FakeCursorStore cursors;
    Core::CursorFlusher flusher { cursors, clock, {} };
    Core::MessageHistory history { messages, cursors, flusher };
};

Core::ConversationRef withPeer(int peer)
{
    Core::ConversationRef ref;
    ref.peer = peer;
    return ref;
}

} // namespace

//! The reads outside the pushes, on fakes: a device's pending page never starts below its cursor
//! (stored or still unwritten), the cumulative ack goes through the cursors' one owner, and every
//! read keeps its limits before asking the store.
class TestMessageHistory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pendingStartsAboveTheStoredCursor()
    {
        Fixture f;
        f.cursors.stored[{ 2, u"desk"_s }] = 40;
        auto page = f.history.pending(2, u"desk"_s, 10, 50);
        settle();
        QCOMPARE(f.messages.pendingPages.size(), size_t(1));
        QCOMPARE(f.messages.pendingPages.front().userId, 2);
        QCOMPARE(f.messages.pendingPages.front().afterId, 40); // not 10: the device holds those
        QCOMPARE(f.messages.pendingPages.front().limit, 50);
        f.answerPending(7, { storedMessage(41, 1, 2), storedMessage(42, 1, 2) });

        const auto result = Fixture::outcome(page);
        QVERIFY(result && result->isOk());
        QCOMPARE(result->value().count, 7);
        QCOMPARE(result->value().messages.size(), 2);
        QCOMPARE(result->value().messages.front().id, 41);
    }

    void pendingPagesOnWithAfterIdAboveTheCursor()
    {
        Fixture f;
        f.cursors.stored[{ 2, u"desk"_s }] = 40;
        auto page = f.history.pending(2, u"desk"_s, 70, 50);
        settle();
        QCOMPARE(f.messages.pendingPages.front().afterId, 70);
    }

    void pendingStartsAboveAnUnwrittenCursor()
    {
        Fixture f;
        f.cursors.stored[{ 2, u"desk"_s }] = 40;
        f.flusher.note(2, u"desk"_s, 60); // a live channel's ack, not written yet
        auto page = f.history.pending(2, u"desk"_s, 0, 50);
        settle();
        QCOMPARE(f.messages.pendingPages.front().afterId, 60);
    }

    void pendingFailsWhenTheCursorCannotBeRead()
    {
        Fixture f;
        f.cursors.holdLoads = true;
        auto page = f.history.pending(2, u"desk"_s, 0, 50);
        settle();
        f.cursors.loads.front().answer.finish(Error { ErrorCode::Unavailable, u"busy"_s });

        const auto result = Fixture::outcome(page);
        QVERIFY(result && !result->isOk());
        QCOMPARE(result->error().code, ErrorCode::Unavailable);
        QVERIFY(f.messages.pendingPages.empty());
    }

    void acknowledgesThroughTheCursorsOwner()
    {
        Fixture f;
        f.cursors.stored[{ 2, u"desk"_s }] = 5;
        f.cursors.newestMessage = 100;
        f.flusher.note(2, u"desk"_s, 30);
        // The stored cursor moves to 20; the device's cursor is the unwritten 30.
        const auto answer = Fixture::outcome(f.history.acknowledge(2, u"desk"_s, 20));
        QVERIFY(answer && answer->isOk());
        QCOMPARE(answer->value(), 30);
        QCOMPARE((f.cursors.stored[{ 2, u"desk"_s }]), 20);
        // Never past the newest message.
        const auto capped = Fixture::outcome(f.history.acknowledge(2, u"desk"_s, 5000));
        QCOMPARE(capped->value(), 100);
    }

    void rangeDefaultsToTheMaximalSpan()
    {
        Fixture f;
        const auto result = Fixture::outcome(f.history.range(2, withPeer(3), 11, std::nullopt));
        QVERIFY(result && result->isOk());
        QCOMPARE(f.messages.ranges.size(), 1);
        QCOMPARE(f.messages.ranges.front().userId, 2);
        QCOMPARE(f.messages.ranges.front().conversation.peer, 3);
        QCOMPARE(f.messages.ranges.front().fromSeq, 11);
        QCOMPARE(f.messages.ranges.front().toSeq, 11 + Core::HistoryLimits::maxSeqSpan - 1);
    }

    void passesTheStoresRefusalOn()
    {
        Fixture f;
        const auto reads = Fixture::outcome(f.history.reads(2, withPeer(3)));
        QCOMPARE(reads->error().code, ErrorCode::NotFound);
        const auto readers = Fixture::outcome(f.history.readers(2, 17));
        QCOMPARE(readers->error().code, ErrorCode::NotFound);
        QCOMPARE(f.messages.readsAsked, 1);
        QCOMPARE(f.messages.readersAsked, 1);
    }

    void refusesReadsPastTheirLimitsWithoutAskingTheStore()
    {
        Fixture f;
        const auto malformed = [](const auto &future) {
            const auto result = Fixture::outcome(future);
            return result && !result->isOk() && result->error().code == ErrorCode::Malformed;
        };
        Core::ConversationRef both = withPeer(3);
        both.groupId = 4;
        const int maxPage = Core::HistoryLimits::maxPageSize;
        const qint64 span = Core::HistoryLimits::maxSeqSpan;

        QVERIFY(malformed(f.history.pending(2, u"d"_s, 0, 0)));
        QVERIFY(malformed(f.history.pending(2, u"d"_s, 0, maxPage + 1)));
        QVERIFY(malformed(f.history.pending(2, u"d"_s, -1, 10)));
        QVERIFY(malformed(f.history.acknowledge(2, u"d"_s, -1)));
        QVERIFY(malformed(f.history.range(2, withPeer(3), 1, span + 1)));
        QVERIFY(malformed(f.history.range(2, withPeer(3), 10, 9)));
        QVERIFY(malformed(f.history.range(2, withPeer(3), 0, std::nullopt)));
        QVERIFY(malformed(f.history.range(2, both, 1, 2)));
        QVERIFY(malformed(f.history.range(2, Core::ConversationRef {}, 1, 2)));
        QVERIFY(malformed(f.history.reads(2, both)));
        QVERIFY(malformed(f.history.readers(2, 0)));

        QVERIFY(f.messages.pendingPages.empty());
        QVERIFY(f.messages.ranges.isEmpty());
        QCOMPARE(f.messages.readsAsked, 0);
        QCOMPARE(f.messages.readersAsked, 0);

        // The limits themselves are allowed.
        QVERIFY(!malformed(f.history.range(2, withPeer(3), 1, span)));
        QVERIFY(!malformed(f.history.pending(2, u"d"_s, 0, maxPage)));
    }
};

QTEST_GUILESS_MAIN(TestMessageHistory)
#include "tst_messagehistory.moc"
