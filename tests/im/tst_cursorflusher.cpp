#include "domainfakes.h"
#include "im/cursorflusher.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace Im;
using Im::Test::settle;

namespace {

struct Fixture
{
    Test::FakeClock clock;
    Test::FakeCursorStore store;
    Core::CursorFlusher flusher { store, clock, { 50ms, 1000ms } };

    //! Answers the oldest open write and returns the cursors it carried.
    QList<Core::DeliveryCursor> finishWrite(Result<void> result = {})
    {
        Test::FakeCursorStore::Write write = std::move(store.writes.front());
        store.writes.pop_front();
        write.answer.finish(std::move(result));
        settle();
        return write.cursors;
    }
};

QMap<QString, qint64> byDevice(const QList<Core::DeliveryCursor> &cursors)
{
    QMap<QString, qint64> map;
    for (const Core::DeliveryCursor &cursor : cursors)
        map.insert(u"%1/%2"_s.arg(cursor.userId).arg(cursor.deviceId), cursor.lastAck);
    return map;
}

} // namespace

//! Cursor writes gathered per interval, merged per device, retried after a failure, and never
//! losing an advance that came while a write ran.
class TestCursorFlusher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void gathersAndMergesThenWritesOnce()
    {
        Fixture f;
        f.flusher.note(1, u"a"_s, 5);
        f.flusher.note(1, u"a"_s, 3); // lower: ignored
        f.flusher.note(1, u"a"_s, 7);
        f.flusher.note(2, QString(), 4);
        f.flusher.note(1, u"b"_s, 1);
        f.clock.advance(49ms);
        QVERIFY(f.store.writes.empty());
        QCOMPARE(f.flusher.unwritten(1, u"a"_s), 7);
        f.clock.advance(1ms);
        QCOMPARE(f.store.writes.size(), size_t(1));
        const auto written = f.finishWrite();
        QCOMPARE(byDevice(written),
                 (QMap<QString, qint64> { { u"1/a"_s, 7 }, { u"2/"_s, 4 }, { u"1/b"_s, 1 } }));
        QCOMPARE(f.flusher.unwrittenCount(), 0);
        f.clock.advance(10s);
        QVERIFY(f.store.writes.empty()); // nothing new, nothing written
    }

    void anAdvanceDuringAWriteIsWrittenNext()
    {
        Fixture f;
        f.flusher.note(1, u"a"_s, 5);
        f.clock.advance(50ms);
        f.flusher.note(1, u"a"_s, 9); // while 5 is being written
        f.flusher.note(3, u"c"_s, 2);
        f.clock.advance(50ms);
        QCOMPARE(f.store.writes.size(), size_t(1)); // one write at a time
        f.finishWrite();
        QCOMPARE(f.flusher.unwritten(1, u"a"_s), 9);
        f.clock.advance(49ms);
        QVERIFY(f.store.writes.empty());
        f.clock.advance(1ms);
        QCOMPARE(byDevice(f.finishWrite()),
                 (QMap<QString, qint64> { { u"1/a"_s, 9 }, { u"3/c"_s, 2 } }));
        QCOMPARE(f.flusher.unwrittenCount(), 0);
    }

    void aFailedWriteIsRetriedLaterWithEverythingInIt()
    {
        Fixture f;
        f.flusher.note(1, u"a"_s, 5);
        f.clock.advance(50ms);
        f.finishWrite(makeError(ErrorCode::Unavailable, u"database down"_s));
        QCOMPARE(f.flusher.unwritten(1, u"a"_s), 5);
        f.flusher.note(1, u"a"_s, 6);
        f.clock.advance(999ms);
        QVERIFY(f.store.writes.empty());
        f.clock.advance(1ms);
        QCOMPARE(byDevice(f.finishWrite()), (QMap<QString, qint64> { { u"1/a"_s, 6 } }));
        QCOMPARE(f.flusher.unwrittenCount(), 0);
    }

    void anAcknowledgementWritesAtOnceAndAnswersTheFurthestCursor()
    {
        Fixture f;
        f.store.newestMessage = 20;
        f.flusher.note(1, u"a"_s, 9); // a live channel's ack, not written yet
        auto behind = f.flusher.acknowledge(1, u"a"_s, 4);
        auto beyond = f.flusher.acknowledge(1, u"b"_s, 1000);
        settle();
        QCOMPARE(f.store.stored.at({ 1, u"a"_s }), 4);
        QCOMPARE(behind.result().value(), 9); // what the device really acknowledged
        QCOMPARE(f.store.stored.at({ 1, u"b"_s }), 20); // capped at the newest message
        QCOMPARE(beyond.result().value(), 20);
        QCOMPARE(f.flusher.unwritten(1, u"a"_s), 9); // still to be written by the flusher
    }

    void flushWritesAtOnce()
    {
        Fixture f;
        f.flusher.note(1, u"a"_s, 5);
        f.flusher.flush(); // at shutdown
        QCOMPARE(f.store.writes.size(), size_t(1));
        f.finishWrite();
        f.clock.advance(50ms); // the timer that was set finds nothing to write
        QVERIFY(f.store.writes.empty());
    }
};

QTEST_GUILESS_MAIN(TestCursorFlusher)
#include "tst_cursorflusher.moc"
