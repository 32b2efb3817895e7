#include "im/timeformat.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestTimeFormat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesOffsets_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<int>("seconds");
        QTest::newRow("China") << u"+08:00"_s << true << 8 * 3600;
        QTest::newRow("negative half hour") << u"-03:30"_s << true << -(3 * 3600 + 1800);
        QTest::newRow("UTC as Z") << u"Z"_s << true << 0;
        QTest::newRow("no sign") << u"08:00"_s << false << 0;
        QTest::newRow("hour 24") << u"+24:00"_s << false << 0;
        QTest::newRow("minutes 60") << u"+01:60"_s << false << 0;
        QTest::newRow("zone name") << u"Asia/Shanghai"_s << false << 0;
        QTest::newRow("empty") << QString() << false << 0;
    }

    void parsesOffsets()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(int, seconds);
        const auto zone = Im::parseUtcOffset(text);
        QCOMPARE(zone.has_value(), valid);
        if (zone)
            QCOMPARE(zone->offsetFromUtc(QDateTime::currentDateTimeUtc()), seconds);
    }

    void formatsInTheConfiguredZone()
    {
        const QDateTime moment(QDate(2024, 1, 7), QTime(11, 5, 9), Qt::UTC);
        QCOMPARE(Im::formatWireDateTime(moment, *Im::parseUtcOffset(u"+08:00"_s)),
                 u"2024-01-07 19:05:09"_s);
        QCOMPARE(Im::formatWireDateTime(moment, *Im::parseUtcOffset(u"-05:00"_s)),
                 u"2024-01-07 06:05:09"_s);
    }
};

QTEST_GUILESS_MAIN(TestTimeFormat)
#include "tst_timeformat.moc"
