#include "latencysamples.h"

#include <algorithm>
#include <cmath>

namespace Im::Bench {

double LatencySamples::percentileMs(double p) const
{
    if (m_samples.empty())
        return 0;
    if (!m_sorted) {
        std::sort(m_samples.begin(), m_samples.end());
        m_sorted = true;
    }
    const double rank = std::ceil(std::clamp(p, 0.0, 100.0) / 100.0 * double(m_samples.size()));
    const size_t index = size_t(std::max(rank, 1.0)) - 1;
    return double(m_samples[index]) / 1e6;
}

} // namespace Im::Bench
