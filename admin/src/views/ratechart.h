#pragma once

#include <QChartView>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>

class QCategoryAxis;
class QDateTimeAxis;
class QLineSeries;

namespace Im::Admin {

//! One line of a RateChart: a numeric field of the rates samples.
struct ChartLine
{
    QString field;
    //! Marked with QT_TRANSLATE_NOOP("Im::Admin::RateChart", ...).
    const char *title = "";
    //! The field in the minute history, when it differs (`maxQueued` for `queued`); empty: field.
    QString minuteField = {};
};

//! A line chart over the rates samples (`at` plus numeric fields): a window of the last 1, 5, 15
//! or 60 minutes that fits the data (from its first sample when there is less), the value axis in
//! \a unit with group separators, one line style per line, the value under the mouse as a tool
//! tip, and a red dashed mark where the server restarted. The rate samples (one every
//! ADMIN_SAMPLE_SECONDS) are kept for 65 minutes, merged (a reconnect's history adds to what was
//! seen, never wipes it); the server's minute history fills in what is older.
class RateChart : public QChartView
{
    Q_OBJECT

public:
    static constexpr qint64 defaultWindowMinutes = 15;
    static constexpr qint64 keptSecondsMs = 65 * 60 * 1000;

    //! \a title and \a unit are marked like ChartLine::title.
    RateChart(const char *title, const char *unit, QList<ChartLine> lines,
              QWidget *parent = nullptr);

    //! One rate sample (older or repeated ones are ignored).
    void addSample(const QJsonObject &sample);
    //! Rate samples (GET /admin/rates), merged into what the chart has.
    void setSamples(const QJsonArray &samples);
    //! The minute history (GET /admin/rates?resolution=minute), replacing the previous one.
    void setMinuteSamples(const QJsonArray &samples);
    //! Marks a server restart at \a msSinceEpoch.
    void addRestartMark(qint64 msSinceEpoch);
    //! Forgets everything (another server).
    void clear();

    //! 1, 5, 15 or 60.
    void setWindowMinutes(int minutes);
    [[nodiscard]] int windowMinutes() const { return int(m_windowMs / 60000); }

    //! Points shown (the same for every line).
    [[nodiscard]] int sampleCount() const;
    [[nodiscard]] QLineSeries *series(int line) const { return m_series.at(line); }
    //! The restart marks inside the window.
    [[nodiscard]] int restartMarksShown() const;
    [[nodiscard]] QDateTimeAxis *timeAxis() const { return m_timeAxis; }
    [[nodiscard]] QCategoryAxis *valueAxis() const { return m_valueAxis; }
    //! The tool tip text for \a line at the point nearest to \a msSinceEpoch (tests, hover).
    [[nodiscard]] QString valueText(int line, qint64 msSinceEpoch) const;

protected:
    void changeEvent(QEvent *event) override;

private:
    using Points = QMap<qint64, QList<double>>;

    void insert(Points &points, const QJsonObject &sample, bool minute);
    //! Redraws the lines, marks and axes from the kept points.
    void render();
    void fitValueAxis(double highest);
    void retranslate();

    const char *m_title;
    const char *m_unit;
    QList<ChartLine> m_lines;
    QList<QLineSeries *> m_series;
    QList<QLineSeries *> m_marks;
    QDateTimeAxis *m_timeAxis;
    QCategoryAxis *m_valueAxis;
    Points m_seconds;
    Points m_minutes;
    QList<qint64> m_restarts;
    qint64 m_windowMs = defaultWindowMinutes * 60 * 1000;
};

} // namespace Im::Admin
