#include "adminapi/metricsrecorder.h"

#include "messaging/deliveryhub.h"
#include "messaging/messagewriter.h"

#include <QDateTime>
#include <QJsonArray>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace Im::AdminApi {

namespace {

// How far back the history reaches.
constexpr std::chrono::seconds historySpan = 15min;

} // namespace

MetricsRecorder::MetricsRecorder(const Messaging::DeliveryHub &hub,
                                 const Messaging::MessageWriter &writer,
                                 std::chrono::seconds interval, QObject *parent)
    : QObject(parent)
    , m_hub(hub)
    , m_writer(writer)
    , m_interval(std::max(interval, 1s))
    , m_capacity(std::size_t(std::max<qint64>(1, historySpan / m_interval)))
    , m_previous(countersOf(hub.totals(), writer.stats()))
{
    m_sincePrevious.start();
    connect(&m_timer, &QTimer::timeout, this, &MetricsRecorder::takeSample);
    m_timer.start(m_interval);
}

QJsonObject MetricsRecorder::toJson() const
{
    QJsonArray samples;
    for (const QJsonObject &sample : m_samples)
        samples.append(sample);
    return QJsonObject { { u"intervalSeconds"_s, qint64(m_interval.count()) },
                         { u"samples"_s, samples } };
}

MetricsRecorder::Counters MetricsRecorder::countersOf(const Messaging::QueueStats &totals,
                                                      const Messaging::WriterStats &writer)
{
    return { writer.messages, totals.pushed, totals.acked };
}

void MetricsRecorder::takeSample()
{
    const Messaging::QueueStats totals = m_hub.totals();
    const Messaging::WriterStats writer = m_writer.stats();
    const Counters now = countersOf(totals, writer);
    // The timer may fire late on a busy loop: rates use the time that really passed.
    const double seconds = double(std::max(m_sincePrevious.restart(), qint64(1))) / 1000.0;
    const auto perSecond = [seconds](qint64 current, qint64 previous) {
        return double(current - previous) / seconds;
    };
    const QJsonObject sample {
        { u"at"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) },
        { u"messagesPerSecond"_s, perSecond(now.messages, m_previous.messages) },
        { u"pushesPerSecond"_s, perSecond(now.pushed, m_previous.pushed) },
        { u"acksPerSecond"_s, perSecond(now.acked, m_previous.acked) },
        { u"connections"_s, m_hub.channels().size() },
        { u"queued"_s, totals.queued },
        { u"inFlight"_s, totals.inFlight },
        { u"writerWaiting"_s, writer.waiting },
        { u"lastBatchSize"_s, writer.lastBatchSize },
        { u"lastCommitMs"_s, writer.lastCommitMs },
    };
    m_previous = now;
    m_samples.push_back(sample);
    while (m_samples.size() > m_capacity)
        m_samples.pop_front();
    Q_EMIT sampled(sample);
}

} // namespace Im::AdminApi
