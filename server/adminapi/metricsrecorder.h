#pragma once

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <deque>

namespace Im::Messaging {
class DeliveryHub;
class MessageWriter;
struct QueueStats;
struct WriterStats;
} // namespace Im::Messaging

namespace Im::AdminApi {

//! The admin console's rate history: every `interval` it samples the messages stored, pushed and
//! acknowledged per second since the previous sample, the delivering sockets, the queue depths
//! and the writer's last batch, and keeps the last 15 minutes. Network thread.
class MetricsRecorder : public QObject
{
    Q_OBJECT
public:
    MetricsRecorder(const Messaging::DeliveryHub &hub, const Messaging::MessageWriter &writer,
                    std::chrono::seconds interval, QObject *parent = nullptr);

    //! `{intervalSeconds, samples: [...]}`, oldest sample first (`GET /api/v1/admin/rates`).
    [[nodiscard]] QJsonObject toJson() const;

Q_SIGNALS:
    //! One sample was taken: `{at, messagesPerSecond, pushesPerSecond, acksPerSecond,
    //! connections, queued, inFlight, writerWaiting, lastBatchSize, lastCommitMs}`.
    void sampled(const QJsonObject &sample);

private:
    struct Counters
    {
        qint64 messages = 0;
        qint64 pushed = 0;
        qint64 acked = 0;
    };

    void takeSample();
    [[nodiscard]] static Counters countersOf(const Messaging::QueueStats &totals,
                                             const Messaging::WriterStats &writer);

    const Messaging::DeliveryHub &m_hub;
    const Messaging::MessageWriter &m_writer;
    const std::chrono::seconds m_interval;
    const std::size_t m_capacity;
    std::deque<QJsonObject> m_samples;
    Counters m_previous;
    QElapsedTimer m_sincePrevious;
    QTimer m_timer;
};

} // namespace Im::AdminApi
