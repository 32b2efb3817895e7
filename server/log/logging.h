#pragma once

#include "im/result.h"
#include "log/logsettings.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QString>

namespace Im::Log {

//! Category of the logging module itself ("im.log").
Q_DECLARE_LOGGING_CATEGORY(lcLog)

//! The process-wide Qt message handler of the server. Every qCDebug/qCInfo/qCWarning/
//! qCCritical/qFatal in the process ends up here once installed: the line is formatted as
//! `[yyyy-MM-dd hh:mm:ss.zzz] [LEVEL] [category] message`, secrets are masked (redactSecrets()),
//! then it is written to stderr (when `console`; formatJournalLine() when stderr is the journal)
//! and queued for a writer thread that owns the RotatingLogFile (when `file`), so no logging
//! thread ever waits for the disk.
//!
//! The queue is bounded (kQueueCapacity lines). When it is full, lines for the file are dropped
//! and counted, and a WARN line "N log lines dropped" is written as soon as there is room again.
//! A fatal message is written and flushed synchronously, with every line queued before it,
//! before Qt aborts. File errors are reported once on stderr (not through Qt, which would
//! recurse) until the file works again.
//!
//! install() and shutdown() are meant for the main thread at start and end of the process; the
//! handler itself may be called from any thread at any time, also during shutdown().
class Logging
{
public:
    //! Lines the writer queue holds before it drops.
    static constexpr qsizetype kQueueCapacity = 10000;

    Logging() = delete;

    //! Applies the category filter rules, opens the log file of the current hour (creating the
    //! directory) and starts the writer, then installs the handler. A second install() shuts
    //! the first down and replaces it. On error (bad level or rule, no directory, file not
    //! writable) the handler is not installed; invalid settings leave an earlier install() as is.
    static Result<void> install(const LogSettings &settings);

    //! Closes the log file and opens it again by name, for log rotation by another program
    //! (SIGHUP). No-op without install().
    static void reopenFiles();

    //! Restores the handler that was installed before install(), writes every queued line,
    //! flushes and closes the file and joins the writer thread. Safe to call twice, without
    //! install(), and after a failed install(). Also run when the QCoreApplication is destroyed.
    static void shutdown();

    //! One log line without the trailing newline. A category-less context shows as `default`;
    //! continuation lines of a multi-line message are indented so no line of a message can pass
    //! for a log line of its own. The message is taken as is (no redaction here).
    [[nodiscard]] static QString formatLine(QtMsgType type, const QMessageLogContext &context,
                                            const QString &message, const QDateTime &time);
    //! The console line when stderr is the systemd journal (LogSettings::journal):
    //! `<N>[category] message`, where N is the syslog priority of \a type (debug 7, info 6,
    //! warning 4, critical 3, fatal 2) and no timestamp, since the journal keeps its own. Each
    //! continuation line carries the priority too.
    [[nodiscard]] static QString
    formatJournalLine(QtMsgType type, const QMessageLogContext &context, const QString &message);
};

} // namespace Im::Log
