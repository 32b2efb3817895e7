#pragma once

#include "adminapi/intervalfigures.h"
#include "adminapi/minutehistory.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <deque>

namespace Im::Core {
class MessageWriter;
struct QueueStats;
struct WriterStats;
class DeliveryHub;
} // namespace Im::Core

namespace Im::AdminApi {

//! The admin console's rate history: every `interval` it samples what happened since the previous
//! sample (messages stored, pushed, acknowledged, timeouts and errors per second, the send → push,
//! send → ack and push → ack p50/p99 from the delivery path's histograms), the delivering sockets,
//! the queue depths and the writer's last batch. It keeps the samples of the last 15 minutes and
//! the samples merged per minute for 24 hours. Network thread.
class MetricsRecorder : public QObject
{
    Q_OBJECT
public:
    MetricsRecorder(const Core::DeliveryHub &hub, const Core::MessageWriter &writer,
                    std::chrono::seconds interval, QObject *parent = nullptr);

    enum class Resolution { Sample, Minute };

    //! `{resolution: "second" | "minute", intervalSeconds, instanceId, startedAt, node,
    //! samples: [...]}`, oldest first (`GET /api/v1/admin/rates[?resolution=minute]`); minute
    //! entries are MinuteHistory::toJson()'s.
    [[nodiscard]] QJsonObject toJson(Resolution resolution = Resolution::Sample) const;

Q_SIGNALS:
    //! One sample was taken: `{at, connections, queued, inFlight, writerWaiting, lastBatchSize,
    //! lastCommitMs}` with IntervalFigures::ratesJson()'s fields.
    void sampled(const QJsonObject &sample);

private:
    struct Counters
    {
        qint64 messages = 0;
        qint64 pushed = 0;
        qint64 acked = 0;
        qint64 timedOut = 0;
        qint64 errors = 0;
    };

    void takeSample();
    [[nodiscard]] static Counters countersOf(const Core::QueueStats &totals,
                                             const Core::WriterStats &writer);

    const Core::DeliveryHub &m_hub;
    const Core::MessageWriter &m_writer;
    const std::chrono::seconds m_interval;
    const std::size_t m_capacity;
    std::deque<QJsonObject> m_samples;
    MinuteHistory m_minutes;
    HistogramDelta m_sendToPush;
    HistogramDelta m_sendToAck;
    HistogramDelta m_pushToAck;
    Counters m_previous;
    QElapsedTimer m_sincePrevious;
    QTimer m_timer;
};

} // namespace Im::AdminApi
