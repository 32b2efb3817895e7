#include "openloopschedule.h"

#include <algorithm>
#include <cmath>

namespace Im::Bench {

OpenLoopSchedule::OpenLoopSchedule(double ratePerSecond, qint64 total)
    : m_rate(ratePerSecond)
    , m_total(total)
{ }

qint64 OpenLoopSchedule::dueNs(qint64 k) const
{
    // Computed from k, not accumulated, so rounding never drifts over a long run.
    return qint64(std::llround(double(k) * 1e9 / m_rate));
}

qint64 OpenLoopSchedule::dueBy(qint64 elapsedNs) const
{
    if (elapsedNs < 0)
        return 0;
    const auto due = qint64(std::floor(double(elapsedNs) * m_rate / 1e9)) + 1;
    // Guard the floating-point edge: the answer must agree with dueNs().
    qint64 k = std::clamp<qint64>(due, 0, m_total);
    while (k > 0 && dueNs(k - 1) > elapsedNs)
        --k;
    while (k < m_total && dueNs(k) <= elapsedNs)
        ++k;
    return k;
}

} // namespace Im::Bench
