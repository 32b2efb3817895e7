#include "log/rotatinglogfile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Im::Log::RotatingLogFile;

namespace {

QDateTime at(int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2024, 1, day), QTime(hour, minute));
}

// A line of exactly 40 bytes (newline included) that names its number.
QByteArray fixedLine(int number)
{
    return u"line %1"_s.arg(number).toUtf8().leftJustified(39, '.') + '\n';
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return "<missing>";
    return file.readAll();
}

QStringList filesIn(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files, QDir::Name);
}

} // namespace

class TestRotatingLogFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fileNameFor_data();
    void fileNameFor();
    void switchesFileWhenTheHourChanges_data();
    void switchesFileWhenTheHourChanges();
    void rollsBySizeKeepingBackups_data();
    void rollsBySizeKeepingBackups();
    void prunesEarlierHoursOldestFirst_data();
    void prunesEarlierHoursOldestFirst();
    void continuesTheFileOfTheCurrentHour();
    void writesALineLargerThanTheLimit();
    void createsAMissingDirectory();
    void reportsAnUnusableDirectory();
};

void TestRotatingLogFile::fileNameFor_data()
{
    QTest::addColumn<QDateTime>("now");
    QTest::addColumn<QString>("expected");

    QTest::newRow("evening hour") << QDateTime(QDate(2024, 1, 7), QTime(19, 59, 59, 999))
                                  << u"log.2024-01-07-19.log"_s;
    QTest::newRow("midnight is hour 00")
        << QDateTime(QDate(2024, 12, 31), QTime(0, 0)) << u"log.2024-12-31-00.log"_s;
    QTest::newRow("utc time is named by its local hour")
        << QDateTime(QDate(2024, 1, 7), QTime(19, 30), Qt::LocalTime).toUTC()
        << u"log.2024-01-07-19.log"_s;
}

void TestRotatingLogFile::fileNameFor()
{
    QFETCH(QDateTime, now);
    QFETCH(QString, expected);
    QCOMPARE(RotatingLogFile::fileNameFor(now), expected);
}

void TestRotatingLogFile::switchesFileWhenTheHourChanges_data()
{
    QTest::addColumn<QDateTime>("first");
    QTest::addColumn<QDateTime>("second");
    QTest::addColumn<bool>("sameFile");

    QTest::newRow("same hour") << at(7, 19, 0) << at(7, 19, 59) << true;
    QTest::newRow("next hour") << at(7, 19, 59) << at(7, 20, 0) << false;
    QTest::newRow("same hour next day") << at(7, 19, 10) << at(8, 19, 10) << false;
    QTest::newRow("clock set back an hour") << at(7, 19, 10) << at(7, 18, 50) << false;
}

void TestRotatingLogFile::switchesFileWhenTheHourChanges()
{
    QFETCH(QDateTime, first);
    QFETCH(QDateTime, second);
    QFETCH(bool, sameFile);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    {
        RotatingLogFile log(dir.path(), 0, 10);
        QVERIFY(log.write(first, "first\n").isOk());
        QCOMPARE(log.currentPath(), dir.filePath(RotatingLogFile::fileNameFor(first)));
        QVERIFY(log.write(second, "second\n").isOk());
        QCOMPARE(log.currentPath(), dir.filePath(RotatingLogFile::fileNameFor(second)));
        QVERIFY(log.flush().isOk());
    }
    const QString firstPath = dir.filePath(RotatingLogFile::fileNameFor(first));
    const QString secondPath = dir.filePath(RotatingLogFile::fileNameFor(second));
    if (sameFile) {
        QCOMPARE(filesIn(dir.path()).size(), 1);
        QCOMPARE(readAll(firstPath), "first\nsecond\n"_ba);
    } else {
        QCOMPARE(filesIn(dir.path()).size(), 2);
        QCOMPARE(readAll(firstPath), "first\n"_ba);
        QCOMPARE(readAll(secondPath), "second\n"_ba);
    }
}

void TestRotatingLogFile::rollsBySizeKeepingBackups_data()
{
    QTest::addColumn<int>("backups");
    QTest::addColumn<int>("lines");
    // Expected content, as line numbers, of the main file, then `.1`, `.2`, ...
    QTest::addColumn<QList<QList<int>>>("expected");

    // 100-byte limit, 40-byte lines: two lines per file.
    QTest::newRow("below the limit no roll") << 3 << 2 << QList<QList<int>> { { 1, 2 } };
    QTest::newRow("first roll makes .1") << 3 << 3 << QList<QList<int>> { { 3 }, { 1, 2 } };
    QTest::newRow("backups shift up, .1 is newest")
        << 3 << 7 << QList<QList<int>> { { 7 }, { 5, 6 }, { 3, 4 }, { 1, 2 } };
    QTest::newRow("beyond 3 backups the oldest is deleted")
        << 3 << 9 << QList<QList<int>> { { 9 }, { 7, 8 }, { 5, 6 }, { 3, 4 } };
    QTest::newRow("one backup kept") << 1 << 9 << QList<QList<int>> { { 9 }, { 7, 8 } };
    QTest::newRow("zero backups keeps only the current file")
        << 0 << 5 << QList<QList<int>> { { 5 } };
}

void TestRotatingLogFile::rollsBySizeKeepingBackups()
{
    QFETCH(int, backups);
    QFETCH(int, lines);
    QFETCH(QList<QList<int>>, expected);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QDateTime now = at(7, 19, 5);
    {
        RotatingLogFile log(dir.path(), 100, backups);
        for (int i = 1; i <= lines; ++i)
            QVERIFY(log.write(now, fixedLine(i)).isOk());
        QVERIFY(log.flush().isOk());
    }

    const QString base = dir.filePath(RotatingLogFile::fileNameFor(now));
    QStringList expectedNames;
    for (qsizetype index = 0; index < expected.size(); ++index) {
        const QString path = index == 0 ? base : base + u'.' + QString::number(index);
        QByteArray content;
        for (int number : expected.at(index))
            content += fixedLine(number);
        QCOMPARE(readAll(path), content);
        expectedNames.append(QFileInfo(path).fileName());
    }
    expectedNames.sort();
    QCOMPARE(filesIn(dir.path()), expectedNames);
}

void TestRotatingLogFile::prunesEarlierHoursOldestFirst_data()
{
    QTest::addColumn<int>("backups");
    QTest::addColumn<QStringList>("kept");

    const QString h9 = u"log.2024-01-07-09.log"_s;
    const QString h10 = u"log.2024-01-07-10.log"_s;
    const QString h11 = u"log.2024-01-07-11.log"_s;
    const QString h12 = u"log.2024-01-07-12.log"_s;
    const QString h13 = u"log.2024-01-07-13.log"_s;
    // Present before: an old file of ours from 2020 with a numbered backup, and hour 09.
    QTest::newRow("three backups: the 2020 files and hour 09 deleted")
        << 3 << QStringList { h10, h11, h12, h13 };
    QTest::newRow("two backups: hour 10 deleted too") << 2 << QStringList { h11, h12, h13 };
    QTest::newRow("one backup: only the previous hour kept") << 1 << QStringList { h12, h13 };
    QTest::newRow("ten backups: nothing deleted")
        << 10
        << QStringList {
               u"log.2020-01-01-00.log"_s, u"log.2020-01-01-00.log.1"_s, h9, h10, h11, h12, h13
           };
}

void TestRotatingLogFile::prunesEarlierHoursOldestFirst()
{
    QFETCH(int, backups);
    QFETCH(QStringList, kept);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // Files that are not ours, some looking close to it, must survive any pruning.
    const QStringList unrelated = { u"log.txt"_s,
                                    u"notes.log"_s,
                                    u"log.2020-01-01-00.log.bak"_s,
                                    u"log.2020-01-01-00.gz"_s,
                                    u"log.2020-01-01.log"_s,
                                    u"other.2020-01-01-00.log"_s,
                                    u"log.2020-01-01-00.log.0"_s };
    const QStringList oldOwn = { u"log.2020-01-01-00.log"_s, u"log.2020-01-01-00.log.1"_s,
                                 u"log.2024-01-07-09.log"_s };
    for (const QString &name : unrelated + oldOwn) {
        QFile file(dir.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("x\n");
    }
    // A directory with one of our names is never touched either.
    QVERIFY(QDir(dir.path()).mkdir(u"log.2019-01-01-00.log"_s));

    {
        RotatingLogFile log(dir.path(), 0, backups);
        for (int hour = 10; hour <= 13; ++hour)
            QVERIFY(log.write(at(7, hour), "line\n").isOk());
        QVERIFY(log.flush().isOk());
    }

    QStringList expected = unrelated + kept;
    expected.sort();
    QCOMPARE(filesIn(dir.path()), expected);
    QVERIFY(QFileInfo(dir.filePath(u"log.2019-01-01-00.log"_s)).isDir());
    for (const QString &name : unrelated)
        QCOMPARE(readAll(dir.filePath(name)), "x\n"_ba);
}

void TestRotatingLogFile::continuesTheFileOfTheCurrentHour()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QDateTime now = at(7, 19, 30);
    const QString path = dir.filePath(RotatingLogFile::fileNameFor(now));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(fixedLine(1) + fixedLine(2));
    }
    {
        RotatingLogFile log(dir.path(), 100, 3);
        // 80 bytes already there: the next line would pass 100, so it rolls first.
        QVERIFY(log.write(now, fixedLine(3)).isOk());
        QVERIFY(log.flush().isOk());
    }
    QCOMPARE(readAll(path), fixedLine(3));
    QCOMPARE(readAll(path + u".1"_s), fixedLine(1) + fixedLine(2));
}

void TestRotatingLogFile::writesALineLargerThanTheLimit()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QDateTime now = at(7, 19);
    const QByteArray big = QByteArray(150, 'b') + '\n';
    {
        RotatingLogFile log(dir.path(), 100, 3);
        QVERIFY(log.write(now, big).isOk());
        QVERIFY(log.write(now, "small\n").isOk());
        QVERIFY(log.flush().isOk());
    }
    const QString path = dir.filePath(RotatingLogFile::fileNameFor(now));
    QCOMPARE(readAll(path), "small\n"_ba);
    QCOMPARE(readAll(path + u".1"_s), big);
}

void TestRotatingLogFile::createsAMissingDirectory()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString nested = dir.filePath(u"a/b/logs"_s);
    RotatingLogFile log(nested, 0, 3);
    QVERIFY(log.open(at(7, 19)).isOk());
    QVERIFY(QFileInfo::exists(nested + u"/log.2024-01-07-19.log"_s));
}

void TestRotatingLogFile::reportsAnUnusableDirectory()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // A regular file where the directory should be: fails even for root.
    const QString blocker = dir.filePath(u"not-a-dir"_s);
    {
        QFile file(blocker);
        QVERIFY(file.open(QIODevice::WriteOnly));
    }
    RotatingLogFile log(blocker + u"/logs"_s, 0, 3);
    const auto written = log.write(at(7, 19), "line\n");
    QVERIFY(!written.isOk());
    QCOMPARE(written.error().code, Im::ErrorCode::Unavailable);
    QVERIFY(log.currentPath().isEmpty());
}

QTEST_GUILESS_MAIN(TestRotatingLogFile)
#include "tst_rotatinglogfile.moc"
