#include "views/sessionsview.h"

#include "views/tablepanel.h"

#include <QEvent>
#include <QLabel>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Im::Admin {

SessionsView::SessionsView(QWidget *parent)
    : QWidget(parent)
    , m_note(new QLabel(this))
    , m_panel(new TablePanel(Tables::sessions(), u"sessions"_s, this))
{
    setObjectName(u"sessionsView"_s);
    m_note->setObjectName(u"sessionsNoteLabel"_s);
    m_note->setWordWrap(true);
    m_panel->addRowAction(
        u"disconnectSessionAction"_s,
        QT_TRANSLATE_NOOP("Im::Admin::RowActions", "Disconnect session"),
        [this](const QJsonObject &row) {
            const QString sid = row.value(u"sid"_s).toString();
            const QString question =
                tr("Disconnect the session of account %1 on device %2? The device may connect "
                   "again at once; Revoke sessions makes its user log in again.")
                    .arg(row.value(u"account"_s).toString(), row.value(u"deviceId"_s).toString());
            if (!sid.isEmpty() && m_panel->confirm(tr("Disconnect session"), question))
                Q_EMIT disconnectSessionRequested(sid);
        });
    addDisconnectUserAction(m_panel,
                            [this](int userId) { Q_EMIT disconnectUserRequested(userId); });
    addRevokeSessionsAction(m_panel, [this](int userId) { Q_EMIT revokeUserRequested(userId); });
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_note);
    layout->addWidget(m_panel, 1);
    retranslate();
}

void SessionsView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void SessionsView::retranslate()
{
    m_note->setText(tr("Chat devices only: this console's own connection (the /admin live feed) "
                       "is not listed, though the overview's Sessions figure counts it."));
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
