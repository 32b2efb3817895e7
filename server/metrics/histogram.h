#pragma once

#include <QtGlobal>

#include <atomic>
#include <memory>
#include <vector>

namespace Im::Metrics {

//! Observations counted into fixed buckets (Prometheus' histogram). observe() is lock-free: one
//! relaxed increment and one add to the sum, so it costs the same on any thread.
class Histogram
{
public:
    //! \a upperBounds: strictly increasing and finite; +Inf is implied.
    explicit Histogram(std::vector<double> upperBounds);

    void observe(double value);

    struct Snapshot
    {
        std::vector<double> upperBounds;
        std::vector<quint64> cumulativeCounts; //!< one per bound, then +Inf (== count)
        double sum = 0;
        [[nodiscard]] quint64 count() const { return cumulativeCounts.back(); }
    };
    //! The counts as of now. Taken without a lock, so a concurrent observe() may show in the sum
    //! and not yet in a bucket: harmless for rates, and the count always equals the +Inf bucket.
    [[nodiscard]] Snapshot snapshot() const;

    [[nodiscard]] const std::vector<double> &upperBounds() const { return m_bounds; }

private:
    const std::vector<double> m_bounds;
    std::unique_ptr<std::atomic<quint64>[]> m_counts; //!< per bucket, not cumulative
    std::atomic<double> m_sum { 0 };
};

//! Bucket sets shared by the server's histograms.
namespace Buckets {
//! Durations in seconds, 1 ms to 30 s (HTTP long-polls wait up to the ping interval).
[[nodiscard]] std::vector<double> latencySeconds();
//! Batch sizes, powers of two up to the writer's largest batch (256).
[[nodiscard]] std::vector<double> batchSizes();
} // namespace Buckets

} // namespace Im::Metrics
