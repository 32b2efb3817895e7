#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QWidget>

class QButtonGroup;
class QLabel;

namespace Im::Admin {

class FieldGrid;
class LiveFiguresView;
class RateChart;

//! The server at a glance (GET /admin/overview): the live figures of the latest sample, version,
//! uptime, database and Redis health, connections and counters, and charts of the message rates
//! and queue depths over a window of 1, 5, 15 or 60 minutes (the window buttons), with server
//! restarts marked. While not live, the figures are greyed and the health says "unknown".
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
    //! The minute history, GET /admin/rates?resolution=minute.
    void setMinuteRates(const QJsonObject &rates);
    //! Marks a server restart on the charts.
    void markRestart(const QDateTime &startedAt);
    //! Shows both charts over the last \a minutes (1, 5, 15 or 60).
    void setWindowMinutes(int minutes);
    void setLive(bool live);
    void clear();

    [[nodiscard]] FieldGrid *fields() const { return m_fields; }
    [[nodiscard]] LiveFiguresView *liveFigures() const { return m_figures; }
    [[nodiscard]] RateChart *ratesChart() const { return m_rates; }
    [[nodiscard]] RateChart *queueChart() const { return m_queues; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void showFields();

    LiveFiguresView *m_figures;
    FieldGrid *m_fields;
    QButtonGroup *m_windows;
    QLabel *m_windowLabel;
    QJsonObject m_overview;
    bool m_live = true;
    RateChart *m_rates;
    RateChart *m_queues;
};

} // namespace Im::Admin
