#include "metrics/histogram.h"

#include <algorithm>

namespace Im::Metrics {

Histogram::Histogram(std::vector<double> upperBounds)
    : m_bounds(std::move(upperBounds))
    , m_counts(std::make_unique<std::atomic<quint64>[]>(m_bounds.size() + 1))
{
    Q_ASSERT(std::is_sorted(m_bounds.begin(), m_bounds.end()));
    Q_ASSERT(std::adjacent_find(m_bounds.begin(), m_bounds.end()) == m_bounds.end());
}

void Histogram::observe(double value)
{
    // Buckets are "less or equal" (le); NaN lands in +Inf, as lower_bound finds no place for it.
    const auto bucket =
        std::size_t(std::lower_bound(m_bounds.begin(), m_bounds.end(), value) - m_bounds.begin());
    m_counts[bucket].fetch_add(1, std::memory_order_relaxed);
    m_sum.fetch_add(value, std::memory_order_relaxed);
}

Histogram::Snapshot Histogram::snapshot() const
{
    Snapshot snapshot;
    snapshot.upperBounds = m_bounds;
    snapshot.cumulativeCounts.reserve(m_bounds.size() + 1);
    quint64 running = 0;
    for (std::size_t i = 0; i <= m_bounds.size(); ++i) {
        running += m_counts[i].load(std::memory_order_relaxed);
        snapshot.cumulativeCounts.push_back(running);
    }
    snapshot.sum = m_sum.load(std::memory_order_relaxed);
    return snapshot;
}

namespace Buckets {

std::vector<double> latencySeconds()
{
    return { 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30 };
}

std::vector<double> batchSizes()
{
    return { 1, 2, 4, 8, 16, 32, 64, 128, 256 };
}

} // namespace Buckets

} // namespace Im::Metrics
