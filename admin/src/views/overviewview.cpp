#include "views/overviewview.h"

#include "views/fieldgrid.h"
#include "views/ratechart.h"

#include <QHBoxLayout>
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
    , m_fields(new FieldGrid(overviewGroups(), u"overview"_s, 5, this))
    , m_rates(new RateChart(
          QT_TRANSLATE_NOOP("Im::Admin::RateChart", "Messages per second"),
          {
              { u"messagesPerSecond"_s, QT_TRANSLATE_NOOP("Im::Admin::RateChart", "Stored") },
              { u"pushesPerSecond"_s, QT_TRANSLATE_NOOP("Im::Admin::RateChart", "Pushed") },
              { u"acksPerSecond"_s, QT_TRANSLATE_NOOP("Im::Admin::RateChart", "Acked") },
          },
          this))
    , m_queues(new RateChart(
          QT_TRANSLATE_NOOP("Im::Admin::RateChart", "Queue depth"),
          {
              { u"queued"_s, QT_TRANSLATE_NOOP("Im::Admin::RateChart", "Queued") },
              { u"inFlight"_s, QT_TRANSLATE_NOOP("Im::Admin::RateChart", "In flight") },
              { u"writerWaiting"_s,
                QT_TRANSLATE_NOOP("Im::Admin::RateChart", "Waiting to be stored") },
          },
          this))
{
    setObjectName(u"overviewView"_s);
    m_rates->setObjectName(u"ratesChart"_s);
    m_queues->setObjectName(u"queueDepthChart"_s);
    auto *charts = new QHBoxLayout;
    charts->addWidget(m_rates);
    charts->addWidget(m_queues);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_fields);
    layout->addLayout(charts, 1);
}

void OverviewView::setOverview(const QJsonObject &overview)
{
    m_fields->setValues(overview);
}

void OverviewView::addSample(const QJsonObject &sample)
{
    m_rates->addSample(sample);
    m_queues->addSample(sample);
}

void OverviewView::setRates(const QJsonObject &rates)
{
    const QJsonArray samples = rates.value(u"samples"_s).toArray();
    m_rates->setSamples(samples);
    m_queues->setSamples(samples);
}

void OverviewView::clear()
{
    m_fields->clear();
    m_rates->clear();
    m_queues->clear();
}

} // namespace Im::Admin
