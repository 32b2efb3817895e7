#include "views/overviewview.h"

#include "views/fieldgrid.h"
#include "views/livefiguresview.h"
#include "views/ratechart.h"

#include <QButtonGroup>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Im::Admin {

namespace {

QList<FieldGroup> overviewGroups()
{
    using F = ValueFormat;
    return {
        { QT_TRANSLATE_NOOP("Im::Admin::Fields", "Server"),
          {
              { u"version"_s, QT_TRANSLATE_NOOP("Im::Admin::Fields", "Version"), F::Text },
              { u"uptimeSeconds"_s, QT_TRANSLATE_NOOP("Im::Admin::Fields", "Uptime"),
                F::DurationSeconds },
              { u"startedAt"_s, QT_TRANSLATE_NOOP("Im::Admin::Fields", "Started at"), F::DateTime },
          } },
        { QT_TRANSLATE_NOOP("Im::Admin::Fields", "Database"),
          {
              { u"database.driver"_s, QT_TRANSLATE_NOOP("Im::Admin::Fields", "Driver"), F::Text },
              { u"database.status"_s, QT_TRANSLATE_NOOP("Im::Admin::Fields", "Status"),
                F::Keyword },
              { u"database.latencyMs"_s, QT_TRANSLATE_NOOP("Im::Admin::Fields", "Latency"),
                F::DurationMs },
              { u"redis.status"_s, QT_TRANSLATE_NOOP("Im::Admin::Fields", "Redis"), F::Keyword },
          } },
        { QT_TRANSLATE_NOOP("Im::Admin::Fields", "Connections"),
          {
              { u"connections.sessions"_s, QT_TRANSLATE_NOOP("Im::Admin::Fields", "Sessions") },
              { u"connections.websocket"_s, QT_TRANSLATE_NOOP("Im::Admin::Fields", "WebSocket") },
              { u"connections.polling"_s, QT_TRANSLATE_NOOP("Im::Admin::Fields", "Polling") },
              { u"connections.sockets"_s, QT_TRANSLATE_NOOP("Im::Admin::Fields", "Sockets") },
              { u"connections.users"_s, QT_TRANSLATE_NOOP("Im::Admin::Fields", "Users online") },
          } },
        { QT_TRANSLATE_NOOP("Im::Admin::Fields", "Messages"),
          {
              { u"messages.stored"_s, QT_TRANSLATE_NOOP("Im::Admin::Fields", "Stored") },
              { u"messages.batches"_s, QT_TRANSLATE_NOOP("Im::Admin::Fields", "Write batches") },
              { u"messages.failedBatches"_s,
                QT_TRANSLATE_NOOP("Im::Admin::Fields", "Failed batches") },
              { u"notifications.pushed"_s,
                QT_TRANSLATE_NOOP("Im::Admin::Fields", "Notifications pushed") },
              { u"notifications.acknowledged"_s,
                QT_TRANSLATE_NOOP("Im::Admin::Fields", "Notifications acknowledged") },
          } },
        { QT_TRANSLATE_NOOP("Im::Admin::Fields", "Delivery"),
          {
              { u"delivery.queued"_s, QT_TRANSLATE_NOOP("Im::Admin::Fields", "Queued") },
              { u"delivery.inFlight"_s, QT_TRANSLATE_NOOP("Im::Admin::Fields", "In flight") },
              { u"delivery.pushed"_s, QT_TRANSLATE_NOOP("Im::Admin::Fields", "Pushed") },
              { u"delivery.acked"_s, QT_TRANSLATE_NOOP("Im::Admin::Fields", "Acked") },
              { u"delivery.failed"_s, QT_TRANSLATE_NOOP("Im::Admin::Fields", "Failed") },
              { u"delivery.timedOut"_s, QT_TRANSLATE_NOOP("Im::Admin::Fields", "Timed out") },
              { u"delivery.retried"_s, QT_TRANSLATE_NOOP("Im::Admin::Fields", "Retried") },
          } },
    };
}

} // namespace

OverviewView::OverviewView(QWidget *parent)
    : QWidget(parent)
    , m_figures(new LiveFiguresView(this))
    , m_fields(new FieldGrid(overviewGroups(), u"overview"_s, 5, this))
    , m_windows(new QButtonGroup(this))
    , m_windowLabel(new QLabel(this))
    , m_rates(new RateChart(
          QT_TRANSLATE_NOOP("Im::Admin::RateChart", "Messages per second"),
          QT_TRANSLATE_NOOP("Im::Admin::RateChart", "messages/s"),
          {
              { u"messagesPerSecond"_s, QT_TRANSLATE_NOOP("Im::Admin::RateChart", "Stored") },
              { u"pushesPerSecond"_s, QT_TRANSLATE_NOOP("Im::Admin::RateChart", "Pushed") },
              { u"acksPerSecond"_s, QT_TRANSLATE_NOOP("Im::Admin::RateChart", "Acked") },
          },
          this))
    , m_queues(new RateChart(
          QT_TRANSLATE_NOOP("Im::Admin::RateChart", "Queue depth"),
          QT_TRANSLATE_NOOP("Im::Admin::RateChart", "messages"),
          {
              { u"queued"_s, QT_TRANSLATE_NOOP("Im::Admin::RateChart", "Queued"), u"maxQueued"_s },
              { u"inFlight"_s, QT_TRANSLATE_NOOP("Im::Admin::RateChart", "In flight"),
                u"maxInFlight"_s },
              { u"writerWaiting"_s,
                QT_TRANSLATE_NOOP("Im::Admin::RateChart", "Waiting to be stored"),
                u"maxWriterWaiting"_s },
          },
          this))
{
    setObjectName(u"overviewView"_s);
    m_rates->setObjectName(u"ratesChart"_s);
    m_queues->setObjectName(u"queueDepthChart"_s);

    auto *windowRow = new QHBoxLayout;
    windowRow->addWidget(m_windowLabel);
    for (const int minutes : { 1, 5, 15, 60 }) {
        auto *button = new QPushButton(this);
        button->setObjectName(u"window%1Button"_s.arg(minutes));
        button->setCheckable(true);
        button->setChecked(minutes == RateChart::defaultWindowMinutes);
        m_windows->addButton(button, minutes);
        windowRow->addWidget(button);
    }
    windowRow->addStretch(1);
    connect(m_windows, &QButtonGroup::idClicked, this, &OverviewView::setWindowMinutes);

    auto *charts = new QHBoxLayout;
    charts->addWidget(m_rates);
    charts->addWidget(m_queues);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_figures);
    layout->addWidget(m_fields);
    layout->addLayout(windowRow);
    layout->addLayout(charts, 1);
    retranslate();
}

void OverviewView::setOverview(const QJsonObject &overview)
{
    m_overview = overview;
    showFields();
}

void OverviewView::showFields()
{
    if (m_live) {
        m_fields->setValues(m_overview);
        return;
    }
    // Out of touch, the last health seen would be a claim about now.
    QJsonObject stale = m_overview;
    for (const QString &part : { u"database"_s, u"redis"_s }) {
        QJsonObject health = stale.value(part).toObject();
        health.insert(u"status"_s, u"unknown"_s);
        stale.insert(part, health);
    }
    m_fields->setValues(stale);
}

void OverviewView::addSample(const QJsonObject &sample)
{
    m_figures->addSample(sample);
    m_rates->addSample(sample);
    m_queues->addSample(sample);
}

void OverviewView::setMinuteRates(const QJsonObject &rates)
{
    const QJsonArray samples = rates.value(u"samples"_s).toArray();
    m_rates->setMinuteSamples(samples);
    m_queues->setMinuteSamples(samples);
}

void OverviewView::markRestart(const QDateTime &startedAt)
{
    m_rates->addRestartMark(startedAt.toMSecsSinceEpoch());
    m_queues->addRestartMark(startedAt.toMSecsSinceEpoch());
}

void OverviewView::setWindowMinutes(int minutes)
{
    if (QAbstractButton *button = m_windows->button(minutes))
        button->setChecked(true);
    m_rates->setWindowMinutes(minutes);
    m_queues->setWindowMinutes(minutes);
}

void OverviewView::setLive(bool live)
{
    m_live = live;
    m_figures->setEnabled(live);
    m_fields->setEnabled(live);
    showFields();
}

void OverviewView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void OverviewView::retranslate()
{
    m_windowLabel->setText(tr("Charts of the last:"));
    for (QAbstractButton *button : m_windows->buttons())
        button->setText(tr("%n min", nullptr, m_windows->id(button)));
}

void OverviewView::setRates(const QJsonObject &rates)
{
    const QJsonArray samples = rates.value(u"samples"_s).toArray();
    m_rates->setSamples(samples);
    m_queues->setSamples(samples);
}

void OverviewView::clear()
{
    m_overview = {};
    m_figures->clear();
    m_fields->clear();
    m_rates->clear();
    m_queues->clear();
}

} // namespace Im::Admin
