#include "im/devicehistory.h"

#include <QTest>

using Im::Core::DeviceHistory;
using Im::Core::QueueStats;
using namespace Qt::StringLiterals;

// The hub's record of closed devices: counters add up over a device's channels, nothing stays
// queued, and past the capacity the device seen longest ago goes.
class TestDeviceHistory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sumsTheChannelsOfADevice()
    {
        DeviceHistory history;
        QueueStats first;
        first.timedOut = 3;
        first.pushed = 5;
        first.inFlight = 2;
        first.queued = 1;
        first.oldestWaitingMs = 900;
        first.lastAckAtMs = 1000;
        QueueStats second;
        second.timedOut = 4;
        second.acked = 1;
        second.lastAckAtMs = 500;

        history.noteClosed(7, u"phone"_s, first, 2000);
        history.noteClosed(7, u"phone"_s, second, 3000);

        const auto *record = history.find(7, u"phone"_s);
        QVERIFY(record);
        QCOMPARE(record->figures.timedOut, 7);
        QCOMPARE(record->figures.pushed, 5);
        QCOMPARE(record->figures.acked, 1);
        QCOMPARE(record->figures.lastAckAtMs, 1000); // the latest, not the last closed
        QCOMPARE(record->figures.queued, 0);
        QCOMPARE(record->figures.inFlight, 0);
        QCOMPARE(record->figures.oldestWaitingMs, 0);
        QCOMPARE(record->lastSeenAtMs, 3000);
        QVERIFY(!history.find(7, u"desk"_s));
        QVERIFY(!history.find(8, u"phone"_s));
    }

    void forgetsTheOldestPastItsCapacity()
    {
        DeviceHistory history(2);
        history.noteClosed(1, u"a"_s, {}, 1000);
        history.noteClosed(2, u"b"_s, {}, 2000);
        history.noteClosed(1, u"a"_s, {}, 3000); // seen again: now b is the oldest

        history.noteClosed(3, u"c"_s, {}, 4000);

        QCOMPARE(history.records().size(), 2);
        QVERIFY(history.find(1, u"a"_s));
        QVERIFY(!history.find(2, u"b"_s));
        QVERIFY(history.find(3, u"c"_s));
    }
};

QTEST_GUILESS_MAIN(TestDeviceHistory)
#include "tst_devicehistory.moc"
