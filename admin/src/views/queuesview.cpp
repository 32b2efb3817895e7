#include "views/queuesview.h"

#include "views/fieldgrid.h"
#include "views/tablepanel.h"

#include <QJsonArray>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Im::Admin {

namespace {

QList<FieldGroup> queueGroups()
{
    using F = ValueFormat;
    return {
        { QT_TRANSLATE_NOOP("Im::Admin::Fields", "Delivery queues"),
          {
              { u"totals.queued"_s, QT_TRANSLATE_NOOP("Im::Admin::Fields", "Queued") },
              { u"totals.inFlight"_s, QT_TRANSLATE_NOOP("Im::Admin::Fields", "In flight") },
              { u"totals.pushed"_s, QT_TRANSLATE_NOOP("Im::Admin::Fields", "Pushed") },
              { u"totals.acked"_s, QT_TRANSLATE_NOOP("Im::Admin::Fields", "Acked") },
          } },
        { QT_TRANSLATE_NOOP("Im::Admin::Fields", "Problems"),
          {
              { u"totals.failed"_s, QT_TRANSLATE_NOOP("Im::Admin::Fields", "Failed") },
              { u"totals.timedOut"_s, QT_TRANSLATE_NOOP("Im::Admin::Fields", "Timed out") },
              { u"totals.retried"_s, QT_TRANSLATE_NOOP("Im::Admin::Fields", "Retried") },
              { u"totals.oldestWaitingMs"_s,
                QT_TRANSLATE_NOOP("Im::Admin::Fields", "Oldest waiting"), F::DurationMs },
          } },
        { QT_TRANSLATE_NOOP("Im::Admin::Fields", "Database writer"),
          {
              { u"writer.waiting"_s, QT_TRANSLATE_NOOP("Im::Admin::Fields", "Waiting") },
              { u"writer.inBatch"_s, QT_TRANSLATE_NOOP("Im::Admin::Fields", "In batch") },
              { u"writer.batches"_s, QT_TRANSLATE_NOOP("Im::Admin::Fields", "Write batches") },
              { u"writer.failedBatches"_s,
                QT_TRANSLATE_NOOP("Im::Admin::Fields", "Failed batches") },
          } },
        { QT_TRANSLATE_NOOP("Im::Admin::Fields", "Batches"),
          {
              { u"writer.messages"_s, QT_TRANSLATE_NOOP("Im::Admin::Fields", "Stored") },
              { u"writer.lastBatchSize"_s,
                QT_TRANSLATE_NOOP("Im::Admin::Fields", "Last batch size") },
              { u"writer.largestBatch"_s, QT_TRANSLATE_NOOP("Im::Admin::Fields", "Largest batch") },
              { u"writer.lastCommitMs"_s, QT_TRANSLATE_NOOP("Im::Admin::Fields", "Last commit"),
                F::DurationMs },
          } },
    };
}

} // namespace

QueuesView::QueuesView(QWidget *parent)
    : QWidget(parent)
    , m_totals(new FieldGrid(queueGroups(), u"queues"_s, 4, this))
    , m_panel(new TablePanel(Tables::queueUsers(), u"queues"_s, this))
{
    setObjectName(u"queuesView"_s);
    addDisconnectUserAction(m_panel,
                            [this](int userId) { Q_EMIT disconnectUserRequested(userId); });
    addRevokeSessionsAction(m_panel, [this](int userId) { Q_EMIT revokeUserRequested(userId); });
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_totals);
    layout->addWidget(m_panel, 1);
}

void QueuesView::setQueues(const QJsonObject &queues)
{
    m_totals->setValues(queues);
    m_panel->setRows(queues.value(u"users"_s).toArray());
}

void QueuesView::clear()
{
    m_totals->clear();
    m_panel->resetRows({});
}

void QueuesView::setConfirmActions(bool confirm)
{
    m_panel->setConfirmActions(confirm);
}

} // namespace Im::Admin
