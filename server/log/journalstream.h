#pragma once

namespace Im::Log {

//! Whether this process's stderr is connected to the systemd journal: systemd sets
//! `JOURNAL_STREAM=<device>:<inode>` for a service whose output goes there, and the descriptor
//! must still be that stream (a shell redirect of a child started from the service would not be).
[[nodiscard]] bool stderrIsJournal();

} // namespace Im::Log
