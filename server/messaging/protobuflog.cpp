#include "messaging/protobuflog.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QMutex>

#include <google/protobuf/stubs/logging.h>

namespace Im::Messaging {

namespace {

Q_LOGGING_CATEGORY(lcProtobuf, "im.protobuf")

// A client can make libprotobuf log one line per bad payload: the budget keeps such a stream
// from filling the log (and the disk) while still showing that it happens.
struct Budget
{
    QMutex mutex;
    QElapsedTimer window;
    int maxPerMinute = 0;
    int usedInWindow = 0;
    qint64 suppressed = 0;
};

Budget &budget()
{
    static Budget instance;
    return instance;
}

void handleProtobufLog(google::protobuf::LogLevel level, const char *filename, int line,
                       const std::string &message)
{
    const QString text = QString::fromStdString(message).trimmed();
    if (level == google::protobuf::LOGLEVEL_FATAL) {
        qCCritical(lcProtobuf).noquote() << text << "(" << filename << ':' << line << ")";
        return;
    }
    qint64 suppressedBefore = 0;
    bool withinBudget = false;
    {
        Budget &b = budget();
        QMutexLocker locker(&b.mutex);
        if (!b.window.isValid() || b.window.elapsed() >= 60000) {
            b.window.start();
            b.usedInWindow = 0;
            suppressedBefore = std::exchange(b.suppressed, 0);
        }
        withinBudget = b.usedInWindow < b.maxPerMinute;
        if (withinBudget)
            ++b.usedInWindow;
        else
            ++b.suppressed;
    }
    if (suppressedBefore > 0) {
        qCWarning(lcProtobuf) << suppressedBefore
                              << "libprotobuf log lines suppressed in the previous minute";
    }
    if (!withinBudget)
        return;
    // Messages name the type and missing fields, never field values: nothing to redact.
    switch (level) {
    case google::protobuf::LOGLEVEL_INFO:
        qCDebug(lcProtobuf).noquote() << text;
        break;
    case google::protobuf::LOGLEVEL_WARNING:
        qCInfo(lcProtobuf).noquote() << text;
        break;
    default:
        // LOGLEVEL_ERROR: a malformed payload from a client, which the caller already answers.
        qCWarning(lcProtobuf).noquote() << text;
        break;
    }
}

} // namespace

void installProtobufLogHandler(int maxLinesPerMinute)
{
    {
        Budget &b = budget();
        QMutexLocker locker(&b.mutex);
        b.maxPerMinute = std::max(0, maxLinesPerMinute);
    }
    google::protobuf::SetLogHandler(&handleProtobufLog);
}

} // namespace Im::Messaging
