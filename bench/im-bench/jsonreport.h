#pragma once

#include "benchoptions.h"
#include "benchreport.h"

#include <QJsonObject>
#include <QString>

namespace Im::Bench {

//! The whole run as one JSON object, for scripts that collect runs: the options (without the
//! password), counts, rates, latency percentiles in milliseconds, CPU and the catch-up figures.
[[nodiscard]] QJsonObject reportJson(const BenchOptions &options, const BenchReport &report);

//! Writes reportJson() to \a path; false with \a error set when it cannot.
[[nodiscard]] bool writeJsonReport(const QString &path, const BenchOptions &options,
                                   const BenchReport &report, QString *error);

} // namespace Im::Bench
