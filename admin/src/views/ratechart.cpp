#include "views/ratechart.h"

#include <QCategoryAxis>
#include <QChart>
#include <QCoreApplication>
#include <QCursor>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <memory>

using namespace Qt::StringLiterals;

namespace Im::Admin {

namespace {

constexpr qint64 minuteMs = 60 * 1000;
constexpr qint64 keptMinutesMs = 24 * 60 * minuteMs;
//! A window narrower than this is widened: two samples should not fill the whole width.
constexpr qint64 narrowestMs = 30 * 1000;

QString chartText(const char *source)
{
    return QCoreApplication::translate("Im::Admin::RateChart", source);
}

//! Solid, dashed, dotted: lines that lie on top of each other stay apart.
QPen linePen(qsizetype line, const QColor &color)
{
    static const Qt::PenStyle styles[] = { Qt::SolidLine, Qt::DashLine, Qt::DotLine,
                                           Qt::DashDotLine };
    QPen pen(color);
    pen.setStyle(styles[line % 4]);
    pen.setWidthF(line == 0 ? 3.0 : 2.0);
    return pen;
}

//! A round step (1, 2 or 5 × 10^n) giving about four ticks up to \a highest.
double niceStep(double highest)
{
    const double raw = std::max(highest, 1e-9) / 4.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double factor : { 1.0, 2.0, 5.0 }) {
        if (raw <= factor * magnitude)
            return factor * magnitude;
    }
    return 10.0 * magnitude;
}

QString numberText(double value)
{
    const QLocale locale;
    if (std::trunc(value) == value)
        return locale.toString(qint64(value));
    return locale.toString(value, 'f', value < 10 ? 2 : 1);
}

} // namespace

RateChart::RateChart(const char *title, const char *unit, QList<ChartLine> lines, QWidget *parent)
    : QChartView(parent)
    , m_title(title)
    , m_unit(unit)
    , m_lines(std::move(lines))
    , m_timeAxis(new QDateTimeAxis)
    , m_valueAxis(new QCategoryAxis)
{
    auto *chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    m_timeAxis->setTickCount(5);
    m_valueAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    chart->addAxis(m_timeAxis, Qt::AlignBottom);
    chart->addAxis(m_valueAxis, Qt::AlignLeft);
    for (qsizetype i = 0; i < m_lines.size(); ++i) {
        auto *series = new QLineSeries(chart);
        chart->addSeries(series);
        series->attachAxis(m_timeAxis);
        series->attachAxis(m_valueAxis);
        series->setPen(linePen(i, series->color()));
        connect(series, &QLineSeries::hovered, this, [this, i](const QPointF &point, bool state) {
            if (state)
                QToolTip::showText(QCursor::pos(), valueText(int(i), qint64(point.x())), this);
            else
                QToolTip::hideText();
        });
        m_series.append(series);
    }
    // setChart() releases the view's own default chart instead of deleting it.
    std::unique_ptr<QChart> defaultChart(this->chart());
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(180);
    render();
    retranslate();
}

void RateChart::addSample(const QJsonObject &sample)
{
    const qsizetype before = m_seconds.size();
    insert(m_seconds, sample, false);
    if (m_seconds.size() != before)
        render();
}

void RateChart::setSamples(const QJsonArray &samples)
{
    for (const QJsonValue &sample : samples)
        insert(m_seconds, sample.toObject(), false);
    render();
}

void RateChart::setMinuteSamples(const QJsonArray &samples)
{
    m_minutes.clear();
    for (const QJsonValue &sample : samples)
        insert(m_minutes, sample.toObject(), true);
    render();
}

void RateChart::addRestartMark(qint64 msSinceEpoch)
{
    if (!m_restarts.contains(msSinceEpoch))
        m_restarts.append(msSinceEpoch);
    render();
}

void RateChart::clear()
{
    m_seconds.clear();
    m_minutes.clear();
    m_restarts.clear();
    render();
}

void RateChart::setWindowMinutes(int minutes)
{
    m_windowMs = std::clamp<qint64>(minutes, 1, 60) * minuteMs;
    render();
}

int RateChart::sampleCount() const
{
    return m_series.isEmpty() ? 0 : int(m_series.first()->count());
}

int RateChart::restartMarksShown() const
{
    return int(std::count_if(m_marks.cbegin(), m_marks.cend(),
                             [](const QLineSeries *mark) { return mark->isVisible(); }));
}

QString RateChart::valueText(int line, qint64 msSinceEpoch) const
{
    const QLineSeries *series = m_series.value(line);
    if (!series || series->count() == 0)
        return {};
    const QList<QPointF> points = series->points();
    const auto nearest = std::min_element(
        points.cbegin(), points.cend(), [msSinceEpoch](const QPointF &a, const QPointF &b) {
            return std::abs(a.x() - double(msSinceEpoch)) < std::abs(b.x() - double(msSinceEpoch));
        });
    return tr("%1 %2: %3 %4")
        .arg(QDateTime::fromMSecsSinceEpoch(qint64(nearest->x())).toString(u"HH:mm:ss"_s),
             chartText(m_lines.at(line).title), numberText(nearest->y()), chartText(m_unit));
}

void RateChart::insert(Points &points, const QJsonObject &sample, bool minute)
{
    const QDateTime at = QDateTime::fromString(sample.value(u"at"_s).toString(), Qt::ISODateWithMs);
    if (!at.isValid())
        return;
    const qint64 ms = at.toMSecsSinceEpoch();
    // Per-second samples: only new ones (the feed may repeat the newest).
    if (!minute && !points.isEmpty() && ms <= points.lastKey() && points.contains(ms))
        return;
    QList<double> values;
    for (const ChartLine &line : std::as_const(m_lines)) {
        const QString field = minute && !line.minuteField.isEmpty() ? line.minuteField : line.field;
        values.append(sample.value(field).toDouble());
    }
    points.insert(ms, values);
    const qint64 keep = minute ? keptMinutesMs : keptSecondsMs;
    while (!points.isEmpty() && points.firstKey() < points.lastKey() - keep)
        points.erase(points.begin());
}

void RateChart::render()
{
    qint64 newest = QDateTime::currentMSecsSinceEpoch();
    if (!m_seconds.isEmpty())
        newest = m_seconds.lastKey();
    else if (!m_minutes.isEmpty())
        newest = m_minutes.lastKey();
    const qint64 windowStart = newest - m_windowMs;

    // The minute history where the seconds do not reach, then the seconds.
    const qint64 secondsFrom =
        m_seconds.isEmpty() ? std::numeric_limits<qint64>::max() : m_seconds.firstKey();
    QList<QList<QPointF>> lines(m_lines.size());
    qint64 oldestShown = newest;
    double highest = 0;
    const auto take = [&](const Points &points, qint64 until) {
        for (auto it = points.lowerBound(windowStart); it != points.cend() && it.key() < until;
             ++it) {
            oldestShown = std::min(oldestShown, it.key());
            for (qsizetype line = 0; line < lines.size(); ++line) {
                lines[line].append(QPointF(double(it.key()), it.value().at(line)));
                highest = std::max(highest, it.value().at(line));
            }
        }
    };
    take(m_minutes, secondsFrom);
    take(m_seconds, std::numeric_limits<qint64>::max());
    for (qsizetype line = 0; line < lines.size(); ++line)
        m_series.at(line)->replace(lines.at(line));

    // Fit the data: from its first point when it covers less than the window.
    const qint64 from = std::min(std::max(windowStart, oldestShown), newest - narrowestMs);
    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(from),
                         QDateTime::fromMSecsSinceEpoch(newest));
    m_timeAxis->setFormat(newest - from <= 5 * minuteMs ? u"HH:mm:ss"_s : u"HH:mm"_s);
    fitValueAxis(highest);

    // One vertical mark per restart; the series are reused.
    while (m_marks.size() < m_restarts.size()) {
        auto *mark = new QLineSeries(chart());
        chart()->addSeries(mark);
        mark->attachAxis(m_timeAxis);
        mark->attachAxis(m_valueAxis);
        QPen pen(Qt::red);
        pen.setStyle(Qt::DashLine);
        pen.setWidthF(2.0);
        mark->setPen(pen);
        mark->setName(chartText(QT_TRANSLATE_NOOP("Im::Admin::RateChart", "Server restart")));
        m_marks.append(mark);
    }
    bool named = false;
    for (qsizetype i = 0; i < m_marks.size(); ++i) {
        QLineSeries *mark = m_marks.at(i);
        const bool shown =
            i < m_restarts.size() && m_restarts.at(i) >= from && m_restarts.at(i) <= newest;
        mark->setVisible(shown);
        if (shown) {
            const double x = double(m_restarts.at(i));
            mark->replace({ QPointF(x, 0), QPointF(x, m_valueAxis->max()) });
        }
        // One legend entry for all the marks.
        for (QLegendMarker *marker : chart()->legend()->markers(mark))
            marker->setVisible(shown && !named);
        named = named || shown;
    }
}

void RateChart::fitValueAxis(double highest)
{
    // Headroom above the highest point; at least 0..5 so an idle server draws a flat line.
    const double step = niceStep(std::max(5.0, highest * 1.1));
    const double top = step * std::ceil(std::max(5.0, highest * 1.1) / step);
    for (const QString &label : m_valueAxis->categoriesLabels())
        m_valueAxis->remove(label);
    m_valueAxis->setStartValue(0);
    for (double value = 0; value <= top + step / 2; value += step)
        m_valueAxis->append(numberText(value), value);
    m_valueAxis->setRange(0, top);
}

void RateChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QChartView::changeEvent(event);
}

void RateChart::retranslate()
{
    chart()->setTitle(chartText(m_title));
    m_valueAxis->setTitleText(chartText(m_unit));
    m_timeAxis->setTitleText(tr("Time"));
    for (qsizetype i = 0; i < m_lines.size(); ++i)
        m_series.at(i)->setName(chartText(m_lines.at(i).title));
    for (QLineSeries *mark : std::as_const(m_marks))
        mark->setName(chartText(QT_TRANSLATE_NOOP("Im::Admin::RateChart", "Server restart")));
}

} // namespace Im::Admin
