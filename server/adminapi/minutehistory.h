#pragma once

#include "adminapi/intervalfigures.h"

#include <QDateTime>
#include <QJsonArray>

#include <deque>

namespace Im::AdminApi {

//! The rate samples merged per UTC minute, the last 24 hours kept (1 440 minutes, bounded memory
//! whatever the sample interval). Network thread.
class MinuteHistory
{
public:
    explicit MinuteHistory(std::vector<double> latencyBounds);

    //! Adds a sample that ended at \a at; a sample in a new minute closes the previous one.
    void add(const QDateTime &at, const IntervalFigures &figures);
    //! The closed minutes, oldest first, then the minute in progress (`complete: false`). Each is
    //! IntervalFigures::ratesJson() with `{at (the minute's start), complete, seconds, samples,
    //! messages, pushes, acks, timeouts, errors, connections, maxQueued, maxInFlight,
    //! maxWriterWaiting}`.
    [[nodiscard]] QJsonArray toJson() const;

    static constexpr std::size_t capacity = 24 * 60;

private:
    struct Minute
    {
        QDateTime start;
        IntervalFigures figures;
    };
    [[nodiscard]] QJsonObject minuteJson(const Minute &minute, bool complete) const;

    const std::vector<double> m_bounds;
    std::deque<Minute> m_closed;
    Minute m_open;
};

} // namespace Im::AdminApi
