#pragma once

#include <QString>
#include <QtGlobal>

namespace Im::Log {

//! What Logging::install() needs; the application fills it from its ServerConfig so this module
//! does not depend on the config module.
struct LogSettings
{
    //! Directory of the log files; created if missing. Required when `file` is on.
    QString dir;
    //! Level of the `im.*` and `admin.*` categories: debug, info, warning or critical.
    QString defaultLevel = QStringLiteral("info");
    //! Per-category levels, e.g. "im.store=debug;im.http=warning" (wildcards such as `im.*`).
    QString rules;
    bool console = true;
    //! stderr is the systemd journal (stderrIsJournal()): console lines carry the journal's
    //! priority prefix instead of a timestamp and a level name.
    bool journal = false;
    bool file = true;
    //! A file of the current hour that would grow past this is rolled into a numbered backup;
    //! 0 or less disables rolling by size.
    qint64 maxFileBytes = 10 * 1024 * 1024;
    //! How many older files (earlier hours and numbered backups) are kept in the directory.
    int backups = 3;
};

} // namespace Im::Log
