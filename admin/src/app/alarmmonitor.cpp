#include "app/alarmmonitor.h"

#include <QDateTime>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace Im::Admin {

AlarmMonitor::AlarmMonitor(QObject *parent)
    : QObject(parent)
{ }

void AlarmMonitor::addSample(const QJsonObject &sample)
{
    const QDateTime at = QDateTime::fromString(sample.value(u"at"_s).toString(), Qt::ISODateWithMs);
    if (!at.isValid())
        return;
    const qint64 ms = at.toMSecsSinceEpoch();
    add(m_delivery, ms,
        sample.value(u"queued"_s).toDouble() + sample.value(u"inFlight"_s).toDouble());
    add(m_writer, ms, sample.value(u"writerWaiting"_s).toDouble());
    update();
}

void AlarmMonitor::setOverview(const QJsonObject &overview)
{
    m_databaseDown =
        overview.value(u"database"_s).toObject().value(u"status"_s).toString() == "down"_L1;
    update();
}

void AlarmMonitor::clear()
{
    m_delivery = {};
    m_writer = {};
    m_databaseDown = false;
    update();
}

void AlarmMonitor::add(Series &series, qint64 at, double value)
{
    if (!series.points.isEmpty() && at <= series.points.last().first)
        return;
    series.points.append({ at, value });
    // One period and a step more is all a check needs.
    const qint64 keep = m_periodMs + m_periodMs / checkpoints;
    while (series.points.size() > 2 && series.points.first().first < at - keep)
        series.points.removeFirst();
}

std::optional<QPair<double, double>> AlarmMonitor::sustainedGrowth(const Series &series) const
{
    if (series.points.size() < 2)
        return std::nullopt;
    const qint64 newest = series.points.last().first;
    if (newest - series.points.first().first < m_periodMs)
        return std::nullopt; // not watched long enough yet
    // The value at each checkpoint (the latest sample at or before it): a rising staircase, so a
    // burst that drains again raises nothing, but a steady climb with jitter does.
    double previous = -1;
    double first = 0;
    for (int step = checkpoints; step >= 0; --step) {
        const qint64 checkpoint = newest - m_periodMs * step / checkpoints;
        double value = series.points.first().second;
        for (const auto &point : series.points) {
            if (point.first > checkpoint)
                break;
            value = point.second;
        }
        if (step == checkpoints)
            first = value;
        else if (value <= previous)
            return std::nullopt;
        previous = value;
    }
    return QPair<double, double>(first, previous);
}

void AlarmMonitor::update()
{
    QStringList alarms;
    const QLocale locale;
    const qint64 seconds = m_periodMs / 1000;
    if (m_databaseDown)
        alarms.append(tr("The database is down."));
    if (const auto growth = sustainedGrowth(m_delivery))
        alarms.append(tr("Delivery queue growing: %1 → %2 messages waiting in %3 s.")
                          .arg(locale.toString(qint64(growth->first)),
                               locale.toString(qint64(growth->second)))
                          .arg(seconds));
    if (const auto growth = sustainedGrowth(m_writer))
        alarms.append(tr("Database writer falling behind: %1 → %2 messages waiting in %3 s.")
                          .arg(locale.toString(qint64(growth->first)),
                               locale.toString(qint64(growth->second)))
                          .arg(seconds));
    if (alarms != m_alarms) {
        m_alarms = alarms;
        Q_EMIT alarmsChanged(m_alarms);
    }
}

} // namespace Im::Admin
