#include "benchreport.h"

using namespace Qt::StringLiterals;

namespace Im::Bench {

namespace {

QString rate(qint64 count, double seconds)
{
    return seconds > 0 ? QString::number(double(count) / seconds, 'f', 1) : u"-"_s;
}

QString latencyLine(const LatencySamples &samples)
{
    const auto ms = [&samples](double p) {
        return QString::number(samples.percentileMs(p), 'f', 2);
    };
    return u"p50 %1 ms   p90 %2 ms   p99 %3 ms   max %4 ms   (%5 samples)"_s
        .arg(ms(50), ms(90), ms(99), QString::number(samples.maxMs(), 'f', 2))
        .arg(samples.count());
}

} // namespace

bool BenchReport::passed() const
{
    return refused == 0 && timedOut == 0 && unanswered == 0 && missing == 0 && unexpected == 0
        && mismatched == 0 && socketFailures.isEmpty();
}

void printReport(QTextStream &out, const BenchReport &report)
{
    out << "\nim-bench against " << report.server << '\n'
        << "  " << report.users << " users x " << report.messagesPerUser << " messages, "
        << report.concurrency << " in flight per sender, "
        << QString::number(report.groupShare * 100, 'f', 0) << "% to " << report.groups
        << " groups of up to " << report.groupSize << '\n'
        << "  set-up: registered in " << QString::number(report.registerSeconds, 'f', 2)
        << " s, sockets connected in " << QString::number(report.connectSeconds, 'f', 2)
        << " s, groups created in " << QString::number(report.groupSeconds, 'f', 2) << " s\n\n";

    out << "sends          " << report.acked << " acked of " << report.sends << " ("
        << report.groupSends << " to groups) in " << QString::number(report.sendSeconds, 'f', 2)
        << " s = " << rate(report.acked, report.sendSeconds) << " msg/s\n"
        << "  send->ack    " << latencyLine(report.ackLatency) << '\n';
    if (report.refused + report.timedOut + report.unanswered > 0) {
        out << "  FAILED       " << report.refused << " refused, " << report.timedOut
            << " timed out, " << report.unanswered << " unanswered or unsent (socket lost)\n";
        for (auto it = report.refusals.cbegin(); it != report.refusals.cend(); ++it)
            out << "               " << it.value() << " x " << it.key() << '\n';
    }

    out << "deliveries     " << report.deliveries << " of " << report.expectedDeliveries
        << " expected in " << QString::number(report.deliverySeconds, 'f', 2)
        << " s = " << rate(report.deliveries, report.deliverySeconds) << " pushes/s\n"
        << "  send->push   " << latencyLine(report.deliveryLatency) << '\n'
        << "  missing " << report.missing << ", duplicates " << report.duplicates << ", unexpected "
        << report.unexpected << ", mismatched " << report.mismatched << ", of failed sends "
        << report.ofFailedSends << '\n';
    for (const QString &failure : report.socketFailures)
        out << "  socket lost: " << failure << '\n';

    if (report.benchCpuSeconds) {
        out << "cpu            im-bench " << QString::number(*report.benchCpuSeconds, 'f', 2)
            << " s";
        if (report.serverCpuSeconds)
            out << ", im-server " << QString::number(*report.serverCpuSeconds, 'f', 2) << " s";
        out << " over " << QString::number(report.deliverySeconds, 'f', 2) << " s\n";
    }
    out << "result         " << (report.passed() ? "PASS" : "FAIL") << Qt::endl;
}

} // namespace Im::Bench
