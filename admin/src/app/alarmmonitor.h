#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QStringList>

namespace Im::Admin {

//! Raises the alarms an operator must not miss from the rates samples and the overview: a
//! delivery queue (queued + in flight) or the database writer's backlog that kept growing for a
//! sustained period (every checkpoint of the period higher than the one before), and the
//! database down. alarmsChanged() reports the current alarms, human-readable.
class AlarmMonitor : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 defaultPeriodMs = 60 * 1000;
    //! The period is split into this many steps; each must end higher than the previous.
    static constexpr int checkpoints = 6;

    explicit AlarmMonitor(QObject *parent = nullptr);

    //! How long a queue must grow before it raises an alarm (tests shorten it).
    void setPeriodMs(qint64 periodMs) { m_periodMs = periodMs; }
    void addSample(const QJsonObject &sample);
    void setOverview(const QJsonObject &overview);
    void clear();
    [[nodiscard]] const QStringList &alarms() const { return m_alarms; }

Q_SIGNALS:
    void alarmsChanged(const QStringList &alarms);

private:
    struct Series
    {
        QList<QPair<qint64, double>> points; //!< (ms since epoch, value), oldest first
    };
    //! The growth over the period (first, last) if \a series grew at every checkpoint.
    [[nodiscard]] std::optional<QPair<double, double>> sustainedGrowth(const Series &series) const;
    void add(Series &series, qint64 at, double value);
    void update();

    qint64 m_periodMs = defaultPeriodMs;
    Series m_delivery;
    Series m_writer;
    bool m_databaseDown = false;
    QStringList m_alarms;
};

} // namespace Im::Admin
