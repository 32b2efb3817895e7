#pragma once

#include "metrics/histogram.h"

#include <QJsonObject>

#include <optional>
#include <vector>

namespace Im::AdminApi {

//! Per-bucket counts (not cumulative) of what a histogram observed over an interval.
using BucketCounts = std::vector<quint64>;

//! The \a q quantile (0..1), in milliseconds, of \a counts over \a upperBounds (seconds, +Inf
//! implied): linear within the bucket it falls in, as Prometheus' histogram_quantile; a quantile
//! in the +Inf bucket is the highest finite bound. nullopt when nothing was observed.
[[nodiscard]] std::optional<double> quantileMs(const std::vector<double> &upperBounds,
                                               const BucketCounts &counts, double q);

//! Reads a cumulative histogram and hands out what it observed since the previous read.
class HistogramDelta
{
public:
    explicit HistogramDelta(const Metrics::Histogram &histogram);
    [[nodiscard]] BucketCounts take();
    [[nodiscard]] const std::vector<double> &upperBounds() const;

private:
    const Metrics::Histogram &m_histogram;
    std::vector<quint64> m_previous; //!< cumulative
};

//! What the server did over one interval (a sample, or a minute of samples merged): counts,
//! latency buckets and the highest queue depths.
struct IntervalFigures
{
    double seconds = 0;
    int samples = 0;
    qint64 messages = 0; //!< stored
    qint64 pushes = 0;
    qint64 acks = 0;
    qint64 timeouts = 0; //!< pushes whose ack did not come in time
    qint64 errors = 0; //!< failed write batches plus pushes acked with a failure
    BucketCounts sendToPush;
    BucketCounts sendToAck;
    BucketCounts pushToAck;
    qint64 connections = 0; //!< at the end of the interval
    qint64 maxQueued = 0;
    qint64 maxInFlight = 0;
    qint64 maxWriterWaiting = 0;

    //! Adds \a later (the next interval) to this one.
    void merge(const IntervalFigures &later);
    //! `{messagesPerSecond, pushesPerSecond, acksPerSecond, timeoutsPerSecond, errorsPerSecond,
    //! sendToPushP50Ms, sendToPushP99Ms, sendToAckP50Ms, sendToAckP99Ms, pushToAckP50Ms,
    //! pushToAckP99Ms (null when none), sendToPushCount, sendToAckCount, pushToAckCount}`.
    [[nodiscard]] QJsonObject ratesJson(const std::vector<double> &upperBounds) const;
};

} // namespace Im::AdminApi
