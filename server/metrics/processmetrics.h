#pragma once

#include <QtGlobal>

#include <optional>

namespace Im::Metrics {

class Registry;

//! This process's figures from /proc/self (Linux), as Prometheus' client libraries name them.
struct ProcessFigures
{
    double cpuSeconds = 0; //!< user + system
    double residentBytes = 0;
    double virtualBytes = 0;
    double startTimeSeconds = 0; //!< since the Unix epoch
    double openFds = 0;
    double maxFds = 0;
};

//! Reads the figures now: a few small reads of /proc, cheap enough for every scrape. nullopt when
//! /proc cannot be read (not Linux, or a sandbox without it).
[[nodiscard]] std::optional<ProcessFigures> readProcessFigures();

//! Registers `process_cpu_seconds_total`, `process_resident_memory_bytes`,
//! `process_virtual_memory_bytes`, `process_start_time_seconds`, `process_open_fds` and
//! `process_max_fds`; each scrape reads /proc once for all of them.
void addProcessMetrics(Registry &registry);

} // namespace Im::Metrics
