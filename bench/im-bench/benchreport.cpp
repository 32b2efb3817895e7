#include "benchreport.h"

using namespace Qt::StringLiterals;

namespace Im::Bench {

namespace {

QString rate(qint64 count, double seconds)
{
    return seconds > 0 ? QString::number(double(count) / seconds, 'f', 1) : u"-"_s;
}

QString fixed(double value, int decimals = 2)
{
    return QString::number(value, 'f', decimals);
}

QString latencyLine(const LatencySamples &samples)
{
    const auto ms = [&samples](double p) { return fixed(samples.percentileMs(p)); };
    return u"p50 %1 ms   p90 %2 ms   p99 %3 ms   p99.9 %4 ms   max %5 ms   (%6 samples)"_s
        .arg(ms(50), ms(90), ms(99), ms(99.9), fixed(samples.maxMs()))
        .arg(samples.count());
}

void printRefusals(QTextStream &out, const QMap<QString, qint64> &refusals)
{
    for (auto it = refusals.cbegin(); it != refusals.cend(); ++it)
        out << "               " << it.value() << " x " << it.key() << '\n';
}

void printCatchUp(QTextStream &out, const CatchUpFigures &catchUp)
{
    out << "catch-up       " << catchUp.stored << " of " << catchUp.messages
        << " messages stored for an offline device in " << fixed(catchUp.fillSeconds) << " s ("
        << catchUp.window << " in flight)\n";
    printRefusals(out, catchUp.fillRefusals);
    out << "  connected    " << fixed(catchUp.connectedAfterSeconds) << " s into the chat phase; "
        << catchUp.received << " received in " << fixed(catchUp.seconds)
        << " s = " << rate(catchUp.received, catchUp.seconds) << " msg/s"
        << (catchUp.complete ? "" : " (INCOMPLETE)") << '\n'
        << "  missing " << catchUp.missing << ", duplicates " << catchUp.duplicates
        << ", out of order " << catchUp.outOfOrder << ", unexpected " << catchUp.unexpected
        << ", earlier runs' " << catchUp.earlier << '\n'
        << "  others meanwhile\n"
        << "    send->ack  " << latencyLine(catchUp.othersAckLatency) << '\n'
        << "    send->push " << latencyLine(catchUp.othersPushLatency) << '\n';
    if (!catchUp.socketFailure.isEmpty())
        out << "  socket lost: " << catchUp.socketFailure << '\n';
}

void printMemory(QTextStream &out, const BenchReport &report)
{
    const auto perSocket = report.serverKiBPerSocket();
    if (!perSocket)
        return;
    out << "memory         im-server " << fixed(double(*report.serverRssBeforeSocketsKiB) / 1024, 1)
        << " MiB before the sockets, " << fixed(double(*report.serverRssWithSocketsKiB) / 1024, 1)
        << " MiB with " << report.sockets << ": " << fixed(*perSocket, 2) << " KiB per socket\n";
}

void printCpu(QTextStream &out, const BenchReport &report)
{
    if (!report.benchCpuSeconds)
        return;
    out << "cpu            im-bench " << fixed(*report.benchCpuSeconds) << " s";
    if (report.serverCpuSeconds)
        out << ", im-server " << fixed(*report.serverCpuSeconds) << " s";
    if (report.databaseCpuSeconds)
        out << ", database " << fixed(*report.databaseCpuSeconds) << " s";
    out << " over " << fixed(report.measuredSeconds) << " s\n";
    const auto server = report.microsecondsPerMessage(report.serverCpuSeconds);
    const auto database = report.microsecondsPerMessage(report.databaseCpuSeconds);
    if (server || database) {
        out << "  per message ";
        if (server)
            out << " im-server " << fixed(*server, 1) << " us";
        if (database)
            out << (server ? ", " : " ") << "database " << fixed(*database, 1) << " us";
        if (server && database)
            out << ", together " << fixed(*server + *database, 1) << " us";
        out << '\n';
    }
}

} // namespace

bool BenchReport::passed() const
{
    return refused == 0 && timedOut == 0 && unanswered == 0 && dropped == 0 && missing == 0
        && unexpected == 0 && mismatched == 0 && echoes == 0 && socketFailures.isEmpty()
        && (!catchUp || catchUp->passed());
}

std::optional<double> BenchReport::microsecondsPerMessage(std::optional<double> seconds) const
{
    if (!seconds || acked == 0)
        return std::nullopt;
    return *seconds * 1e6 / double(acked);
}

std::optional<double> BenchReport::serverKiBPerSocket() const
{
    if (!serverRssBeforeSocketsKiB || !serverRssWithSocketsKiB || sockets == 0)
        return std::nullopt;
    return double(*serverRssWithSocketsKiB - *serverRssBeforeSocketsKiB) / double(sockets);
}

void printReport(QTextStream &out, const BenchReport &report)
{
    out << "\nim-bench against " << report.server << '\n'
        << "  " << report.users << " users (" << report.accountSource << ") x " << report.devices
        << " device(s) x " << report.messagesPerUser << " messages, ";
    if (report.rate > 0) {
        out << "open loop at " << fixed(report.rate, 1) << " msg/s offered (at most "
            << report.maxOutstanding << " awaiting their ack), ";
    } else {
        out << report.concurrency << " in flight per sender, ";
    }
    out << fixed(report.groupShare * 100, 0) << "% to " << report.groups << " groups of up to "
        << report.groupSize << '\n'
        << "  set-up: accounts in " << fixed(report.accountsSeconds) << " s, sockets connected in "
        << fixed(report.connectSeconds) << " s, groups created in " << fixed(report.groupSeconds)
        << " s\n\n";

    out << "sends          " << report.acked << " acked of " << report.sends << " ("
        << report.groupSends << " to groups) in " << fixed(report.sendSeconds)
        << " s = " << rate(report.acked, report.sendSeconds) << " msg/s achieved\n";
    if (report.rate > 0) {
        out << "  offered      " << report.offered() << " over " << fixed(report.scheduleSeconds)
            << " s = " << rate(report.offered(), report.scheduleSeconds)
            << " msg/s; latest emission " << fixed(report.maxSendLagMs)
            << " ms after its due time (latencies count from the due time)\n";
    }
    out << "  send->ack    " << latencyLine(report.ackLatency) << '\n';
    if (report.refused + report.timedOut + report.unanswered + report.dropped > 0) {
        out << "  FAILED       " << report.refused << " refused, " << report.timedOut
            << " timed out, " << report.unanswered << " unanswered or unsent (socket lost), "
            << report.dropped << " dropped (too many awaiting their ack)\n";
        printRefusals(out, report.refusals);
    }

    out << "deliveries     " << report.deliveries << " of " << report.expectedDeliveries
        << " expected (one per device) in " << fixed(report.deliverySeconds)
        << " s = " << rate(report.deliveries, report.deliverySeconds) << " pushes/s\n"
        << "  send->push   " << latencyLine(report.deliveryLatency) << '\n'
        << "  missing " << report.missing << ", duplicates " << report.duplicates << ", unexpected "
        << report.unexpected << ", mismatched " << report.mismatched << ", of failed sends "
        << report.ofFailedSends << ", back to the sending device " << report.echoes
        << ", earlier runs' " << report.earlier << '\n';
    for (const QString &failure : report.socketFailures)
        out << "  socket lost: " << failure << '\n';
    for (const QString &push : report.oddPushes)
        out << "  odd push:    " << push << '\n';

    if (report.catchUp)
        printCatchUp(out, *report.catchUp);
    printMemory(out, report);
    printCpu(out, report);
    out << "result         " << (report.passed() ? "PASS" : "FAIL") << Qt::endl;
}

} // namespace Im::Bench
