#pragma once

#include "latencysamples.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

namespace Im::Bench {

//! Which pushes a run expects (one per receiving device of each sent message) and which came:
//! every push is matched to its message by msgId, so the send→delivery latency is measured on
//! the receiving side and nothing missing, doubled or misaddressed goes unnoticed. Receivers are
//! device keys (the run's socket indices), so each device of a user is counted on its own.
class DeliveryLedger
{
public:
    enum class Outcome {
        Expected, //!< the first push of the message to this receiver
        Duplicate, //!< this receiver had it already
        Unexpected, //!< unknown message, or a user that should not get it
        Mismatched, //!< the push's sender or group differs from what was sent
        OfFailedSend, //!< a push of a message whose send failed or timed out
        //! Back to the device that sent it: the server must not (the client would drop it by
        //! msgId, but it costs a push and an ack); fails the run.
        Echo,
    };

    //! Message \a msgId, sent at \a sentNs by user \a sender from device \a origin (to \a groupId,
    //! or 0), should reach each device of \a receivers once. The latencies of \a marked messages
    //! are also kept apart.
    void expect(const QString &msgId, qint64 sentNs, qint64 sender, qint64 origin, qint64 groupId,
                const QList<qint64> &receivers, bool marked = false);
    //! The send failed: its pushes are no longer expected (one may still come if it timed out).
    void cancel(const QString &msgId);
    //! A push of \a msgId to \a receiver at \a nowNs, claiming \a sender and \a groupId.
    Outcome record(const QString &msgId, qint64 receiver, qint64 sender, qint64 groupId,
                   qint64 nowNs);

    [[nodiscard]] qint64 expected() const { return m_expected; }
    [[nodiscard]] qint64 outstanding() const { return m_outstanding; }
    [[nodiscard]] qint64 count(Outcome outcome) const { return m_counts.value(outcome); }
    [[nodiscard]] const LatencySamples &latency() const { return m_latency; }
    [[nodiscard]] const LatencySamples &markedLatency() const { return m_markedLatency; }

private:
    struct Entry
    {
        qint64 sentNs = 0;
        qint64 sender = 0;
        qint64 origin = 0;
        qint64 groupId = 0;
        QSet<qint64> receivers;
        QSet<qint64> awaiting;
        bool canceled = false;
        bool marked = false;
    };

    QHash<QString, Entry> m_entries;
    QHash<Outcome, qint64> m_counts;
    LatencySamples m_latency;
    LatencySamples m_markedLatency;
    qint64 m_expected = 0;
    qint64 m_outstanding = 0;
};

} // namespace Im::Bench
