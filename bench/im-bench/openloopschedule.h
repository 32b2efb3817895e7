#pragma once

#include <QtGlobal>

namespace Im::Bench {

//! The fixed send times of an open-loop run: send k of \a total is due k / rate seconds after the
//! start, whatever the server answers, so a slow server shows as latency measured from the due
//! time (queueing included) instead of slowing the senders down (coordinated omission).
class OpenLoopSchedule
{
public:
    OpenLoopSchedule(double ratePerSecond, qint64 total);

    [[nodiscard]] qint64 total() const { return m_total; }
    //! When send \a k is due, in nanoseconds after the start.
    [[nodiscard]] qint64 dueNs(qint64 k) const;
    //! How many sends are due \a elapsedNs after the start (at most total()).
    [[nodiscard]] qint64 dueBy(qint64 elapsedNs) const;
    [[nodiscard]] double rate() const { return m_rate; }

private:
    double m_rate;
    qint64 m_total;
};

} // namespace Im::Bench
