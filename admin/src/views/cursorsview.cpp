#include "views/cursorsview.h"

#include "models/jsontablemodel.h"
#include "views/tablepanel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

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
    , m_refreshTimer(new QTimer(this))
{
    setObjectName(u"cursorsView"_s);
    m_userIdEdit->setObjectName(u"cursorsUserIdEdit"_s);
    // An id or an account: 11-digit phone numbers included (an int validator cut them to 10).
    m_userIdEdit->setValidator(new QRegularExpressionValidator(
        QRegularExpression(u"[0-9]{1,20}|account:\\S{1,56}"_s), this));
    m_userIdEdit->setMaxLength(maxUserRefLength);
    m_userIdEdit->setMaximumWidth(200);
    // Cursors move: the rows shown are asked for again while they are shown.
    m_refreshTimer->setInterval(refreshIntervalMs);
    connect(m_refreshTimer, &QTimer::timeout, this, [this] {
        // A copy: a receiver may answer at once and change m_shownRef under the signal.
        if (const QString ref = m_shownRef;
            !ref.isEmpty() && m_requestedRef.isEmpty() && isVisible())
            Q_EMIT cursorsRequested(ref);
    });
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
            showCursorsOf(QString::number(userId));
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

void CursorsView::setCursors(const QString &userRef, const QJsonObject &cursors)
{
    const QJsonArray rows = cursors.value(u"rows"_s).toArray();
    const QJsonObject user = cursors.value(u"user"_s).toObject();
    const int userId = user.value(u"id"_s).toInt();
    if (userId == m_shownUserId && userId > 0) {
        m_cursors->setRows(rows);
    } else {
        m_shownUserId = userId;
        m_cursors->resetRows(rows);
    }
    if (userRef == m_requestedRef)
        m_requestedRef.clear();
    m_shownRef = userRef;
    m_shownUser = user;
    m_shownAt = QDateTime::currentDateTime();
    m_failure.clear();
    m_refreshTimer->start();
    updateUserLabel();
}

void CursorsView::showFailure(const QString &userRef, const QString &reason)
{
    // An answer to something no longer asked for changes nothing.
    if (userRef != m_requestedRef && userRef != m_shownRef && userRef != m_userIdEdit->text())
        return;
    // The previous user's rows must not pass for this one's.
    m_requestedRef.clear();
    m_shownRef.clear();
    m_shownUserId = 0;
    m_shownUser = {};
    m_refreshTimer->stop();
    m_cursors->resetRows({});
    m_failure = reason;
    updateUserLabel();
}

void CursorsView::setLagging(const QJsonArray &lagging)
{
    m_lagging->setRows(lagging);
}

void CursorsView::clear()
{
    m_shownUserId = 0;
    m_shownRef.clear();
    m_requestedRef.clear();
    m_failure.clear();
    m_shownUser = {};
    m_refreshTimer->stop();
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
    m_requestedRef.clear();
    updateUserLabel();
}

void CursorsView::showCursorsOf(const QString &userRef)
{
    m_userIdEdit->setText(userRef);
    requestTypedUser();
}

void CursorsView::requestTypedUser()
{
    if (!m_userIdEdit->hasAcceptableInput())
        return;
    const QString ref = m_userIdEdit->text();
    m_requestedRef = ref;
    m_failure.clear();
    updateUserLabel();
    // A copy: a receiver may fail it at once and clear m_requestedRef under the signal.
    Q_EMIT cursorsRequested(ref);
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
    m_userIdLabel->setText(tr("&User ID or account:"));
    m_userIdEdit->setPlaceholderText(tr("e.g. 42 or 13800000000"));
    m_show->setText(tr("&Show"));
    updateUserLabel();
}

void CursorsView::updateUserLabel()
{
    if (!m_requestedRef.isEmpty()) {
        m_userLabel->setText(tr("Loading the cursors of %1…").arg(m_requestedRef));
    } else if (!m_failure.isEmpty()) {
        m_userLabel->setText(m_failure);
    } else if (m_shownUserId > 0) {
        m_userLabel->setText(tr("User %1, account %2, as of %3")
                                 .arg(m_shownUserId)
                                 .arg(m_shownUser.value(u"account"_s).toString(),
                                      m_shownAt.toString(u"HH:mm:ss"_s)));
    } else {
        m_userLabel->setText(
            tr("Enter a user ID or an account, or double-click a lagging device."));
    }
}

} // namespace Im::Admin
