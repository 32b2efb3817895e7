#pragma once

#include <QtGlobal>

#include <optional>

namespace Im::Bench {

//! CPU seconds (user + system) this process has used so far.
[[nodiscard]] double ownCpuSeconds();
//! CPU seconds (user + system) process \a pid has used so far, from /proc; nullopt when unknown.
[[nodiscard]] std::optional<double> processCpuSeconds(qint64 pid);
//! The resident set size of process \a pid in KiB (VmRSS in /proc); nullopt when unknown.
[[nodiscard]] std::optional<qint64> processRssKiB(qint64 pid);

} // namespace Im::Bench
