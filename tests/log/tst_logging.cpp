#include "log/logging.h"
#include "log/rotatinglogfile.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>
#include <QThread>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <memory>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

using namespace Qt::StringLiterals;
using Im::Log::Logging;
using Im::Log::LogSettings;

Q_LOGGING_CATEGORY(lcTest, "im.test")

namespace {

// Set in the environment of the child process that logs a fatal message.
constexpr char kFatalChildDir[] = "IM_TST_LOGGING_FATAL_DIR";

struct Line
{
    QDateTime time;
    QString level;
    QString category;
    QString message;
};

// Parses every line of every log file in `dir`, oldest file first; a line that does not have
// the exact layout fails the calling test through the empty `category`.
QList<Line> readLines(const QString &dir)
{
    static const QRegularExpression layout(
        uR"(^\[(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3})\] \[(DEBUG|INFO|WARN|ERROR|FATAL)\] \[([a-z.]+)\] (.*)$)"_s);
    QList<Line> lines;
    const QStringList names = QDir(dir).entryList({ u"log.*"_s }, QDir::Files, QDir::Name);
    for (const QString &name : names) {
        QFile file(QDir(dir).filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            return {};
        const QStringList texts = QString::fromUtf8(file.readAll()).split(u'\n');
        for (qsizetype i = 0; i < texts.size(); ++i) {
            if (i == texts.size() - 1 && texts.at(i).isEmpty())
                break; // after the last newline
            const QRegularExpressionMatch m = layout.match(texts.at(i));
            if (!m.hasMatch()) {
                lines.append({ QDateTime(), QString(), QString(), texts.at(i) });
                continue;
            }
            lines.append({ QDateTime::fromString(m.captured(1), u"yyyy-MM-dd hh:mm:ss.zzz"_s),
                           m.captured(2), m.captured(3), m.captured(4) });
        }
    }
    return lines;
}

LogSettings fileSettings(const QString &dir)
{
    LogSettings settings;
    settings.dir = dir;
    settings.console = false;
    return settings;
}

QStringList captured;

void captureHandler(QtMsgType, const QMessageLogContext &, const QString &message)
{
    captured.append(message);
}

} // namespace

class TestLogging : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void moduleCategoryIsImLog();
    void formatLine_data();
    void formatLine();
    void writesFilteredRedactedLines_data();
    void writesFilteredRedactedLines();
    void consoleGetsTheSameLine();
    void linesFromSeveralThreadsAllArrive();
    void floodOverABlockedDiskIsCountedAsDropped();
    void shutdownRestoresThePreviousHandler();
    void failedInstallChangesNothing_data();
    void failedInstallChangesNothing();
    void fatalMessageIsFlushedBeforeAbort();
};

void TestLogging::initTestCase()
{
    // In the child started by fatalMessageIsFlushedBeforeAbort(): log, then die by qFatal.
    const QString fatalDir = qEnvironmentVariable(kFatalChildDir);
    if (fatalDir.isEmpty())
        return;
    if (!Logging::install(fileSettings(fatalDir)).isOk())
        std::exit(3);
    for (int i = 1; i <= 50; ++i)
        qCInfo(lcTest, "before fatal %d", i);
    qFatal("fatal with secret=xyz");
}

void TestLogging::cleanup()
{
    Logging::shutdown();
    QLoggingCategory::setFilterRules(QString());
}

void TestLogging::moduleCategoryIsImLog()
{
    QCOMPARE(QByteArray(Im::Log::lcLog().categoryName()), "im.log"_ba);
}

void TestLogging::formatLine_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QByteArray>("category");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QDateTime>("time");
    QTest::addColumn<QString>("expected");

    const QDateTime evening(QDate(2024, 1, 7), QTime(19, 5, 3, 42));
    QTest::newRow("debug") << int(QtDebugMsg) << "im.store"_ba << u"query"_s << evening
                           << u"[2024-01-07 19:05:03.042] [DEBUG] [im.store] query"_s;
    QTest::newRow("info") << int(QtInfoMsg) << "im.http"_ba << u"listening"_s << evening
                          << u"[2024-01-07 19:05:03.042] [INFO] [im.http] listening"_s;
    QTest::newRow("warning is WARN") << int(QtWarningMsg) << "im.auth"_ba << u"slow"_s << evening
                                     << u"[2024-01-07 19:05:03.042] [WARN] [im.auth] slow"_s;
    QTest::newRow("critical is ERROR")
        << int(QtCriticalMsg) << "im.store"_ba << u"lost"_s << evening
        << u"[2024-01-07 19:05:03.042] [ERROR] [im.store] lost"_s;
    QTest::newRow("fatal") << int(QtFatalMsg) << "im.app"_ba << u"bye"_s << evening
                           << u"[2024-01-07 19:05:03.042] [FATAL] [im.app] bye"_s;
    QTest::newRow("no category is default")
        << int(QtInfoMsg) << QByteArray() << u"plain"_s << evening
        << u"[2024-01-07 19:05:03.042] [INFO] [default] plain"_s;
    QTest::newRow("midnight padding")
        << int(QtInfoMsg) << "im.log"_ba << u"x"_s << QDateTime(QDate(987, 2, 3), QTime(0, 0))
        << u"[0987-02-03 00:00:00.000] [INFO] [im.log] x"_s;
    QTest::newRow("continuation lines are indented")
        << int(QtWarningMsg) << "im.log"_ba << u"one\r\n[fake] two\nthree\n"_s << evening
        << u"[2024-01-07 19:05:03.042] [WARN] [im.log] one\n    [fake] two\n    three"_s;
    QTest::newRow("unicode message kept") << int(QtInfoMsg) << "im.log"_ba << u"群组 ✓"_s << evening
                                          << u"[2024-01-07 19:05:03.042] [INFO] [im.log] 群组 ✓"_s;
}

void TestLogging::formatLine()
{
    QFETCH(int, type);
    QFETCH(QByteArray, category);
    QFETCH(QString, message);
    QFETCH(QDateTime, time);
    QFETCH(QString, expected);

    const QMessageLogContext context(nullptr, 0, nullptr,
                                     category.isNull() ? nullptr : category.constData());
    QCOMPARE(Logging::formatLine(QtMsgType(type), context, message, time), expected);
}

void TestLogging::writesFilteredRedactedLines_data()
{
    QTest::addColumn<QString>("defaultLevel");
    QTest::addColumn<QString>("rules");
    QTest::addColumn<QStringList>("expectedLevels");

    QTest::newRow("default info hides debug")
        << u"info"_s << QString() << QStringList { u"INFO"_s, u"WARN"_s, u"ERROR"_s };
    QTest::newRow("rule enables debug for the category")
        << u"info"_s << u"im.test=debug"_s
        << QStringList { u"DEBUG"_s, u"INFO"_s, u"WARN"_s, u"ERROR"_s };
    QTest::newRow("rule raises the category to warning")
        << u"debug"_s << u"im.*=warning"_s << QStringList { u"WARN"_s, u"ERROR"_s };
}

void TestLogging::writesFilteredRedactedLines()
{
    QFETCH(QString, defaultLevel);
    QFETCH(QString, rules);
    QFETCH(QStringList, expectedLevels);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    LogSettings settings = fileSettings(dir.filePath(u"logs"_s));
    settings.defaultLevel = defaultLevel;
    settings.rules = rules;
    const QDateTime before = QDateTime::currentDateTime().addMSecs(-1);
    const auto installed = Logging::install(settings);
    QVERIFY2(installed.isOk(),
             qPrintable(installed.isOk() ? QString() : installed.error().message));

    qCDebug(lcTest, "debug line");
    qCInfo(lcTest, "info line");
    qCWarning(lcTest) << "login failed, password=hunter2 token:"
                      << "abc";
    qCCritical(lcTest).noquote() << u"{\"pwd\":\"p4ss\",\"user\":\"bob\"}"_s;
    Logging::shutdown();
    const QDateTime after = QDateTime::currentDateTime().addMSecs(1);

    const QHash<QString, QString> messages = {
        { u"DEBUG"_s, u"debug line"_s },
        { u"INFO"_s, u"info line"_s },
        { u"WARN"_s, u"login failed, password=*** token: ***"_s },
        { u"ERROR"_s, u"{\"pwd\":\"***\",\"user\":\"bob\"}"_s },
    };
    const QList<Line> lines = readLines(settings.dir);
    QCOMPARE(lines.size(), expectedLevels.size());
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const Line &line = lines.at(i);
        QCOMPARE(line.category, u"im.test"_s);
        QCOMPARE(line.level, expectedLevels.at(i));
        QCOMPARE(line.message, messages.value(line.level));
        QVERIFY2(line.time >= before && line.time <= after,
                 qPrintable(line.time.toString(Qt::ISODateWithMs)));
    }
}

void TestLogging::consoleGetsTheSameLine()
{
    QTemporaryFile capture;
    QVERIFY(capture.open());
    std::fflush(stderr);
    const int savedStderr = ::dup(STDERR_FILENO);
    QVERIFY(savedStderr >= 0);
    QVERIFY(::dup2(capture.handle(), STDERR_FILENO) >= 0);

    LogSettings settings;
    settings.file = false;
    const auto installed = Logging::install(settings);
    qCInfo(lcTest, "to the console with token=abc");
    Logging::shutdown();

    std::fflush(stderr);
    ::dup2(savedStderr, STDERR_FILENO);
    ::close(savedStderr);
    QVERIFY(installed.isOk());

    capture.seek(0);
    const QString text = QString::fromUtf8(capture.readAll());
    static const QRegularExpression layout(
        uR"(^\[\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}\] \[INFO\] \[im\.test\] to the console with token=\*\*\*\n$)"_s);
    QVERIFY2(layout.match(text).hasMatch(), qPrintable(text));
}

void TestLogging::linesFromSeveralThreadsAllArrive()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(Logging::install(fileSettings(dir.path())).isOk());

    constexpr int threadCount = 4;
    constexpr int perThread = 2000; // 8000 in all: below the queue capacity, so nothing drops
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < threadCount; ++t) {
        threads.emplace_back(QThread::create([t] {
            for (int i = 0; i < perThread; ++i)
                qCInfo(lcTest, "thread %d line %d", t, i);
        }));
        threads.back()->start();
    }
    for (auto &thread : threads)
        QVERIFY(thread->wait(60000));
    Logging::shutdown();

    const QList<Line> lines = readLines(dir.path());
    QCOMPARE(lines.size(), threadCount * perThread);
    QList<int> next(threadCount, 0);
    static const QRegularExpression text(uR"(^thread (\d) line (\d+)$)"_s);
    for (const Line &line : lines) {
        const QRegularExpressionMatch m = text.match(line.message);
        QVERIFY2(m.hasMatch(), qPrintable(line.message));
        const int t = m.captured(1).toInt();
        // Each thread's lines keep their order.
        QCOMPARE(m.captured(2).toInt(), next[t]);
        ++next[t];
    }
}

// The log "file" is a named pipe that nobody reads at first, so the writer blocks as a full disk
// would: the queue fills and lines are dropped. Once the pipe is drained the next line must be
// preceded by the drop notice, and every line must be either written or counted.
void TestLogging::floodOverABlockedDiskIsCountedAsDropped()
{
    // The pipe stands in for the file of the current hour: do not straddle an hour boundary.
    while (QTime::currentTime().minute() == 59 && QTime::currentTime().second() >= 50)
        QThread::msleep(200);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray fifo = QFile::encodeName(
        dir.filePath(Im::Log::RotatingLogFile::fileNameFor(QDateTime::currentDateTime())));
    QCOMPARE(::mkfifo(fifo.constData(), 0600), 0);
    // Opened non-blocking so that the writer's open succeeds; reads start later.
    const int readFd = ::open(fifo.constData(), O_RDONLY | O_NONBLOCK);
    QVERIFY(readFd >= 0);
    QVERIFY(Logging::install(fileSettings(dir.path())).isOk());

    constexpr int total = 3 * int(Logging::kQueueCapacity);
    for (int i = 0; i < total; ++i)
        qCInfo(lcTest, "flood %d", i);

    // Drain the pipe on another thread until the writer closes it.
    ::fcntl(readFd, F_SETFL, ::fcntl(readFd, F_GETFL) & ~O_NONBLOCK);
    std::atomic<qint64> received { 0 };
    QByteArray content;
    std::unique_ptr<QThread> reader(QThread::create([&] {
        char buffer[65536];
        for (;;) {
            const ssize_t n = ::read(readFd, buffer, sizeof buffer);
            if (n <= 0)
                return;
            content.append(buffer, n);
            received += n;
        }
    }));
    reader->start();
    // Wait until the writer has gone idle: the backlog is written and the queue has room.
    qint64 seen = -1;
    for (int waited = 0; waited < 60000 && received.load() != seen; waited += 300) {
        seen = received.load();
        QThread::msleep(300);
    }
    qCInfo(lcTest, "after the flood");
    Logging::shutdown();
    QVERIFY(reader->wait(60000));
    ::close(readFd);

    static const QRegularExpression flood(uR"(^flood (\d+)$)"_s);
    static const QRegularExpression dropped(uR"(^(\d+) log lines dropped$)"_s);
    const QStringList lines = QString::fromUtf8(content).split(u'\n', Qt::SkipEmptyParts);
    QVERIFY(lines.size() >= 2);
    // The accepted lines keep their order and none is cut; the notice and the first line after
    // the flood come last.
    int written = 0;
    int last = -1;
    for (qsizetype i = 0; i < lines.size() - 2; ++i) {
        const QRegularExpressionMatch m = flood.match(lines.at(i).section(u"] "_s, 3));
        QVERIFY2(m.hasMatch(), qPrintable(lines.at(i)));
        QVERIFY(m.captured(1).toInt() > last);
        last = m.captured(1).toInt();
        ++written;
    }
    QVERIFY2(lines.at(lines.size() - 2).contains(u"] [WARN] [im.log] "_s),
             qPrintable(lines.at(lines.size() - 2)));
    const QRegularExpressionMatch notice =
        dropped.match(lines.at(lines.size() - 2).section(u"] "_s, 3));
    QVERIFY2(notice.hasMatch(), qPrintable(lines.at(lines.size() - 2)));
    QVERIFY(lines.last().endsWith(u"] [INFO] [im.test] after the flood"_s));
    QVERIFY(written >= int(Logging::kQueueCapacity));
    QVERIFY(written < total);
    QCOMPARE(written + notice.captured(1).toInt(), total);
}

void TestLogging::shutdownRestoresThePreviousHandler()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    captured.clear();
    const QtMessageHandler testLibHandler = qInstallMessageHandler(captureHandler);

    const auto installed = Logging::install(fileSettings(dir.path()));
    qCInfo(lcTest, "to the file");
    Logging::shutdown();
    Logging::shutdown(); // a second call is harmless
    qCInfo(lcTest, "to the previous handler");
    qInstallMessageHandler(testLibHandler);

    QVERIFY(installed.isOk());
    QCOMPARE(captured, QStringList { u"to the previous handler"_s });
    const QList<Line> lines = readLines(dir.path());
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines.at(0).message, u"to the file"_s);
}

void TestLogging::failedInstallChangesNothing_data()
{
    QTest::addColumn<QString>("level");
    QTest::addColumn<bool>("emptyDir");
    QTest::addColumn<bool>("dirUnderAFile");

    QTest::newRow("unknown level") << u"chatty"_s << false << false;
    QTest::newRow("file without a directory") << u"info"_s << true << false;
    QTest::newRow("directory cannot be created") << u"info"_s << false << true;
}

void TestLogging::failedInstallChangesNothing()
{
    QFETCH(QString, level);
    QFETCH(bool, emptyDir);
    QFETCH(bool, dirUnderAFile);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString blocker = dir.filePath(u"file"_s);
    {
        QFile file(blocker);
        QVERIFY(file.open(QIODevice::WriteOnly));
    }
    LogSettings settings = fileSettings(dir.filePath(u"logs"_s));
    settings.defaultLevel = level;
    if (emptyDir)
        settings.dir.clear();
    if (dirUnderAFile)
        settings.dir = blocker + u"/logs"_s;

    captured.clear();
    const QtMessageHandler testLibHandler = qInstallMessageHandler(captureHandler);
    const auto installed = Logging::install(settings);
    qCInfo(lcTest, "still here");
    Logging::shutdown();
    qInstallMessageHandler(testLibHandler);

    QVERIFY(!installed.isOk());
    QVERIFY(!installed.error().message.isEmpty());
    QCOMPARE(captured, QStringList { u"still here"_s });
}

void TestLogging::fatalMessageIsFlushedBeforeAbort()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QString::fromLatin1(kFatalChildDir), dir.path());
    child.setProcessEnvironment(env);
    // No core file from the intended abort.
    child.setChildProcessModifier([] {
        const rlimit noCore { 0, 0 };
        ::setrlimit(RLIMIT_CORE, &noCore);
    });
    child.start(QCoreApplication::applicationFilePath(), { u"formatLine"_s });
    QVERIFY(child.waitForFinished(60000));
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);

    const QList<Line> lines = readLines(dir.path());
    QCOMPARE(lines.size(), 51);
    for (int i = 0; i < 50; ++i)
        QCOMPARE(lines.at(i).message, u"before fatal %1"_s.arg(i + 1));
    QCOMPARE(lines.at(50).level, u"FATAL"_s);
    QCOMPARE(lines.at(50).message, u"fatal with secret=***"_s);
}

QTEST_GUILESS_MAIN(TestLogging)
#include "tst_logging.moc"
