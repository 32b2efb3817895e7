#include "domainfakes.h"
#include "im/deliverychannel.h"

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

QList<Core::StoredMessage> messages(qint64 first, qint64 last)
{
    QList<Core::StoredMessage> list;
    for (qint64 id = first; id <= last; ++id)
        list.append(storedMessage(id));
    return list;
}

QList<QByteArray> payloads(qint64 first, qint64 last)
{
    QList<QByteArray> list;
    for (qint64 id = first; id <= last; ++id)
        list.append(payloadOf(id));
    return list;
}

//! One channel of user 2 on a fake link, with a fake store and clock.
struct Fixture
{
    explicit Fixture(Core::DeliveryChannel::Settings settings = small(), qint64 cursor = 0)
        : channel(&link, 2, u"desk"_s, cursor, context, settings)
    { }

    static Core::DeliveryChannel::Settings small()
    {
        Core::DeliveryChannel::Settings settings;
        settings.window = 4;
        settings.pageSize = 3;
        settings.maxPending = 8;
        settings.ackTimeout = 6000ms;
        settings.retryBase = 1000ms;
        settings.retryMax = 4000ms;
        return settings;
    }

    //! Answers the one open page request with \a page.
    void answerPage(const QList<Core::StoredMessage> &page)
    {
        QCOMPARE(store.pages.size(), size_t(1));
        Test::FakeMessageStore::Page request = std::move(store.pages.front());
        store.pages.pop_front();
        request.answer.finish(page);
        settle();
    }
    //! Starts the channel and answers its first page empty: it follows live messages then.
    void startLive()
    {
        channel.start();
        answerPage({});
        QVERIFY(!channel.isCatchingUp());
    }
    void commit(qint64 id, bool fromThisDevice = false)
    {
        QByteArray encoded;
        channel.onCommitted(storedMessage(id), encoded, fromThisDevice);
    }
    void ack(qint64 id, const Core::PushOutcome &outcome = delivered())
    {
        QVERIFY2(link.answer(payloadOf(id), outcome), qPrintable(u"no open push of %1"_s.arg(id)));
    }

    Test::FakeClock clock;
    Test::FakeMessageStore store;
    Test::FakeDeviceLink link;
    Core::DeliveryLatency latency;
    Core::ChannelContext context { store,
                                   clock,
                                   latency,
                                   [](const Core::StoredMessage &m) { return payloadOf(m.id); },
                                   [this](int userId, const QString &deviceId, qint64 cursor) {
                                       QCOMPARE(userId, 2);
                                       QCOMPARE(deviceId, u"desk"_s);
                                       advanced.append(cursor);
                                   },
                                   [this](Core::DeliveryChannel *ended) {
                                       QCOMPARE(ended, &channel);
                                       ++endings;
                                   } };
    Core::DeliveryChannel channel;
    QList<qint64> advanced; //!< every cursor the channel reported, in order
    int endings = 0; //!< how often the channel reported that its link ended
};

} // namespace

//! The delivery channel of one device, on fakes: catch-up from the cursor, the window, retries with
//! backoff, the cumulative cursor, maxPending, and the races between pages and commits.
class TestDeliveryChannel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void catchesUpPageByPageThenFollowsLiveMessages()
    {
        Fixture f(Fixture::small(), 10);
        f.channel.start();
        QCOMPARE(f.store.pages.front().afterId, 10);
        QCOMPARE(f.store.pages.front().limit, 3);
        f.answerPage(messages(11, 13)); // a full page: more may wait
        QVERIFY(f.channel.isCatchingUp());
        QCOMPARE(f.link.pushed, payloads(11, 13));
        // The queue is below the window, so the next page is asked for at once, after 13.
        QCOMPARE(f.store.pages.front().afterId, 13);
        f.answerPage(messages(14, 14)); // short: caught up
        QVERIFY(!f.channel.isCatchingUp());
        f.commit(15);
        QCOMPARE(f.link.openPushes(), payloads(11, 14)); // 15 waits: the window is full
        QVERIFY(f.store.pages.empty());
        for (qint64 id = 11; id <= 14; ++id)
            f.ack(id);
        QCOMPARE(f.link.openPushes(), payloads(15, 15)); // it waited for a free slot
        f.ack(15);
        QCOMPARE(f.channel.cursor(), 15);
        QCOMPARE(f.advanced.size(), 5);
        QCOMPARE(f.advanced.last(), 15);
        QCOMPARE(f.channel.stats().acked, 5);
    }

    void neverMoreThanTheWindowInFlight()
    {
        Fixture f;
        f.startLive();
        for (qint64 id = 1; id <= 7; ++id)
            f.commit(id);
        QCOMPARE(f.link.openPushes(), payloads(1, 4));
        QCOMPARE(f.channel.stats().inFlight, 4);
        QCOMPARE(f.channel.stats().queued, 3);
        f.ack(2); // out of order: a slot frees, the cursor waits for 1
        QCOMPARE(f.link.openPushes(), payloads(1, 1) + payloads(3, 5));
        QCOMPARE(f.channel.cursor(), 0);
        f.ack(1);
        QCOMPARE(f.channel.cursor(), 2);
    }

    void aFailedPushIsRetriedWithBackoffAndHoldsTheCursor()
    {
        Fixture f;
        f.startLive();
        for (qint64 id = 1; id <= 3; ++id)
            f.commit(id);
        f.ack(2);
        f.ack(3);
        f.ack(1, Test::answered(500));
        QCOMPARE(f.channel.cursor(), 0); // acks behind a hole do not move it
        QCOMPARE(f.channel.stats().failed, 1);
        // First retry after retryBase, then doubling, capped at retryMax.
        f.clock.advance(999ms);
        QCOMPARE(f.link.pushed.size(), 3);
        f.clock.advance(1ms);
        QCOMPARE(f.link.pushed.size(), 4);
        f.ack(1, Test::timedOut());
        QCOMPARE(f.channel.stats().timedOut, 1);
        f.clock.advance(1999ms);
        QCOMPARE(f.link.pushed.size(), 4);
        f.clock.advance(1ms);
        QCOMPARE(f.link.pushed.size(), 5);
        f.ack(1, Test::answered(500));
        f.clock.advance(3999ms); // 4 s would be 4000: capped at retryMax = 4000 ms
        QCOMPARE(f.link.pushed.size(), 5);
        f.clock.advance(1ms);
        QCOMPARE(f.link.pushed.size(), 6);
        f.ack(1);
        QCOMPARE(f.channel.cursor(), 3);
        QCOMPARE(f.channel.stats().retried, 3);
        QCOMPARE(f.advanced.size(), 1); // one advance, 0 → 3
    }

    void aDisconnectedPushIsNotRetried()
    {
        Fixture f;
        f.startLive();
        f.commit(1);
        f.ack(1, { Core::PushOutcome::Kind::Disconnected, std::nullopt });
        f.clock.advance(60s);
        QCOMPARE(f.link.pushed.size(), 1);
        QCOMPARE(f.channel.cursor(), 0);
    }

    void overMaxPendingLiveMessagesAreLeftForACatchUp()
    {
        Fixture f;
        f.startLive();
        for (qint64 id = 1; id <= 10; ++id)
            f.commit(id); // 9 and 10 find 8 held: they stay in the database
        QVERIFY(f.channel.isCatchingUp());
        QCOMPARE(f.channel.stats().queued + f.channel.stats().inFlight, 8);
        QVERIFY(f.store.pages.empty()); // the queue is full: no page yet
        for (qint64 id = 1; id <= 4; ++id)
            f.ack(id);
        // Below the window's worth of ready entries and under maxPending: fetch after 8.
        QCOMPARE(f.store.pages.size(), size_t(1));
        QCOMPARE(f.store.pages.front().afterId, 8);
        f.answerPage(messages(9, 10));
        QVERIFY(!f.channel.isCatchingUp());
        for (qint64 id = 5; id <= 10; ++id)
            f.ack(id);
        QCOMPARE(f.channel.cursor(), 10);
        QCOMPARE(f.link.pushed, payloads(1, 10));
    }

    void aCommitDuringAFetchIsReadAgain()
    {
        // The page's read may have started before message 1 committed: an empty, short page
        // must not end the catch-up then.
        Fixture f;
        f.channel.start();
        f.commit(1);
        f.answerPage({});
        QVERIFY(f.channel.isCatchingUp());
        QCOMPARE(f.store.pages.front().afterId, 0);
        f.answerPage(messages(1, 1));
        QVERIFY(!f.channel.isCatchingUp());
        QCOMPARE(f.link.pushed, payloads(1, 1));
    }

    void itsOwnMessagesAreNotPushedBack()
    {
        Fixture f;
        f.channel.start();
        f.commit(2, true); // sent by this device while it catches up
        f.answerPage({}); // read again: the commit came during the fetch
        f.answerPage(messages(1, 2));
        QCOMPARE(f.link.pushed, payloads(1, 1));
        f.ack(1);
        QCOMPARE(f.channel.cursor(), 2);
        f.commit(3, true); // live: counted as held at once
        QCOMPARE(f.channel.cursor(), 3);
        QCOMPARE(f.link.pushed, payloads(1, 1));
    }

    void reportsTheEndOfItsLinkOnce()
    {
        Fixture f;
        f.startLive();
        f.link.drop();
        QCOMPARE(f.endings, 1);
        f.link.drop();
        QCOMPARE(f.endings, 1);
    }

    void aChannelGoneBeforeItsLinkIsNotCalled()
    {
        Test::FakeClock clock;
        Test::FakeMessageStore store;
        Core::DeliveryLatency latency;
        int endings = 0;
        Core::ChannelContext context {
            store,   clock,
            latency, [](const Core::StoredMessage &m) { return payloadOf(m.id); },
            {},      [&endings](Core::DeliveryChannel *) { ++endings; }
        };
        auto link = std::make_unique<Test::FakeDeviceLink>();
        auto channel = std::make_unique<Core::DeliveryChannel>(link.get(), 2, u"desk"_s, 0, context,
                                                               Fixture::small());
        channel.reset();
        link->setSaturated(false); // would pump a deleted channel
        link.reset(); // would tell a deleted channel that its link ended
        QCOMPARE(endings, 0);
    }

    void aRetriedCommitIsIgnored()
    {
        Fixture f;
        f.startLive();
        f.commit(1);
        f.commit(1);
        QCOMPARE(f.link.pushed, payloads(1, 1));
    }

    void nothingIsPushedIntoASaturatedLink()
    {
        Fixture f;
        f.startLive();
        f.link.setSaturated(true);
        f.commit(1);
        f.commit(2);
        QVERIFY(f.link.pushed.isEmpty());
        f.link.setSaturated(false);
        QCOMPARE(f.link.pushed, payloads(1, 2));
    }

    void aFailedPageIsAskedForAgainAfterASecond()
    {
        Fixture f;
        f.channel.start();
        Test::FakeMessageStore::Page request = std::move(f.store.pages.front());
        f.store.pages.pop_front();
        request.answer.finish(makeError(ErrorCode::Unavailable, u"down"_s));
        settle();
        QVERIFY(f.store.pages.empty());
        f.clock.advance(999ms);
        QVERIFY(f.store.pages.empty());
        f.clock.advance(1ms);
        QCOMPARE(f.store.pages.size(), size_t(1));
        f.answerPage(messages(1, 1));
        QCOMPARE(f.link.pushed, payloads(1, 1));
    }

    void latencyIsMeasuredOnTheClock()
    {
        Fixture f;
        f.startLive();
        f.commit(1);
        f.clock.advance(250ms);
        f.ack(1);
        QCOMPARE(f.latency.pushToAck.snapshot().count(), quint64(1));
        QCOMPARE(f.latency.pushToAck.snapshot().sum, 0.25);
        QCOMPARE(f.latency.sendToAck.snapshot().sum, 0.25);
        QCOMPARE(f.channel.stats().lastAckAtMs, f.clock.wallMs());
    }
};

QTEST_GUILESS_MAIN(TestDeliveryChannel)
#include "tst_deliverychannel.moc"
