#include "jsonreport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace Im::Bench {

namespace {

QJsonValue orNull(std::optional<double> value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

QJsonValue rate(qint64 count, double seconds)
{
    return seconds > 0 ? QJsonValue(double(count) / seconds) : QJsonValue(QJsonValue::Null);
}

QJsonObject latency(const LatencySamples &samples)
{
    return { { u"samples"_s, samples.count() },         { u"p50"_s, samples.percentileMs(50) },
             { u"p90"_s, samples.percentileMs(90) },    { u"p99"_s, samples.percentileMs(99) },
             { u"p999"_s, samples.percentileMs(99.9) }, { u"max"_s, samples.maxMs() } };
}

QJsonObject counts(const QMap<QString, qint64> &byKey)
{
    QJsonObject object;
    for (auto it = byKey.cbegin(); it != byKey.cend(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

QJsonObject optionsJson(const BenchOptions &options)
{
    QJsonObject serverEnvironment;
    for (auto it = options.serverEnvironment.cbegin(); it != options.serverEnvironment.cend();
         ++it) {
        // A password among the settings stays out of a file meant to be shared.
        serverEnvironment.insert(it.key(),
                                 it.key().contains(u"PASS"_s) ? u"(hidden)"_s : it.value());
    }
    return {
        { u"url"_s, options.url.toString() },
        { u"startServer"_s, options.serverBinary },
        { u"serverEnvironment"_s, serverEnvironment },
        { u"users"_s, options.users },
        { u"devices"_s, options.devices },
        { u"messagesPerUser"_s, options.messagesPerUser },
        { u"groupShare"_s, options.groupShare },
        { u"groupSize"_s, options.groupSize },
        { u"concurrency"_s, options.concurrency },
        { u"rate"_s, options.rate },
        { u"maxOutstanding"_s, options.maxOutstanding },
        { u"ackTimeoutMs"_s, options.ackTimeoutMs },
        { u"drainTimeoutMs"_s, options.drainTimeoutMs },
        { u"seed"_s, qint64(options.seed) },
        { u"loginBase"_s, options.loginBase },
        { u"loginCount"_s, options.loginCount },
        { u"prepareAccounts"_s, options.prepareAccounts },
        { u"catchUp"_s, options.catchUp },
        { u"catchUpWindow"_s, options.catchUpWindow },
        { u"catchUpAfterMs"_s, options.catchUpAfterMs },
        { u"serverPid"_s, options.serverPid },
        { u"dbPid"_s, options.databasePid },
    };
}

QJsonObject catchUpJson(const CatchUpFigures &catchUp)
{
    return {
        { u"messages"_s, catchUp.messages },
        { u"window"_s, catchUp.window },
        { u"stored"_s, catchUp.stored },
        { u"fillFailed"_s, catchUp.fillFailed },
        { u"fillRefusals"_s, counts(catchUp.fillRefusals) },
        { u"fillSeconds"_s, catchUp.fillSeconds },
        { u"connectedAfterSeconds"_s, catchUp.connectedAfterSeconds },
        { u"seconds"_s, catchUp.seconds },
        { u"rate"_s, rate(catchUp.received, catchUp.seconds) },
        { u"received"_s, catchUp.received },
        { u"missing"_s, catchUp.missing },
        { u"duplicates"_s, catchUp.duplicates },
        { u"outOfOrder"_s, catchUp.outOfOrder },
        { u"unexpected"_s, catchUp.unexpected },
        { u"earlier"_s, catchUp.earlier },
        { u"complete"_s, catchUp.complete },
        { u"socketFailure"_s, catchUp.socketFailure },
        { u"othersSendToAck"_s, latency(catchUp.othersAckLatency) },
        { u"othersSendToPush"_s, latency(catchUp.othersPushLatency) },
        { u"passed"_s, catchUp.passed() },
    };
}

} // namespace

QJsonObject reportJson(const BenchOptions &options, const BenchReport &report)
{
    const auto perMessage = [&report](std::optional<double> seconds) {
        return orNull(report.microsecondsPerMessage(seconds));
    };
    std::optional<double> together;
    if (report.serverCpuSeconds && report.databaseCpuSeconds)
        together = *report.serverCpuSeconds + *report.databaseCpuSeconds;
    QJsonObject json {
        { u"tool"_s, u"im-bench"_s },
        { u"server"_s, report.server },
        { u"options"_s, optionsJson(options) },
        { u"mode"_s, report.rate > 0 ? u"open-loop"_s : u"closed-loop"_s },
        { u"accountSource"_s, report.accountSource },
        { u"groups"_s, report.groups },
        { u"setup"_s,
          QJsonObject { { u"accountsSeconds"_s, report.accountsSeconds },
                        { u"connectSeconds"_s, report.connectSeconds },
                        { u"groupSeconds"_s, report.groupSeconds } } },
        { u"sends"_s,
          QJsonObject {
              { u"offered"_s, report.offered() },
              { u"sent"_s, report.sends },
              { u"groupSends"_s, report.groupSends },
              { u"acked"_s, report.acked },
              { u"refused"_s, report.refused },
              { u"timedOut"_s, report.timedOut },
              { u"unanswered"_s, report.unanswered },
              { u"dropped"_s, report.dropped },
              { u"refusals"_s, counts(report.refusals) },
              { u"seconds"_s, report.sendSeconds },
              { u"offeredRate"_s,
                report.rate > 0 ? rate(report.offered(), report.scheduleSeconds)
                                : QJsonValue(QJsonValue::Null) },
              { u"achievedRate"_s, rate(report.acked, report.sendSeconds) },
              { u"scheduleSeconds"_s, report.scheduleSeconds },
              { u"maxSendLagMs"_s, report.maxSendLagMs },
          } },
        { u"deliveries"_s,
          QJsonObject {
              { u"expected"_s, report.expectedDeliveries },
              { u"received"_s, report.deliveries },
              { u"missing"_s, report.missing },
              { u"duplicates"_s, report.duplicates },
              { u"unexpected"_s, report.unexpected },
              { u"mismatched"_s, report.mismatched },
              { u"ofFailedSends"_s, report.ofFailedSends },
              { u"echoes"_s, report.echoes },
              { u"earlier"_s, report.earlier },
              { u"seconds"_s, report.deliverySeconds },
              { u"rate"_s, rate(report.deliveries, report.deliverySeconds) },
          } },
        { u"latencyMs"_s,
          QJsonObject { { u"sendToAck"_s, latency(report.ackLatency) },
                        { u"sendToPush"_s, latency(report.deliveryLatency) } } },
        { u"cpu"_s,
          QJsonObject {
              { u"measuredSeconds"_s, report.measuredSeconds },
              { u"benchSeconds"_s, orNull(report.benchCpuSeconds) },
              { u"serverSeconds"_s, orNull(report.serverCpuSeconds) },
              { u"databaseSeconds"_s, orNull(report.databaseCpuSeconds) },
              { u"serverUsPerMessage"_s, perMessage(report.serverCpuSeconds) },
              { u"databaseUsPerMessage"_s, perMessage(report.databaseCpuSeconds) },
              { u"totalUsPerMessage"_s, perMessage(together) },
          } },
        { u"memory"_s,
          QJsonObject {
              { u"sockets"_s, report.sockets },
              { u"serverBeforeSocketsKiB"_s, orNull(report.serverRssBeforeSocketsKiB) },
              { u"serverWithSocketsKiB"_s, orNull(report.serverRssWithSocketsKiB) },
              { u"serverKiBPerSocket"_s, orNull(report.serverKiBPerSocket()) },
          } },
        { u"catchUp"_s,
          report.catchUp ? QJsonValue(catchUpJson(*report.catchUp))
                         : QJsonValue(QJsonValue::Null) },
        { u"socketFailures"_s, QJsonArray::fromStringList(report.socketFailures) },
        { u"oddPushes"_s, QJsonArray::fromStringList(report.oddPushes) },
        { u"passed"_s, report.passed() },
    };
    return json;
}

bool writeJsonReport(const QString &path, const BenchOptions &options, const BenchReport &report,
                     QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)
        || file.write(QJsonDocument(reportJson(options, report)).toJson()) < 0 || !file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace Im::Bench
