#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QWidget>

namespace Im::Admin {

class FieldGrid;
class RateChart;

//! The server at a glance (GET /admin/overview): version, uptime, database and Redis health,
//! connections and counters, with charts of the message rates and queue depths over the last
//! 15 minutes.
class OverviewView : public QWidget
{
    Q_OBJECT

public:
    explicit OverviewView(QWidget *parent = nullptr);

    void setOverview(const QJsonObject &overview);
    //! One rates sample (the `sample` event).
    void addSample(const QJsonObject &sample);
    //! The whole history, GET /admin/rates.
    void setRates(const QJsonObject &rates);
    void clear();

    [[nodiscard]] FieldGrid *fields() const { return m_fields; }
    [[nodiscard]] RateChart *ratesChart() const { return m_rates; }
    [[nodiscard]] RateChart *queueChart() const { return m_queues; }

private:
    FieldGrid *m_fields;
    RateChart *m_rates;
    RateChart *m_queues;
};

} // namespace Im::Admin
