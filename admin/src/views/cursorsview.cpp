#include "views/cursorsview.h"

#include "models/jsontablemodel.h"
#include "views/tablepanel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QIntValidator>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <limits>

using namespace Qt::StringLiterals;

namespace Im::Admin {

CursorsView::CursorsView(QWidget *parent)
    : QWidget(parent)
    , m_userIdLabel(new QLabel(this))
    , m_userIdEdit(new QLineEdit(this))
    , m_show(new QPushButton(this))
    , m_userLabel(new QLabel(this))
    , m_cursorsHeading(new QLabel(this))
    , m_laggingHeading(new QLabel(this))
    , m_cursors(new TablePanel(Tables::cursorRows(), u"cursors"_s, this))
    , m_lagging(new TablePanel(Tables::laggingDevices(), u"lagging"_s, this))
{
    setObjectName(u"cursorsView"_s);
    m_userIdEdit->setObjectName(u"cursorsUserIdEdit"_s);
    m_userIdEdit->setValidator(new QIntValidator(1, std::numeric_limits<int>::max(), this));
    m_userIdEdit->setMaxLength(10);
    m_userIdEdit->setMaximumWidth(120);
    m_userIdLabel->setBuddy(m_userIdEdit);
    m_show->setObjectName(u"showCursorsButton"_s);
    m_show->setEnabled(false);
    m_userLabel->setObjectName(u"cursorsUserLabel"_s);
    m_userLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    connect(m_userIdEdit, &QLineEdit::textChanged, this,
            [this] { m_show->setEnabled(m_userIdEdit->hasAcceptableInput()); });
    connect(m_userIdEdit, &QLineEdit::returnPressed, this, &CursorsView::requestTypedUser);
    connect(m_show, &QPushButton::clicked, this, &CursorsView::requestTypedUser);

    const auto showRowUser = [this](const QJsonObject &row) {
        if (const int userId = row.value(u"userId"_s).toInt(); userId > 0)
            showCursorsOf(userId);
    };
    // Most lagging first, as the server sends them.
    m_lagging->table()->sortByColumn(m_lagging->model()->definition().columnIndex(u"ackLag"_s),
                                     Qt::DescendingOrder);
    connect(m_lagging, &TablePanel::rowActivated, this, showRowUser);
    m_lagging->addRowAction(u"showCursorsAction"_s,
                            QT_TRANSLATE_NOOP("Im::Admin::RowActions", "Show cursors"),
                            showRowUser);
    addDisconnectUserAction(m_lagging,
                            [this](int userId) { Q_EMIT disconnectUserRequested(userId); });

    auto *input = new QHBoxLayout;
    input->addWidget(m_userIdLabel);
    input->addWidget(m_userIdEdit);
    input->addWidget(m_show);
    input->addWidget(m_userLabel, 1);

    auto *cursorsBox = new QWidget(this);
    auto *cursorsLayout = new QVBoxLayout(cursorsBox);
    cursorsLayout->setContentsMargins(0, 0, 0, 0);
    cursorsLayout->addWidget(m_cursorsHeading);
    cursorsLayout->addLayout(input);
    cursorsLayout->addWidget(m_cursors, 1);
    auto *laggingBox = new QWidget(this);
    auto *laggingLayout = new QVBoxLayout(laggingBox);
    laggingLayout->setContentsMargins(0, 0, 0, 0);
    laggingLayout->addWidget(m_laggingHeading);
    laggingLayout->addWidget(m_lagging, 1);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(cursorsBox);
    splitter->addWidget(laggingBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);
    retranslate();
}

void CursorsView::setCursors(int userId, const QJsonObject &cursors)
{
    const QJsonArray rows = cursors.value(u"rows"_s).toArray();
    if (userId == m_shownUserId) {
        m_cursors->setRows(rows);
    } else {
        m_shownUserId = userId;
        m_cursors->resetRows(rows);
    }
    m_requestedUserId = 0;
    m_shownUser = cursors.value(u"user"_s).toObject();
    updateUserLabel();
}

void CursorsView::setLagging(const QJsonArray &lagging)
{
    m_lagging->setRows(lagging);
}

void CursorsView::clear()
{
    m_shownUserId = 0;
    m_requestedUserId = 0;
    m_shownUser = {};
    m_cursors->resetRows({});
    m_lagging->resetRows({});
    updateUserLabel();
}

void CursorsView::setConfirmActions(bool confirm)
{
    m_cursors->setConfirmActions(confirm);
    m_lagging->setConfirmActions(confirm);
}

void CursorsView::abandonRequest()
{
    m_requestedUserId = 0;
    updateUserLabel();
}

void CursorsView::showCursorsOf(int userId)
{
    m_userIdEdit->setText(QString::number(userId));
    requestTypedUser();
}

void CursorsView::requestTypedUser()
{
    if (!m_userIdEdit->hasAcceptableInput())
        return;
    m_requestedUserId = m_userIdEdit->text().toInt();
    updateUserLabel();
    Q_EMIT cursorsRequested(m_requestedUserId);
}

void CursorsView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void CursorsView::retranslate()
{
    m_cursorsHeading->setText(u"<b>%1</b>"_s.arg(tr("Cursors of a user").toHtmlEscaped()));
    m_laggingHeading->setText(
        u"<b>%1</b>"_s.arg(tr("Devices with the most unacknowledged messages").toHtmlEscaped()));
    m_userIdLabel->setText(tr("&User ID:"));
    m_userIdEdit->setPlaceholderText(tr("e.g. 42"));
    m_show->setText(tr("&Show"));
    updateUserLabel();
}

void CursorsView::updateUserLabel()
{
    if (m_requestedUserId > 0) {
        m_userLabel->setText(tr("Loading the cursors of user %1…").arg(m_requestedUserId));
    } else if (m_shownUserId > 0) {
        m_userLabel->setText(tr("User %1: %2 (%3)")
                                 .arg(m_shownUserId)
                                 .arg(m_shownUser.value(u"account"_s).toString(),
                                      m_shownUser.value(u"nickname"_s).toString()));
    } else {
        m_userLabel->setText(tr("Enter a user ID, or double-click a lagging device."));
    }
}

} // namespace Im::Admin
