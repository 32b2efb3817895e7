#include "log/logging.h"

#include "log/categoryfilter.h"
#include "log/redactor.h"
#include "log/rotatinglogfile.h"

#include <QCoreApplication>
#include <QList>
#include <QMutex>
#include <QThread>
#include <QWaitCondition>

#include <atomic>
#include <cstdio>
#include <memory>
#include <utility>

using namespace Qt::StringLiterals;

namespace Im::Log {

namespace {

constexpr char kCategoryName[] = "im.log";

} // namespace

Q_LOGGING_CATEGORY(lcLog, kCategoryName)

namespace {

struct Entry
{
    QDateTime time;
    QByteArray line;
};

QByteArray droppedNotice(qint64 count, const QDateTime &time)
{
    // The name, not lcLog(): this runs under the queue mutex, and a first lcLog() call registers
    // the category, which must not be able to log back into the queue.
    const QMessageLogContext context(nullptr, 0, nullptr, kCategoryName);
    return Logging::formatLine(QtWarningMsg, context, u"%1 log lines dropped"_s.arg(count), time)
               .toUtf8()
        + '\n';
}

// The file side: a bounded queue in front of a writer thread that owns the RotatingLogFile.
// Lock order: m_fileMutex before m_queueMutex. The writer holds m_fileMutex while it takes a
// batch and writes it, so the fatal path, which takes m_fileMutex and then the rest of the queue,
// keeps the lines in order.
class FileSink
{
public:
    Result<void> start(const LogSettings &settings);
    //! Queues a line; drops (and counts) it when the queue is full or the sink is stopped.
    void post(const QDateTime &time, QByteArray line);
    //! Writes everything queued, then `line`, and flushes, on the calling thread.
    void writeNow(const QDateTime &time, const QByteArray &line);
    //! Flushes and closes the file; the next line opens it again by name.
    void reopen();
    void stop();

private:
    void run();
    void writeBatch(const QList<Entry> &batch);
    void report(const Result<void> &result);

    QMutex m_fileMutex;
    std::unique_ptr<RotatingLogFile> m_file; // guarded by m_fileMutex
    bool m_failing = false; // guarded by m_fileMutex

    QMutex m_queueMutex;
    QWaitCondition m_wake;
    QList<Entry> m_queue; // guarded by m_queueMutex, as are the three below
    qint64 m_dropped = 0;
    bool m_accepting = false;
    bool m_stopping = false;

    std::unique_ptr<QThread> m_thread;
};

Result<void> FileSink::start(const LogSettings &settings)
{
    {
        QMutexLocker fileLock(&m_fileMutex);
        auto file = std::make_unique<RotatingLogFile>(settings.dir, settings.maxFileBytes,
                                                      settings.backups);
        if (auto opened = file->open(QDateTime::currentDateTime()); !opened)
            return opened;
        m_file = std::move(file);
        m_failing = false;
    }
    {
        QMutexLocker queueLock(&m_queueMutex);
        m_queue.clear();
        m_dropped = 0;
        m_stopping = false;
        m_accepting = true;
    }
    m_thread.reset(QThread::create([this] { run(); }));
    m_thread->setObjectName(u"im-log-writer"_s);
    m_thread->start();
    return {};
}

void FileSink::post(const QDateTime &time, QByteArray line)
{
    QMutexLocker queueLock(&m_queueMutex);
    if (!m_accepting)
        return;
    // After drops, the notice needs a slot of its own before the line.
    const qsizetype needed = m_dropped > 0 ? 2 : 1;
    if (m_queue.size() + needed > Logging::kQueueCapacity) {
        ++m_dropped;
        return;
    }
    const bool wasEmpty = m_queue.isEmpty();
    if (m_dropped > 0) {
        m_queue.append({ time, droppedNotice(m_dropped, time) });
        m_dropped = 0;
    }
    m_queue.append({ time, std::move(line) });
    // The writer only sleeps on an empty queue.
    if (wasEmpty)
        m_wake.wakeOne();
}

void FileSink::reopen()
{
    QMutexLocker fileLock(&m_fileMutex);
    if (!m_file)
        return;
    report(m_file->flush());
    m_file->reopen();
}

void FileSink::writeNow(const QDateTime &time, const QByteArray &line)
{
    QMutexLocker fileLock(&m_fileMutex);
    QList<Entry> pending;
    {
        QMutexLocker queueLock(&m_queueMutex);
        if (!m_accepting)
            return;
        pending.swap(m_queue);
    }
    pending.append({ time, line });
    writeBatch(pending);
}

void FileSink::stop()
{
    {
        QMutexLocker queueLock(&m_queueMutex);
        if (!m_accepting)
            return;
        if (m_dropped > 0) {
            m_queue.append({ QDateTime::currentDateTime(),
                             droppedNotice(m_dropped, QDateTime::currentDateTime()) });
            m_dropped = 0;
        }
        m_accepting = false;
        m_stopping = true;
        m_wake.wakeAll();
    }
    // The writer drains the queue before it returns.
    m_thread->wait();
    m_thread.reset();
    QMutexLocker fileLock(&m_fileMutex);
    m_file.reset();
}

void FileSink::run()
{
    for (;;) {
        {
            QMutexLocker queueLock(&m_queueMutex);
            while (m_queue.isEmpty() && !m_stopping)
                m_wake.wait(&m_queueMutex);
            if (m_queue.isEmpty())
                return;
        }
        QMutexLocker fileLock(&m_fileMutex);
        QList<Entry> batch;
        {
            QMutexLocker queueLock(&m_queueMutex);
            batch.swap(m_queue);
        }
        writeBatch(batch);
    }
}

void FileSink::writeBatch(const QList<Entry> &batch)
{
    if (!m_file || batch.isEmpty())
        return;
    for (const Entry &entry : batch)
        report(m_file->write(entry.time, entry.line));
    // One flush per batch: under load batches grow and the cost per line shrinks.
    report(m_file->flush());
}

// Straight to stderr: a report through Qt would come back here. Once per failure streak.
void FileSink::report(const Result<void> &result)
{
    if (!result.isOk() && !m_failing) {
        m_failing = true;
        std::fprintf(stderr, "im-server: log file error: %s\n",
                     qUtf8Printable(result.error().message));
    } else if (result.isOk() && m_failing) {
        m_failing = false;
        std::fprintf(stderr, "im-server: log file writable again\n");
    }
}

struct State
{
    QMutex installMutex; // serialises install() and shutdown()
    bool installed = false;
    QtMessageHandler previous = nullptr;
    bool postRoutineAdded = false;
    std::atomic<bool> console { true };
    std::atomic<bool> journal { false };
    FileSink sink;
};

// Never destroyed: a thread still logging while the process exits must not reach a destroyed
// mutex.
State &state()
{
    static State *const s = new State;
    return *s;
}

thread_local bool t_inHandler = false;

void handleMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (t_inHandler) {
        // A message raised while handling one (from Qt internals): print it, never recurse.
        std::fprintf(stderr, "%s\n", qUtf8Printable(redactSecrets(message)));
        return;
    }
    t_inHandler = true;
    const QDateTime now = QDateTime::currentDateTime();
    const QString redacted = redactSecrets(message);
    QByteArray line = Logging::formatLine(type, context, redacted, now).toUtf8();
    line += '\n';
    State &s = state();
    if (s.console.load(std::memory_order_relaxed)) {
        if (s.journal.load(std::memory_order_relaxed)) {
            QByteArray entry = Logging::formatJournalLine(type, context, redacted).toUtf8();
            entry += '\n';
            std::fwrite(entry.constData(), 1, size_t(entry.size()), stderr);
        } else {
            std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
        }
        if (type == QtFatalMsg)
            std::fflush(stderr);
    }
    // Qt aborts as soon as this returns from a fatal message.
    if (type == QtFatalMsg)
        s.sink.writeNow(now, line);
    else
        s.sink.post(now, std::move(line));
    t_inHandler = false;
}

void appendPadded(QString &out, int value, int width)
{
    Q_ASSERT(width <= 4);
    char16_t digits[4] = {};
    value = qAbs(value);
    for (int i = width - 1; i >= 0; --i) {
        digits[i] = char16_t(u'0' + value % 10);
        value /= 10;
    }
    out += QStringView(digits, width);
}

QLatin1StringView levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return "DEBUG"_L1;
    case QtInfoMsg:
        return "INFO"_L1;
    case QtWarningMsg:
        return "WARN"_L1;
    case QtCriticalMsg:
        return "ERROR"_L1;
    case QtFatalMsg:
        return "FATAL"_L1;
    }
    return "ERROR"_L1;
}

// The syslog priorities of sd-daemon.h's SD_DEBUG..SD_CRIT.
int journalPriority(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return 7;
    case QtInfoMsg:
        return 6;
    case QtWarningMsg:
        return 4;
    case QtCriticalMsg:
        return 3;
    case QtFatalMsg:
        return 2;
    }
    return 3;
}

QLatin1StringView categoryName(const QMessageLogContext &context)
{
    return context.category ? QLatin1StringView(context.category) : "default"_L1;
}

// Continuation lines of a multi-line message start with \a continuation, so no line of a message
// can pass for a log line of its own.
void appendMessage(QString &line, const QString &message, const QString &continuation)
{
    if (!message.contains(u'\n') && !message.contains(u'\r')) {
        line += message;
        return;
    }
    QString body = message;
    body.replace(u"\r\n"_s, u"\n"_s);
    body.replace(u'\r', u'\n');
    while (body.endsWith(u'\n'))
        body.chop(1);
    body.replace(u"\n"_s, continuation);
    line += body;
}

} // namespace

QString Logging::formatLine(QtMsgType type, const QMessageLogContext &context,
                            const QString &message, const QDateTime &time)
{
    const QDate date = time.date();
    const QTime clock = time.time();
    QString line;
    line.reserve(64 + message.size());
    line += u'[';
    appendPadded(line, date.year(), 4);
    line += u'-';
    appendPadded(line, date.month(), 2);
    line += u'-';
    appendPadded(line, date.day(), 2);
    line += u' ';
    appendPadded(line, clock.hour(), 2);
    line += u':';
    appendPadded(line, clock.minute(), 2);
    line += u':';
    appendPadded(line, clock.second(), 2);
    line += u'.';
    appendPadded(line, clock.msec(), 3);
    line += "] ["_L1;
    line += levelName(type);
    line += "] ["_L1;
    line += categoryName(context);
    line += "] "_L1;
    appendMessage(line, message, u"\n    "_s);
    return line;
}

QString Logging::formatJournalLine(QtMsgType type, const QMessageLogContext &context,
                                   const QString &message)
{
    // journald reads a leading "<N>" as the syslog priority of the line and stamps it itself.
    const QString priority = u"<%1>"_s.arg(journalPriority(type));
    QString line;
    line.reserve(32 + message.size());
    line += priority;
    line += u'[';
    line += categoryName(context);
    line += "] "_L1;
    // Every line of the message is an entry of its own there: each gets the priority too.
    appendMessage(line, message, u'\n' + priority + u"    "_s);
    return line;
}

Result<void> Logging::install(const LogSettings &settings)
{
    auto rules = categoryFilterRules(settings.defaultLevel, settings.rules);
    if (!rules)
        return rules.error();
    if (settings.file && settings.dir.isEmpty())
        return makeError(ErrorCode::Malformed, u"log directory is not set"_s);

    shutdown();
    State &s = state();
    QMutexLocker lock(&s.installMutex);
    if (settings.file) {
        if (auto started = s.sink.start(settings); !started)
            return started;
    }
    s.console.store(settings.console);
    s.journal.store(settings.journal);
    QLoggingCategory::setFilterRules(rules.value());
    s.previous = qInstallMessageHandler(handleMessage);
    s.installed = true;
    if (!s.postRoutineAdded) {
        // Lines still queued when main() returns without shutdown() are written all the same.
        qAddPostRoutine([] { Logging::shutdown(); });
        s.postRoutineAdded = true;
    }
    return {};
}

void Logging::reopenFiles()
{
    State &s = state();
    QMutexLocker lock(&s.installMutex);
    if (s.installed)
        s.sink.reopen();
}

void Logging::shutdown()
{
    State &s = state();
    QMutexLocker lock(&s.installMutex);
    if (!s.installed)
        return;
    // From here on new messages go to the previous handler; the queue only shrinks.
    qInstallMessageHandler(s.previous);
    s.previous = nullptr;
    s.installed = false;
    s.sink.stop();
}

} // namespace Im::Log
