#include "adminapi/minutehistory.h"

using namespace Qt::StringLiterals;

namespace Im::AdminApi {

namespace {

QDateTime minuteOf(const QDateTime &at)
{
    const QDateTime utc = at.toUTC();
    return QDateTime(utc.date(), QTime(utc.time().hour(), utc.time().minute()), Qt::UTC);
}

} // namespace

MinuteHistory::MinuteHistory(std::vector<double> latencyBounds)
    : m_bounds(std::move(latencyBounds))
{ }

void MinuteHistory::add(const QDateTime &at, const IntervalFigures &figures)
{
    const QDateTime minute = minuteOf(at);
    if (m_open.start.isValid() && m_open.start != minute) {
        m_closed.push_back(m_open);
        while (m_closed.size() > capacity)
            m_closed.pop_front();
        m_open = {};
    }
    if (!m_open.start.isValid())
        m_open.start = minute;
    m_open.figures.merge(figures);
}

QJsonArray MinuteHistory::toJson() const
{
    QJsonArray minutes;
    for (const Minute &minute : m_closed)
        minutes.append(minuteJson(minute, true));
    if (m_open.start.isValid())
        minutes.append(minuteJson(m_open, false));
    return minutes;
}

QJsonObject MinuteHistory::minuteJson(const Minute &minute, bool complete) const
{
    const IntervalFigures &figures = minute.figures;
    QJsonObject json = figures.ratesJson(m_bounds);
    json.insert(u"at"_s, minute.start.toString(Qt::ISODateWithMs));
    json.insert(u"complete"_s, complete);
    json.insert(u"seconds"_s, figures.seconds);
    json.insert(u"samples"_s, figures.samples);
    json.insert(u"messages"_s, figures.messages);
    json.insert(u"pushes"_s, figures.pushes);
    json.insert(u"acks"_s, figures.acks);
    json.insert(u"timeouts"_s, figures.timeouts);
    json.insert(u"errors"_s, figures.errors);
    json.insert(u"connections"_s, figures.connections);
    json.insert(u"maxQueued"_s, figures.maxQueued);
    json.insert(u"maxInFlight"_s, figures.maxInFlight);
    json.insert(u"maxWriterWaiting"_s, figures.maxWriterWaiting);
    return json;
}

} // namespace Im::AdminApi
