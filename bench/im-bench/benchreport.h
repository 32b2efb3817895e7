#pragma once

#include "latencysamples.h"

#include <QMap>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <optional>

namespace Im::Bench {

//! The figures of one run, filled in by LoadRun and printed at its end.
struct BenchReport
{
    // What ran.
    QString server;
    int users = 0;
    int messagesPerUser = 0;
    double groupShare = 0;
    int groupSize = 0;
    int groups = 0;
    int concurrency = 0;

    // Set-up, in seconds.
    double registerSeconds = 0;
    double connectSeconds = 0;
    double groupSeconds = 0;

    // Sends: from the first send to the last ack.
    qint64 sends = 0;
    qint64 groupSends = 0;
    qint64 acked = 0;
    qint64 refused = 0; //!< acked with a status other than 200
    qint64 timedOut = 0;
    qint64 unanswered = 0; //!< the socket failed before the ack, or before the send
    QMap<QString, qint64> refusals; //!< "status message" -> count
    double sendSeconds = 0;
    LatencySamples ackLatency;

    // Deliveries: from the first send to the last expected push.
    qint64 expectedDeliveries = 0;
    qint64 deliveries = 0;
    qint64 missing = 0;
    qint64 duplicates = 0;
    qint64 unexpected = 0;
    qint64 mismatched = 0;
    qint64 ofFailedSends = 0;
    double deliverySeconds = 0;
    LatencySamples deliveryLatency;

    QStringList socketFailures;
    std::optional<double> benchCpuSeconds; //!< over the send and delivery phase
    std::optional<double> serverCpuSeconds; //!< when the bench started the server

    [[nodiscard]] bool passed() const;
};

//! Prints \a report for a person: set-up, throughput, latency percentiles, what went wrong.
void printReport(QTextStream &out, const BenchReport &report);

} // namespace Im::Bench
