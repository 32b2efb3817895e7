#include "views/ratechart.h"

#include <QChart>
#include <QCoreApplication>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace Im::Admin {

namespace {

QString chartText(const char *source)
{
    return QCoreApplication::translate("Im::Admin::RateChart", source);
}

} // namespace

RateChart::RateChart(const char *title, QList<ChartLine> lines, QWidget *parent)
    : QChartView(parent)
    , m_title(title)
    , m_lines(std::move(lines))
    , m_timeAxis(new QDateTimeAxis)
    , m_valueAxis(new QValueAxis)
{
    auto *chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    m_timeAxis->setFormat(u"HH:mm"_s);
    m_timeAxis->setTickCount(4);
    m_valueAxis->setLabelFormat(u"%g"_s);
    m_valueAxis->setMin(0);
    chart->addAxis(m_timeAxis, Qt::AlignBottom);
    chart->addAxis(m_valueAxis, Qt::AlignLeft);
    for (qsizetype i = 0; i < m_lines.size(); ++i) {
        auto *series = new QLineSeries(chart);
        chart->addSeries(series);
        series->attachAxis(m_timeAxis);
        series->attachAxis(m_valueAxis);
        m_series.append(series);
    }
    // setChart() releases the view's own default chart instead of deleting it.
    std::unique_ptr<QChart> defaultChart(this->chart());
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(200);
    clear();
    retranslate();
}

void RateChart::addSample(const QJsonObject &sample)
{
    if (append(sample))
        trimAndFit();
}

void RateChart::setSamples(const QJsonArray &samples)
{
    for (QLineSeries *series : std::as_const(m_series))
        series->clear();
    m_newestMs = std::numeric_limits<qint64>::min();
    for (const QJsonValue &sample : samples)
        append(sample.toObject());
    trimAndFit();
}

void RateChart::clear()
{
    setSamples({});
}

int RateChart::sampleCount() const
{
    return m_series.isEmpty() ? 0 : int(m_series.first()->count());
}

bool RateChart::append(const QJsonObject &sample)
{
    const QDateTime at = QDateTime::fromString(sample.value(u"at"_s).toString(), Qt::ISODateWithMs);
    if (!at.isValid() || at.toMSecsSinceEpoch() <= m_newestMs)
        return false;
    m_newestMs = at.toMSecsSinceEpoch();
    for (qsizetype i = 0; i < m_lines.size(); ++i)
        m_series.at(i)->append(qreal(m_newestMs), sample.value(m_lines.at(i).field).toDouble());
    return true;
}

void RateChart::trimAndFit()
{
    const qint64 newest = m_newestMs == std::numeric_limits<qint64>::min()
        ? QDateTime::currentMSecsSinceEpoch()
        : m_newestMs;
    const qreal oldestKept = qreal(newest - windowMs);
    qreal highest = 0;
    for (QLineSeries *series : std::as_const(m_series)) {
        int stale = 0;
        while (stale < series->count() && series->at(stale).x() < oldestKept)
            ++stale;
        if (stale > 0)
            series->removePoints(0, stale);
        for (const QPointF &point : series->points())
            highest = std::max(highest, point.y());
    }
    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(newest - windowMs),
                         QDateTime::fromMSecsSinceEpoch(newest));
    // Headroom above the highest point; at least 0..5 so an idle server draws a flat line.
    m_valueAxis->setRange(0, std::max<qreal>(5, highest * 1.15));
    m_valueAxis->applyNiceNumbers();
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
    for (qsizetype i = 0; i < m_lines.size(); ++i)
        m_series.at(i)->setName(chartText(m_lines.at(i).title));
}

} // namespace Im::Admin
