#pragma once

#include <QChartView>
#include <QJsonArray>
#include <QJsonObject>

class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace Im::Admin {

//! One line of a RateChart: a numeric field of the rates samples.
struct ChartLine
{
    QString field;
    //! Marked with QT_TRANSLATE_NOOP("Im::Admin::RateChart", ...).
    const char *title = "";
};

//! A small line chart over the rates samples of GET /admin/rates (`at` plus numeric fields), the
//! last 15 minutes. addSample() appends a sample (older or repeated ones are ignored),
//! setSamples() replaces the history.
class RateChart : public QChartView
{
    Q_OBJECT

public:
    static constexpr qint64 windowMs = 15 * 60 * 1000;

    //! \a title is marked like ChartLine::title.
    RateChart(const char *title, QList<ChartLine> lines, QWidget *parent = nullptr);

    void addSample(const QJsonObject &sample);
    void setSamples(const QJsonArray &samples);
    void clear();

    //! Points in the chart (the same for every line).
    [[nodiscard]] int sampleCount() const;
    [[nodiscard]] QLineSeries *series(int line) const { return m_series.at(line); }

protected:
    void changeEvent(QEvent *event) override;

private:
    bool append(const QJsonObject &sample);
    //! Drops points older than the window and fits the axes.
    void trimAndFit();
    void retranslate();

    const char *m_title;
    QList<ChartLine> m_lines;
    QList<QLineSeries *> m_series;
    QDateTimeAxis *m_timeAxis;
    QValueAxis *m_valueAxis;
    qint64 m_newestMs = std::numeric_limits<qint64>::min();
};

} // namespace Im::Admin
