#include "domainfakes.h"
#include "im/messagewriter.h"
#include "im/messagingservice.h"

#include <QTest>

#include <map>

using namespace Qt::StringLiterals;
using namespace Im;
using Im::Test::newMessage;
using Im::Test::settle;

namespace {

class RecordingFanOut final : public Core::MessageFanOut
{
public:
    void dispatch(const Core::StoreOutcome &outcome, const QString &originLinkId) override
    {
        dispatched.append({ outcome, originLinkId });
    }
    void dispatchReadReceipt(int userId, const Core::ReadReceipt &receipt) override
    {
        receipts.append({ userId, receipt });
    }
    QList<std::pair<Core::StoreOutcome, QString>> dispatched;
    QList<std::pair<int, Core::ReadReceipt>> receipts;
};

class CountingQuota final : public Core::SendQuota
{
public:
    bool reserveMessage(int) override
    {
        if (used >= perDay)
            return false;
        ++used;
        return true;
    }
    void releaseMessage(int) override { --used; }
    int messagesPerDay() const override { return perDay; }

    int perDay = 3;
    int used = 0;
};

struct Fixture
{
    //! Sends \a message as user 1 on link "l1"; its result is kept, in order.
    void send(const Core::NewMessage &message, int asUser = 1)
    {
        service.send({ asUser, QJsonObject { { u"account"_s, u"alice"_s } }, u"l1"_s }, message,
                     [this](const Result<Core::StoreOutcome> &r) { results.append(r); });
    }
    Error lastError() const { return results.last().error(); }
    //! \a reader read up to message \a id of the chat with \a peer, or of group \a groupId.
    void read(int reader, qint64 id, int peer, int groupId = 0)
    {
        service.markRead(reader, { id, reader, groupId, peer },
                         [this](const Result<void> &r) { readResults.append(r); });
    }
    //! Answers the oldest open read mark.
    void answerRead(Result<Core::ReadMark> mark)
    {
        auto read = std::move(store.readMarks.front());
        store.readMarks.pop_front();
        read.answer.finish(std::move(mark));
        settle();
    }

    Test::FakeMessageStore store;
    Core::MessageWriter writer { store, { 8, 100 } };
    RecordingFanOut fanOut;
    CountingQuota quota;
    Core::SendLimits limits { .maxContent = 10 };
    Core::MessagingService service { writer, store, fanOut, quota, limits };
    QList<Result<Core::StoreOutcome>> results;
    QList<Result<void>> readResults;
};

} // namespace

//! The send rules of the messaging service, on a fake store: refusals before anything is stored,
//! the quota, the ack after the commit, the fan-out with the author's info, failures mapped to
//! one error each.
class TestMessagingService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aBrokenRuleIsRefusedBeforeTheStore_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<int>("code");
        QTest::newRow("another sender") << u"sender"_s << int(ErrorCode::PermissionDenied);
        QTest::newRow("empty msgId") << u"msgId"_s << int(ErrorCode::Malformed);
        QTest::newRow("long msgId") << u"longMsgId"_s << int(ErrorCode::Malformed);
        QTest::newRow("unknown type") << u"type"_s << int(ErrorCode::Malformed);
        QTest::newRow("long content") << u"content"_s << int(ErrorCode::TooLarge);
        QTest::newRow("long ext") << u"ext"_s << int(ErrorCode::TooLarge);
    }
    void aBrokenRuleIsRefusedBeforeTheStore()
    {
        QFETCH(QString, field);
        QFETCH(int, code);
        Fixture f;
        Core::NewMessage message = newMessage(u"m1"_s, 1);
        if (field == u"sender"_s)
            message.sender = 2;
        else if (field == u"msgId"_s)
            message.msgId.clear();
        else if (field == u"longMsgId"_s)
            message.msgId = QString(65, u'x');
        else if (field == u"type"_s)
            message.type = u"sticker"_s;
        else if (field == u"content"_s)
            message.content = QString(11, u'x');
        else if (field == u"ext"_s)
            message.ext = QString(256, u'x');
        f.send(message);
        QCOMPARE(f.results.size(), 1);
        QCOMPARE(int(f.lastError().code), code);
        QVERIFY(f.store.batches.empty());
        QCOMPARE(f.quota.used, 0);
    }

    void storedThenAckedThenFannedOutWithTheAuthor()
    {
        Fixture f;
        Core::NewMessage message = newMessage(u"m1"_s, 1);
        message.groupId = 7;
        message.receiver = 0;
        f.send(message);
        QVERIFY(f.results.isEmpty()); // never before the commit
        QCOMPARE(f.store.batches.front().messages.first().receiver, 7); // addressed to the group
        f.store.storeOldestBatch();
        settle();
        QCOMPARE(f.results.size(), 1);
        QCOMPARE(f.results.first()->kind, Core::StoreOutcome::Kind::Stored);
        QCOMPARE(f.fanOut.dispatched.size(), 1);
        QCOMPARE(f.fanOut.dispatched.first().second, u"l1"_s);
        QCOMPARE(f.fanOut.dispatched.first().first.message.senderInfo.value(u"account"_s),
                 u"alice"_s);
        QCOMPARE(f.quota.used, 1);
    }

    void theQuotaCountsOnlyWhatIsStored()
    {
        Fixture f;
        f.send(newMessage(u"m1"_s, 1));
        f.send(newMessage(u"m2"_s, 1));
        f.send(newMessage(u"m3"_s, 1));
        f.send(newMessage(u"m4"_s, 1)); // over the quota of 3
        QCOMPARE(f.results.size(), 1);
        QCOMPARE(f.lastError().code, ErrorCode::TooManyRequests);
        QCOMPARE(f.lastError().message, u"Daily message quota of 3 reached."_s);
        f.store.storeOldestBatch(); // m1
        settle();
        // m2 refused by the store's rules, m3 a duplicate: both given back.
        f.store.answerOldestBatch(QList<Core::StoreOutcome> {
            Test::refusedOutcome(u"not friends"_s), Test::duplicateOutcome() });
        settle();
        QCOMPARE(f.results.size(), 4);
        QCOMPARE(f.results.at(2).error().message, u"not friends"_s);
        QVERIFY(f.results.at(3));
        QCOMPARE(f.quota.used, 1);
        QCOMPARE(f.fanOut.dispatched.size(), 2); // the stored one, and the duplicate's (no one)
    }

    void writePathFailuresBecomeUnavailableOrInternal()
    {
        Fixture f;
        f.send(newMessage(u"m1"_s, 1));
        f.send(newMessage(u"m2"_s, 1));
        f.store.answerOldestBatch(makeError(ErrorCode::Unavailable, u"try later"_s));
        settle();
        QCOMPARE(f.lastError().code, ErrorCode::Unavailable);
        QCOMPARE(f.lastError().message, u"try later"_s);
        f.store.answerOldestBatch(makeError(ErrorCode::Conflict, u"deadlock on Messages"_s));
        settle();
        // The database's own words stay in the log.
        QCOMPARE(f.lastError().code, ErrorCode::Internal);
        QCOMPARE(f.lastError().message, u"Database Error."_s);
        QVERIFY(f.fanOut.dispatched.isEmpty());
        QCOMPARE(f.quota.used, 0);
    }

    void aReadReceiptGoesToThePeerWithTheCursorReached()
    {
        Fixture f;
        f.read(1, 40, 2);
        QCOMPARE(f.store.readMarks.size(), size_t(1));
        QCOMPARE(f.store.readMarks.front().conversation.peer, 2);
        QVERIFY(f.readResults.isEmpty()); // answered after the store
        f.answerRead(Core::ReadMark { 50, 2 }); // read further before: the cursor stays
        QCOMPARE(f.readResults.size(), 1);
        QVERIFY(f.readResults.first());
        QCOMPARE(f.fanOut.receipts.size(), 1);
        QCOMPARE(f.fanOut.receipts.first().first, 2);
        QCOMPARE(f.fanOut.receipts.first().second.id, 50);
        QCOMPARE(f.fanOut.receipts.first().second.sender, 1);
    }

    void aGroupReceiptGoesToTheAuthorButNotBackToTheReader()
    {
        Fixture f;
        f.read(1, 7, 0, 9);
        QCOMPARE(f.store.readMarks.front().conversation.groupId, 9);
        f.answerRead(Core::ReadMark { 7, 3 }); // written by user 3
        QCOMPARE(f.fanOut.receipts.size(), 1);
        QCOMPARE(f.fanOut.receipts.first().first, 3);
        f.read(1, 8, 0, 9);
        f.answerRead(Core::ReadMark { 8, 1 }); // my own message: nobody to tell
        QCOMPARE(f.readResults.size(), 2);
        QCOMPARE(f.fanOut.receipts.size(), 1);
    }

    void aReadReceiptIsRefusedOrFailsWithItsReason()
    {
        Fixture f;
        f.service.markRead(1, { 5, 2, 0, 3 },
                           [&f](const Result<void> &r) { f.readResults.append(r); });
        QCOMPARE(f.readResults.size(), 1);
        QCOMPARE(f.readResults.last().error().code, ErrorCode::PermissionDenied);
        QVERIFY(f.store.readMarks.empty()); // never asked: someone else's receipt
        f.read(1, 5, 2);
        f.answerRead(makeError(ErrorCode::NotFound, u"No such message."_s));
        QCOMPARE(f.readResults.last().error().code, ErrorCode::NotFound);
        f.read(1, 5, 2);
        f.answerRead(makeError(ErrorCode::Unavailable, u"connection lost"_s));
        QCOMPARE(f.readResults.last().error().code, ErrorCode::Internal);
        QCOMPARE(f.readResults.last().error().message, u"Database error."_s);
        QVERIFY(f.fanOut.receipts.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestMessagingService)
#include "tst_messagingservice.moc"
