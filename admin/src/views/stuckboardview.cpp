#include "views/stuckboardview.h"

#include "models/jsontablemodel.h"
#include "models/valueformat.h"
#include "views/tablepanel.h"

#include <QEvent>
#include <QJsonArray>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Im::Admin {

StuckBoardView::StuckBoardView(QWidget *parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_panel(new TablePanel(Tables::stuckDevices(), u"board"_s, this))
{
    setObjectName(u"boardView"_s);
    m_summary->setObjectName(u"boardSummaryLabel"_s);
    // The longest wait first, as the server sends them.
    m_panel->table()->sortByColumn(m_panel->model()->definition().columnIndex(u"oldestWaitingMs"_s),
                                   Qt::DescendingOrder);
    const auto showCursors = [this](const QJsonObject &row) {
        if (const int userId = row.value(u"userId"_s).toInt(); userId > 0)
            Q_EMIT cursorsRequested(QString::number(userId));
    };
    connect(m_panel, &TablePanel::rowActivated, this, showCursors);
    m_panel->addRowAction(u"showCursorsAction"_s,
                          QT_TRANSLATE_NOOP("Im::Admin::RowActions", "Show cursors"), showCursors);
    addDisconnectUserAction(m_panel,
                            [this](int userId) { Q_EMIT disconnectUserRequested(userId); });
    addRevokeSessionsAction(m_panel, [this](int userId) { Q_EMIT revokeUserRequested(userId); });
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_panel, 1);
    retranslate();
}

void StuckBoardView::setBoard(const QJsonObject &board)
{
    m_board = board;
    m_panel->setRows(board.value(u"devices"_s).toArray());
    retranslate();
}

void StuckBoardView::clear()
{
    m_board = {};
    m_panel->resetRows({});
    retranslate();
}

void StuckBoardView::setConfirmActions(bool confirm)
{
    m_panel->setConfirmActions(confirm);
}

void StuckBoardView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void StuckBoardView::retranslate()
{
    if (m_board.isEmpty()) {
        m_summary->setText(tr("Devices with messages waiting for their acknowledgement, the "
                              "longest wait first. Double-click one for its user's cursors."));
        return;
    }
    const int devices = int(m_board.value(u"devices"_s).toArray().size());
    QString text = tr("%n device(s) with messages waiting, as of %1.", nullptr, devices)
                       .arg(formatValue(m_board.value(u"at"_s), ValueFormat::DateTime));
    if (m_board.value(u"truncated"_s).toBool())
        text += u' '
            + tr("Only the %1 longest waits are listed.").arg(m_board.value(u"limit"_s).toInt());
    m_summary->setText(text);
}

} // namespace Im::Admin
