#pragma once

#include "metrics/snapshot.h"

#include <QByteArray>

namespace Im::Metrics {

//! The Content-Type of renderTextFormat()'s output.
inline constexpr char textFormatContentType[] = "text/plain; version=0.0.4; charset=utf-8";

//! \a families in the Prometheus text exposition format, version 0.0.4: `# HELP` and `# TYPE`
//! per family, one line per sample, histograms as cumulative `_bucket{le}` lines then `_sum` and
//! `_count`.
[[nodiscard]] QByteArray renderTextFormat(const QList<FamilySnapshot> &families);

//! A sample value as the format spells it: shortest round-trip decimal, `+Inf`, `-Inf`, `NaN`.
[[nodiscard]] QByteArray formatValue(double value);

} // namespace Im::Metrics
