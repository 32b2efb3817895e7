#include "adminapi/intervalfigures.h"

#include <algorithm>
#include <numeric>

using namespace Qt::StringLiterals;

namespace Im::AdminApi {

namespace {

quint64 totalOf(const BucketCounts &counts)
{
    return std::accumulate(counts.begin(), counts.end(), quint64(0));
}

void addInto(BucketCounts &into, const BucketCounts &more)
{
    if (into.size() < more.size())
        into.resize(more.size(), 0);
    for (std::size_t i = 0; i < more.size(); ++i)
        into[i] += more[i];
}

QJsonValue msOrNull(const std::optional<double> &ms)
{
    // Whole microseconds are plenty, and keep the JSON short.
    return ms ? QJsonValue(std::round(*ms * 1000.0) / 1000.0) : QJsonValue(QJsonValue::Null);
}

} // namespace

std::optional<double> quantileMs(const std::vector<double> &upperBounds, const BucketCounts &counts,
                                 double q)
{
    const quint64 total = totalOf(counts);
    if (total == 0 || upperBounds.empty())
        return std::nullopt;
    const double rank = std::clamp(q, 0.0, 1.0) * double(total);
    double below = 0;
    for (std::size_t i = 0; i < counts.size(); ++i) {
        const double inBucket = double(counts[i]);
        if (inBucket > 0 && below + inBucket >= rank) {
            if (i >= upperBounds.size())
                return upperBounds.back() * 1000.0;
            const double lower = i == 0 ? 0.0 : upperBounds[i - 1];
            const double fraction = (rank - below) / inBucket;
            return (lower + (upperBounds[i] - lower) * fraction) * 1000.0;
        }
        below += inBucket;
    }
    return upperBounds.back() * 1000.0;
}

HistogramDelta::HistogramDelta(const Metrics::Histogram &histogram)
    : m_histogram(histogram)
    , m_previous(histogram.snapshot().cumulativeCounts)
{ }

BucketCounts HistogramDelta::take()
{
    const std::vector<quint64> now = m_histogram.snapshot().cumulativeCounts;
    BucketCounts counts(now.size(), 0);
    quint64 previousCumulative = 0;
    quint64 nowCumulative = 0;
    for (std::size_t i = 0; i < now.size(); ++i) {
        // Back from cumulative to per bucket, then the difference since the previous read.
        const quint64 nowBucket = now[i] - nowCumulative;
        const quint64 previousBucket = m_previous[i] - previousCumulative;
        counts[i] = nowBucket >= previousBucket ? nowBucket - previousBucket : 0;
        nowCumulative = now[i];
        previousCumulative = m_previous[i];
    }
    m_previous = now;
    return counts;
}

const std::vector<double> &HistogramDelta::upperBounds() const
{
    return m_histogram.upperBounds();
}

void IntervalFigures::merge(const IntervalFigures &later)
{
    seconds += later.seconds;
    samples += later.samples;
    messages += later.messages;
    pushes += later.pushes;
    acks += later.acks;
    timeouts += later.timeouts;
    errors += later.errors;
    addInto(sendToPush, later.sendToPush);
    addInto(sendToAck, later.sendToAck);
    addInto(pushToAck, later.pushToAck);
    connections = later.connections;
    maxQueued = std::max(maxQueued, later.maxQueued);
    maxInFlight = std::max(maxInFlight, later.maxInFlight);
    maxWriterWaiting = std::max(maxWriterWaiting, later.maxWriterWaiting);
}

QJsonObject IntervalFigures::ratesJson(const std::vector<double> &upperBounds) const
{
    const double span = std::max(seconds, 0.001);
    const auto perSecond = [span](qint64 count) { return double(count) / span; };
    return QJsonObject {
        { u"messagesPerSecond"_s, perSecond(messages) },
        { u"pushesPerSecond"_s, perSecond(pushes) },
        { u"acksPerSecond"_s, perSecond(acks) },
        { u"timeoutsPerSecond"_s, perSecond(timeouts) },
        { u"errorsPerSecond"_s, perSecond(errors) },
        { u"sendToPushP50Ms"_s, msOrNull(quantileMs(upperBounds, sendToPush, 0.5)) },
        { u"sendToPushP99Ms"_s, msOrNull(quantileMs(upperBounds, sendToPush, 0.99)) },
        { u"sendToAckP50Ms"_s, msOrNull(quantileMs(upperBounds, sendToAck, 0.5)) },
        { u"sendToAckP99Ms"_s, msOrNull(quantileMs(upperBounds, sendToAck, 0.99)) },
        { u"pushToAckP50Ms"_s, msOrNull(quantileMs(upperBounds, pushToAck, 0.5)) },
        { u"pushToAckP99Ms"_s, msOrNull(quantileMs(upperBounds, pushToAck, 0.99)) },
        { u"sendToPushCount"_s, qint64(totalOf(sendToPush)) },
        { u"sendToAckCount"_s, qint64(totalOf(sendToAck)) },
        { u"pushToAckCount"_s, qint64(totalOf(pushToAck)) },
    };
}

} // namespace Im::AdminApi
