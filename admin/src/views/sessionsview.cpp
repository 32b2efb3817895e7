#include "views/sessionsview.h"

#include "views/tablepanel.h"

#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Im::Admin {

SessionsView::SessionsView(QWidget *parent)
    : QWidget(parent)
    , m_panel(new TablePanel(Tables::sessions(), u"sessions"_s, this))
{
    setObjectName(u"sessionsView"_s);
    m_panel->addRowAction(
        u"disconnectSessionAction"_s,
        QT_TRANSLATE_NOOP("Im::Admin::RowActions", "Disconnect session"),
        [this](const QJsonObject &row) {
            const QString sid = row.value(u"sid"_s).toString();
            const QString question =
                tr("Disconnect the session of %1 on device %2?")
                    .arg(row.value(u"account"_s).toString(), row.value(u"deviceId"_s).toString());
            if (!sid.isEmpty() && m_panel->confirm(tr("Disconnect session"), question))
                Q_EMIT disconnectSessionRequested(sid);
        });
    addDisconnectUserAction(m_panel,
                            [this](int userId) { Q_EMIT disconnectUserRequested(userId); });
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_panel);
}

void SessionsView::setSessions(const QJsonArray &sessions)
{
    m_panel->setRows(sessions);
}

void SessionsView::clear()
{
    m_panel->resetRows({});
}

void SessionsView::setConfirmActions(bool confirm)
{
    m_panel->setConfirmActions(confirm);
}

} // namespace Im::Admin
