#include "domainfakes.h"
#include "im/deliveryhub.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace Im;
using Im::Test::delivered;
using Im::Test::payloadOf;
using Im::Test::settle;
using Im::Test::storedMessage;

namespace {

QList<QByteArray> payloads(std::initializer_list<qint64> ids)
{
    QList<QByteArray> list;
    for (qint64 id : ids)
        list.append(payloadOf(id));
    return list;
}

//! A hub on fake stores and a fake clock; its encoders count their calls.
struct Fixture
{
    Fixture()
        : hub(messages, cursors, clock,
              { [this](const Core::StoredMessage &m) {
                   ++messageEncodings;
                   return payloadOf(m.id);
               },
                [this](const Core::ReadReceipt &r) {
                    ++receiptEncodings;
                    return "read " + QByteArray::number(r.id);
                } },
              settings())
    { }

    static Core::DeliveryChannel::Settings settings()
    {
        Core::DeliveryChannel::Settings settings;
        settings.window = 4;
        settings.pageSize = 3;
        settings.maxPending = 8;
        return settings;
    }

    //! A new link attached as \a deviceId of \a userId.
    Test::FakeDeviceLink *attach(int userId, const QString &deviceId, const QString &linkId)
    {
        links.push_back(std::make_unique<Test::FakeDeviceLink>(linkId));
        hub.attach(links.back().get(), userId, deviceId);
        settle();
        return links.back().get();
    }
    //! Answers every open page request empty: the channels follow live messages.
    void answerPagesEmpty()
    {
        while (!messages.pages.empty()) {
            Test::FakeMessageStore::Page page = std::move(messages.pages.front());
            messages.pages.pop_front();
            page.answer.finish(QList<Core::StoredMessage> {});
        }
        settle();
    }
    //! Message \a id committed for \a recipients, sent on \a origin.
    void commit(qint64 id, const QList<int> &recipients, const QString &origin = u"elsewhere"_s)
    {
        Core::StoreOutcome outcome;
        outcome.kind = Core::StoreOutcome::Kind::Stored;
        outcome.message = storedMessage(id);
        outcome.recipients = recipients;
        hub.dispatch(outcome, origin);
    }
    [[nodiscard]] qint64 cursorOf(const QString &linkId) const
    {
        for (const Core::ChannelInfo &channel : hub.channels()) {
            if (channel.linkId == linkId)
                return channel.cursor;
        }
        return -1;
    }

    Test::FakeClock clock;
    Test::FakeMessageStore messages;
    Test::FakeCursorStore cursors;
    int messageEncodings = 0;
    int receiptEncodings = 0;
    std::vector<std::unique_ptr<Test::FakeDeviceLink>> links;
    Core::DeliveryHub hub;
};

} // namespace

//! The hub of every live channel, on fakes: attaching from the stored (or unwritten) cursor,
//! fan-out in commit order to each message's recipients, one encoding per message, read receipts,
//! links that go early, cursor writes through the flusher, and the figures of closed channels.
class TestDeliveryHub : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsEachDeviceFromItsStoredCursor()
    {
        Fixture f;
        f.cursors.stored[{ 2, u"desk"_s }] = 10;
        f.attach(2, u"desk"_s, u"A"_s);
        f.attach(2, u"phone"_s, u"B"_s);
        QCOMPARE(f.hub.channelCount(), 2);
        QCOMPARE(f.messages.pages.size(), size_t(2));
        QCOMPARE(f.messages.pages[0].userId, 2);
        QCOMPARE(f.messages.pages[0].afterId, 10); // desk: from its cursor
        QCOMPARE(f.messages.pages[1].afterId, 0); // phone: a new device
    }

    void fansOutInCommitOrderToEachMessagesRecipients()
    {
        Fixture f;
        Test::FakeDeviceLink *desk = f.attach(2, u"desk"_s, u"A"_s);
        Test::FakeDeviceLink *phone = f.attach(2, u"phone"_s, u"B"_s);
        Test::FakeDeviceLink *other = f.attach(3, u"desk"_s, u"C"_s);
        f.answerPagesEmpty();

        f.commit(11, { 1, 2 });
        f.commit(12, { 1, 2, 3 }); // user 3 joined the group between the batches
        f.commit(13, { 1, 2 });

        QCOMPARE(desk->pushed, payloads({ 11, 12, 13 }));
        QCOMPARE(phone->pushed, payloads({ 11, 12, 13 }));
        QCOMPARE(other->pushed, payloads({ 12 }));
        QCOMPARE(f.messageEncodings, 3); // once per message, shared by the devices
    }

    void doesNotPushBackToTheSendingLink()
    {
        Fixture f;
        Test::FakeDeviceLink *desk = f.attach(1, u"desk"_s, u"A"_s);
        Test::FakeDeviceLink *phone = f.attach(1, u"phone"_s, u"B"_s);
        f.answerPagesEmpty();

        f.commit(11, { 1, 2 }, u"A"_s);

        QVERIFY(desk->pushed.isEmpty());
        QCOMPARE(phone->pushed, payloads({ 11 }));
        // The sending device holds it: its cursor passes it at once, the other's after its ack.
        QCOMPARE(f.cursorOf(u"A"_s), 11);
        QCOMPARE(f.cursorOf(u"B"_s), 0);
        QVERIFY(phone->answer(payloadOf(11), delivered()));
        QCOMPARE(f.cursorOf(u"B"_s), 11);
    }

    void sendsReadReceiptsToEveryLinkOfTheUserEncodedOnce()
    {
        Fixture f;
        Test::FakeDeviceLink *desk = f.attach(2, u"desk"_s, u"A"_s);
        Test::FakeDeviceLink *phone = f.attach(2, u"phone"_s, u"B"_s);
        Test::FakeDeviceLink *other = f.attach(3, u"desk"_s, u"C"_s);
        f.answerPagesEmpty();

        f.hub.dispatchReadReceipt(2, { 42, 3, 0, 2 });
        f.hub.dispatchReadReceipt(9, { 43, 3, 0, 9 }); // nobody online: nothing encoded

        QCOMPARE(desk->readReceipts, QList<QByteArray> { "read 42" });
        QCOMPARE(phone->readReceipts, QList<QByteArray> { "read 42" });
        QVERIFY(other->readReceipts.isEmpty());
        QCOMPARE(f.receiptEncodings, 1);
    }

    void aLinkGoneBeforeItsCursorLoadedGetsNoChannel()
    {
        Fixture f;
        f.cursors.holdLoads = true;
        QSignalSpy attached(&f.hub, &Core::DeliveryHub::attached);
        Test::FakeDeviceLink *link = f.attach(2, u"desk"_s, u"A"_s);
        QCOMPARE(f.cursors.loads.size(), size_t(1));
        link->drop();
        f.cursors.loads.front().answer.finish(qint64(5));
        settle();

        QCOMPARE(f.hub.channelCount(), 0);
        QVERIFY(f.messages.pages.empty());
        QCOMPARE(attached.size(), 0);
    }

    void whatADeviceSendsWhileItsCursorLoadsIsNotPushedBack()
    {
        Fixture f;
        f.cursors.holdLoads = true;
        Test::FakeDeviceLink *desk = f.attach(1, u"desk"_s, u"A"_s);
        f.commit(11, { 1, 2 }, u"A"_s); // the device sent it before its channel started
        f.commit(12, { 1, 2 });
        f.cursors.loads.front().answer.finish(qint64(10));
        settle();
        QCOMPARE(f.messages.pages.size(), size_t(1));
        QCOMPARE(f.messages.pages.front().afterId, 10);

        Test::FakeMessageStore::Page page = std::move(f.messages.pages.front());
        f.messages.pages.pop_front();
        page.answer.finish(QList<Core::StoredMessage> { storedMessage(11), storedMessage(12) });
        settle();

        QCOMPARE(desk->pushed, payloads({ 12 }));
        QCOMPARE(f.cursorOf(u"A"_s), 11); // passed its own message without a push
        QVERIFY(desk->answer(payloadOf(12), delivered()));
        QCOMPARE(f.cursorOf(u"A"_s), 12);
    }

    void aCursorThatCannotBeLoadedClosesTheLink()
    {
        Fixture f;
        f.cursors.holdLoads = true;
        Test::FakeDeviceLink *link = f.attach(2, u"desk"_s, u"A"_s);
        f.cursors.loads.front().answer.finish(Error { ErrorCode::Internal, u"database down"_s });
        settle();

        QCOMPARE(link->closed, 1); // the client reconnects and is attached again
        QCOMPARE(f.hub.channelCount(), 0);
        QVERIFY(f.messages.pages.empty());
    }

    void aReconnectingDeviceStartsFromItsUnwrittenCursor()
    {
        Fixture f;
        Test::FakeDeviceLink *first = f.attach(2, u"desk"_s, u"A"_s);
        f.answerPagesEmpty();
        f.commit(11, { 1, 2 });
        QVERIFY(first->answer(payloadOf(11), delivered()));
        first->drop();
        settle();
        QCOMPARE(f.hub.channelCount(), 0);
        QVERIFY(f.cursors.writes.empty()); // gathered for 50 ms: not written yet

        f.attach(2, u"desk"_s, u"B"_s);

        QCOMPARE(f.messages.pages.size(), size_t(1));
        QCOMPARE(f.messages.pages.front().afterId, 11); // not 0, the stored one
    }

    void writesAdvancedCursorsThroughTheFlusher()
    {
        Fixture f;
        Test::FakeDeviceLink *desk = f.attach(2, u"desk"_s, u"A"_s);
        Test::FakeDeviceLink *phone = f.attach(2, u"phone"_s, u"B"_s);
        f.answerPagesEmpty();
        f.commit(11, { 1, 2 });
        f.commit(12, { 1, 2 });
        QVERIFY(desk->answer(payloadOf(11), delivered()));
        QVERIFY(desk->answer(payloadOf(12), delivered()));
        QVERIFY(phone->answer(payloadOf(12), delivered())); // 11 still open: phone stays at 0

        f.clock.advance(Core::DeliveryHub::cursorFlushing.delay);

        QCOMPARE(f.cursors.writes.size(), size_t(1));
        const QList<Core::DeliveryCursor> written = f.cursors.writes.front().cursors;
        QCOMPARE(written.size(), 1);
        QCOMPARE(written.front().userId, 2);
        QCOMPARE(written.front().deviceId, u"desk"_s);
        QCOMPARE(written.front().lastAck, 12);
    }

    void keepsTheFiguresOfClosedChannels()
    {
        Fixture f;
        QSignalSpy released(&f.hub, &Core::DeliveryHub::released);
        Test::FakeDeviceLink *desk = f.attach(2, u"desk"_s, u"A"_s);
        f.answerPagesEmpty();
        f.commit(11, { 1, 2 });
        f.commit(12, { 1, 2 });
        QVERIFY(desk->answer(payloadOf(11), delivered()));
        f.clock.advance(2s);

        desk->drop(); // 12 still in flight
        settle();

        QCOMPARE(f.hub.channelCount(), 0);
        QCOMPARE(released.size(), 1);
        QCOMPARE(released.front().front().toLongLong(), qint64(payloadOf(12).size()));
        const Core::QueueStats totals = f.hub.totals();
        QCOMPARE(totals.pushed, 2);
        QCOMPARE(totals.acked, 1);
        QCOMPARE(totals.inFlight, 0); // nothing waits in memory for a device that is gone
        const Core::DeviceRecord *record = f.hub.history().find(2, u"desk"_s);
        QVERIFY(record);
        QCOMPARE(record->figures.acked, 1);
        QCOMPARE(record->lastSeenAtMs, f.clock.wallMs());
        QVERIFY(!f.hub.history().find(2, u"phone"_s));
    }

    void aDestroyedLinkEndsItsChannel()
    {
        Fixture f;
        f.attach(2, u"desk"_s, u"A"_s);
        f.attach(2, u"phone"_s, u"B"_s);
        f.answerPagesEmpty();
        QCOMPARE(f.hub.linksOf(2).size(), 2);

        f.links.front().reset(); // its owner went without a disconnect
        settle();

        QCOMPARE(f.hub.channelCount(), 1);
        QCOMPARE(f.hub.linksOf(2).size(), 1);
        f.commit(11, { 2 }); // reaches the live one only, and nothing dangles
        QCOMPARE(f.links.back()->pushed, payloads({ 11 }));
    }
};

QTEST_GUILESS_MAIN(TestDeliveryHub)
#include "tst_deliveryhub.moc"
