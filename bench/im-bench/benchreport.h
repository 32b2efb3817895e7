#pragma once

#include "latencysamples.h"

#include <QMap>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <optional>

namespace Im::Bench {

//! The catch-up scenario's figures (CatchUpScenario fills them, LoadRun adds the others'
//! latencies while it ran).
struct CatchUpFigures
{
    int messages = 0; //!< the backlog asked for
    int window = 0; //!< backlog sends in flight while filling
    qint64 stored = 0; //!< backlog sends acked 200
    qint64 fillFailed = 0;
    QMap<QString, qint64> fillRefusals; //!< "status message" -> count
    double fillSeconds = 0;
    double connectedAfterSeconds = 0; //!< from the start of the chat phase
    double seconds = 0; //!< from connecting to the last backlog message
    qint64 received = 0;
    qint64 missing = 0;
    qint64 duplicates = 0;
    qint64 outOfOrder = 0;
    qint64 unexpected = 0;
    qint64 earlier = 0; //!< pushes of messages from earlier runs, acked and not counted
    bool complete = false;
    QString socketFailure;
    // The chat's sends made while the device caught up.
    LatencySamples othersAckLatency;
    LatencySamples othersPushLatency;

    [[nodiscard]] bool passed() const
    {
        return fillFailed == 0 && missing == 0 && duplicates == 0 && outOfOrder == 0
            && unexpected == 0 && socketFailure.isEmpty();
    }
};

//! The figures of one run, filled in by LoadRun and printed at its end.
struct BenchReport
{
    // What ran.
    QString server;
    QString accountSource; //!< "registered", "logged in" or "prepared and logged in"
    int users = 0;
    int devices = 1; //!< sockets per user
    int messagesPerUser = 0;
    double groupShare = 0;
    int groupSize = 0;
    int groups = 0;
    int concurrency = 0; //!< closed loop: sends in flight per sender
    double rate = 0; //!< open loop: offered sends a second; 0 for the closed loop
    int maxOutstanding = 0; //!< open loop: sends awaiting their ack before more are dropped

    // Set-up, in seconds.
    double accountsSeconds = 0;
    double connectSeconds = 0;
    //! The server's resident memory (the started server, or --server-pid) before the sockets
    //! connected and once all of them had, in KiB.
    std::optional<qint64> serverRssBeforeSocketsKiB;
    std::optional<qint64> serverRssWithSocketsKiB;
    qint64 sockets = 0;
    //! What each connected socket added to the server's resident memory, in KiB.
    [[nodiscard]] std::optional<double> serverKiBPerSocket() const;
    double groupSeconds = 0;

    // Sends: from the first send to the last ack.
    qint64 sends = 0; //!< emitted
    qint64 groupSends = 0;
    qint64 acked = 0;
    qint64 refused = 0; //!< acked with a status other than 200
    qint64 timedOut = 0;
    qint64 unanswered = 0; //!< the socket failed before the ack, or before the send
    qint64 dropped = 0; //!< open loop: not emitted, too many awaiting their ack
    QMap<QString, qint64> refusals; //!< "status message" -> count
    double sendSeconds = 0;
    double scheduleSeconds = 0; //!< open loop: the due time of the last send
    double maxSendLagMs = 0; //!< open loop: latest emission after its due time
    LatencySamples ackLatency;

    // Deliveries (one per receiving device): from the first send to the last expected push.
    qint64 expectedDeliveries = 0;
    qint64 deliveries = 0;
    qint64 missing = 0;
    qint64 duplicates = 0;
    qint64 unexpected = 0;
    qint64 mismatched = 0;
    qint64 ofFailedSends = 0;
    qint64 echoes = 0; //!< pushes back to the sending device (see DeliveryLedger::Outcome::Echo)
    qint64 earlier = 0; //!< pushes of messages from earlier runs, acked and not counted
    double deliverySeconds = 0;
    LatencySamples deliveryLatency;

    std::optional<CatchUpFigures> catchUp;

    QStringList socketFailures;
    QStringList oddPushes; //!< the first unexpected or mismatched pushes, for a failure report
    // CPU over the send and delivery phase.
    double measuredSeconds = 0;
    std::optional<double> benchCpuSeconds;
    std::optional<double> serverCpuSeconds; //!< the started server, or --server-pid
    std::optional<double> databaseCpuSeconds; //!< --db-pid

    [[nodiscard]] qint64 offered() const { return sends + dropped; }
    [[nodiscard]] bool passed() const;
    //! CPU microseconds per acked message of \a seconds, when both are known.
    [[nodiscard]] std::optional<double> microsecondsPerMessage(std::optional<double> seconds) const;
};

//! Prints \a report for a person: set-up, throughput, latency percentiles, what went wrong.
void printReport(QTextStream &out, const BenchReport &report);

} // namespace Im::Bench
