#pragma once

#include <QtGlobal>

#include <vector>

namespace Im::Bench {

//! Latencies in nanoseconds, kept whole so percentiles are exact (a run holds at most a few
//! million samples).
class LatencySamples
{
public:
    void add(qint64 nanoseconds)
    {
        m_samples.push_back(nanoseconds);
        m_sorted = false;
    }
    [[nodiscard]] qsizetype count() const { return qsizetype(m_samples.size()); }
    //! The nearest-rank percentile, \a p in 0..100, in milliseconds; 0 without samples.
    [[nodiscard]] double percentileMs(double p) const;
    [[nodiscard]] double maxMs() const { return percentileMs(100); }

private:
    mutable std::vector<qint64> m_samples;
    mutable bool m_sorted = true;
};

} // namespace Im::Bench
