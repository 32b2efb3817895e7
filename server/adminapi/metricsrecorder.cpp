#include "adminapi/metricsrecorder.h"

#include "adminapi/serveridentity.h"
#include "im/deliveryhub.h"
#include "im/messagewriter.h"

#include <QDateTime>
#include <QJsonArray>

#include <algorithm>
#include <tuple>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace Im::AdminApi {

namespace {

// How far back the samples reach (the minutes reach 24 hours).
constexpr std::chrono::seconds historySpan = 15min;

} // namespace

MetricsRecorder::MetricsRecorder(const Core::DeliveryHub &hub, const Core::MessageWriter &writer,
                                 std::chrono::seconds interval, QObject *parent)
    : QObject(parent)
    , m_hub(hub)
    , m_writer(writer)
    , m_interval(std::max(interval, 1s))
    , m_capacity(std::size_t(std::max<qint64>(1, historySpan / m_interval)))
    , m_minutes(hub.latency().sendToAck.upperBounds())
    , m_sendToPush(hub.latency().sendToPush)
    , m_sendToAck(hub.latency().sendToAck)
    , m_pushToAck(hub.latency().pushToAck)
    , m_previous(countersOf(hub.totals(), writer.stats()))
{
    // Made now, so its start time is the server's, not the first console's visit.
    std::ignore = ServerIdentity::process();
    m_sincePrevious.start();
    connect(&m_timer, &QTimer::timeout, this, &MetricsRecorder::takeSample);
    m_timer.start(m_interval);
}

QJsonObject MetricsRecorder::toJson(Resolution resolution) const
{
    QJsonObject json = ServerIdentity::process().toJson();
    if (resolution == Resolution::Minute) {
        json.insert(u"resolution"_s, u"minute"_s);
        json.insert(u"intervalSeconds"_s, 60);
        json.insert(u"samples"_s, m_minutes.toJson());
        return json;
    }
    QJsonArray samples;
    for (const QJsonObject &sample : m_samples)
        samples.append(sample);
    json.insert(u"resolution"_s, u"second"_s);
    json.insert(u"intervalSeconds"_s, qint64(m_interval.count()));
    json.insert(u"samples"_s, samples);
    return json;
}

MetricsRecorder::Counters MetricsRecorder::countersOf(const Core::QueueStats &totals,
                                                      const Core::WriterStats &writer)
{
    return { writer.messages, totals.pushed, totals.acked, totals.timedOut,
             writer.failedBatches + totals.failed };
}

void MetricsRecorder::takeSample()
{
    const Core::QueueStats totals = m_hub.totals();
    const Core::WriterStats writer = m_writer.stats();
    const Counters now = countersOf(totals, writer);
    const QDateTime at = QDateTime::currentDateTimeUtc();
    IntervalFigures figures;
    // The timer may fire late on a busy loop: rates use the time that really passed.
    figures.seconds = double(std::max(m_sincePrevious.restart(), qint64(1))) / 1000.0;
    figures.samples = 1;
    figures.messages = now.messages - m_previous.messages;
    figures.pushes = now.pushed - m_previous.pushed;
    figures.acks = now.acked - m_previous.acked;
    figures.timeouts = now.timedOut - m_previous.timedOut;
    figures.errors = now.errors - m_previous.errors;
    figures.sendToPush = m_sendToPush.take();
    figures.sendToAck = m_sendToAck.take();
    figures.pushToAck = m_pushToAck.take();
    figures.connections = m_hub.channelCount();
    figures.maxQueued = totals.queued;
    figures.maxInFlight = totals.inFlight;
    figures.maxWriterWaiting = writer.waiting;
    m_previous = now;

    QJsonObject sample = figures.ratesJson(m_sendToAck.upperBounds());
    sample.insert(u"at"_s, at.toString(Qt::ISODateWithMs));
    sample.insert(u"connections"_s, figures.connections);
    sample.insert(u"queued"_s, totals.queued);
    sample.insert(u"inFlight"_s, totals.inFlight);
    sample.insert(u"writerWaiting"_s, writer.waiting);
    sample.insert(u"lastBatchSize"_s, writer.lastBatchSize);
    sample.insert(u"lastCommitMs"_s, writer.lastCommitMs);
    m_samples.push_back(sample);
    while (m_samples.size() > m_capacity)
        m_samples.pop_front();
    m_minutes.add(at, figures);
    Q_EMIT sampled(sample);
}

} // namespace Im::AdminApi
