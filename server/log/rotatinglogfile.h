#pragma once

#include "im/result.h"

#include <QByteArrayView>
#include <QDateTime>
#include <QFile>
#include <QString>

namespace Im::Log {

//! The log file of the original server (log4js "dateFile" with pattern `yyyy-MM-dd-hh`, always
//! included, plus `maxLogSize`/`numBackups`): lines go to `<dir>/log.<yyyy-MM-dd-hh>.log` for the
//! local hour of the time passed in. When a line would take the current hour's file past
//! `maxBytes`, the file is first rolled into `….log.1` (older numbered backups of the hour move
//! up by one: `.1` is always the newest). Whenever a file is opened or rolled, the files of
//! earlier hours and the numbered backups together are pruned to `backups`, oldest first. Only
//! names of exactly that shape are ever renamed or deleted; anything else in `dir` is left alone.
//!
//! Not thread-safe: one writer owns it. The clock is a parameter so tests can drive it. Writes are
//! buffered until flush().
class RotatingLogFile
{
public:
    //! `maxBytes` <= 0 disables rolling by size; `backups` < 0 counts as 0.
    RotatingLogFile(QString dir, qint64 maxBytes, int backups);
    ~RotatingLogFile();
    Q_DISABLE_COPY_MOVE(RotatingLogFile)

    //! Makes the file of `now`'s hour the open one (creating the directory if missing), without
    //! writing. write() does this itself; calling it early surfaces a bad directory at startup.
    Result<void> open(const QDateTime &now);
    //! Appends `line` (the caller supplies the trailing newline), switching hour or rolling first
    //! when needed. A failed open is retried on the next write.
    Result<void> write(const QDateTime &now, QByteArrayView line);
    //! Hands buffered bytes to the operating system.
    Result<void> flush();
    //! Closes the file; the next write() opens it again by name (after logrotate moved it away).
    void reopen();

    //! Path of the open file; empty when none is open.
    [[nodiscard]] QString currentPath() const;
    //! `log.<yyyy-MM-dd-hh>.log` for `now`'s local hour.
    [[nodiscard]] static QString fileNameFor(const QDateTime &now);

private:
    Result<void> openCurrent();
    Result<void> rollBySize();
    void prune();
    [[nodiscard]] QString pathFor(const QString &stamp, int index = 0) const;

    QString m_dir;
    qint64 m_maxBytes;
    int m_backups;
    QFile m_file;
    QString m_stamp; //!< Hour (`yyyy-MM-dd-hh`) of m_file, or of the last failed open.
    // The span of wall-clock time, in ms since the epoch, that maps to m_stamp; lets write()
    // skip the date formatting for every line of the same hour.
    qint64 m_hourStartMs = 0;
    qint64 m_hourEndMs = 0;
    qint64 m_size = 0;
};

} // namespace Im::Log
