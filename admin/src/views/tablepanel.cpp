#include "views/tablepanel.h"

#include "models/jsontablemodel.h"

#include <QAction>
#include <QClipboard>
#include <QCoreApplication>
#include <QEvent>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QToolBar>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Im::Admin {

namespace {

constexpr int maxFilterLength = 200;

QString rowActionText(const char *text)
{
    return QCoreApplication::translate("Im::Admin::RowActions", text);
}

} // namespace

TablePanel::TablePanel(const TableDefinition &definition, const QString &name, QWidget *parent)
    : QWidget(parent)
    , m_model(new JsonTableModel(definition, this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_toolBar(new QToolBar(this))
    , m_filter(new QLineEdit(this))
    , m_table(new QTableView(this))
    , m_details(new QTreeWidget(this))
    , m_count(new QLabel(this))
    , m_copyRow(new QAction(this))
{
    setObjectName(name + u"Panel"_s);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(JsonTableModel::SortRole);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortLocaleAware(true);

    m_filter->setObjectName(name + u"Filter"_s);
    m_filter->setClearButtonEnabled(true);
    m_filter->setMaxLength(maxFilterLength);
    m_filter->setMaximumWidth(320);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterFixedString(text.trimmed());
        updateCount();
    });

    m_table->setObjectName(name + u"Table"_s);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(0, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionsMovable(true);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT rowActivated(m_model->rowObject(m_proxy->mapToSource(index).row()));
    });

    m_details->setObjectName(name + u"Details"_s);
    m_details->setColumnCount(2);
    m_details->setRootIsDecorated(false);
    m_details->setSelectionMode(QAbstractItemView::ContiguousSelection);
    m_details->setMinimumWidth(200);

    m_count->setObjectName(name + u"Count"_s);

    m_copyRow->setObjectName(u"copyRowAction"_s);
    m_copyRow->setShortcut(QKeySequence::Copy);
    m_copyRow->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_copyRow, &QAction::triggered, this, &TablePanel::copySelectedRow);
    m_table->addAction(m_copyRow);

    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_toolBar->addWidget(m_filter);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_copyRow);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_toolBar);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_count);

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateDetails();
        updateActions();
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this, &TablePanel::updateDetails);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &TablePanel::updateDetails);
    // Either model can change what the count says: the source its total, the proxy what is shown.
    for (const QAbstractItemModel *model : { static_cast<QAbstractItemModel *>(m_model),
                                             static_cast<QAbstractItemModel *>(m_proxy) }) {
        connect(model, &QAbstractItemModel::rowsInserted, this, &TablePanel::updateCount);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &TablePanel::updateCount);
        connect(model, &QAbstractItemModel::modelReset, this, &TablePanel::updateCount);
    }
    retranslate();
    updateActions();
}

void TablePanel::setRows(const QJsonArray &rows)
{
    const std::optional<QJsonObject> selected = selectedRow();
    m_model->setRows(rows);
    // QTableView selects a neighbour when the selected row goes; an action must never hit a
    // row the operator did not choose, so the selection goes with the row.
    if (selected && m_model->rowOf(*selected) < 0)
        m_table->clearSelection();
    sizeColumnsOnce();
}

void TablePanel::resetRows(const QJsonArray &rows)
{
    m_model->resetRows(rows);
    updateDetails();
    updateActions();
    sizeColumnsOnce();
}

void TablePanel::sizeColumnsOnce()
{
    // Once only: resizing on every refresh would make columns jump under the operator's eyes.
    if (!m_columnsSized && m_model->rowCount() > 0) {
        m_columnsSized = true;
        m_table->resizeColumnsToContents();
    }
}

std::optional<QJsonObject> TablePanel::selectedRow() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return std::nullopt;
    return m_model->rowObject(m_proxy->mapToSource(rows.first()).row());
}

QString TablePanel::selectedRowText() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    const int row = m_proxy->mapToSource(rows.first()).row();
    QStringList cells;
    for (int column = 0; column < m_model->columnCount(); ++column) {
        QString cell = m_model->index(row, column).data().toString();
        cell.replace(u'\t', u' ').replace(u'\n', u' ').replace(u'\r', u' ');
        cells.append(cell);
    }
    return cells.join(u'\t');
}

void TablePanel::copySelectedRow()
{
    if (const QString text = selectedRowText(); !text.isEmpty())
        QGuiApplication::clipboard()->setText(text);
}

QAction *TablePanel::addRowAction(const QString &objectName, const char *text, RowHandler handler)
{
    auto *action = new QAction(rowActionText(text), this);
    action->setObjectName(objectName);
    connect(action, &QAction::triggered, this, [this, handler = std::move(handler)] {
        if (const auto row = selectedRow())
            handler(*row);
    });
    m_rowActions.append({ action, text });
    m_table->addAction(action);
    m_toolBar->addAction(action);
    updateActions();
    return action;
}

bool TablePanel::confirm(const QString &title, const QString &question)
{
    if (!m_confirmActions)
        return true;
    QMessageBox box(QMessageBox::Question, title, question, QMessageBox::Yes | QMessageBox::Cancel,
                    this);
    box.setObjectName(u"confirmationBox"_s);
    box.setDefaultButton(QMessageBox::Cancel);
    return box.exec() == QMessageBox::Yes;
}

void TablePanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void TablePanel::retranslate()
{
    m_filter->setPlaceholderText(tr("Filter…"));
    m_copyRow->setText(tr("Copy row"));
    m_copyRow->setToolTip(tr("Copy the selected row to the clipboard as tab-separated text"));
    for (const RowAction &rowAction : std::as_const(m_rowActions))
        rowAction.action->setText(rowActionText(rowAction.text));
    m_details->setHeaderLabels({ tr("Field"), tr("Value") });
    m_model->retranslate();
    updateDetails();
    updateCount();
}

void TablePanel::updateDetails()
{
    m_details->clear();
    const auto row = selectedRow();
    if (!row)
        return;
    const TableDefinition &definition = m_model->definition();
    QList<QTreeWidgetItem *> items;
    for (const Column &column : definition.columns) {
        items.append(new QTreeWidgetItem(
            { column.translatedTitle(), formatValue(row->value(column.field), column.format) }));
    }
    // Fields the table has no column for are listed too, under their wire names.
    for (auto field = row->constBegin(); field != row->constEnd(); ++field) {
        if (!definition.columnFor(field.key()))
            items.append(new QTreeWidgetItem(
                { field.key(), formatValue(field.value(), ValueFormat::Text) }));
    }
    m_details->addTopLevelItems(items);
    m_details->resizeColumnToContents(0);
}

void TablePanel::updateActions()
{
    const bool hasRow = m_table->selectionModel()->hasSelection();
    m_copyRow->setEnabled(hasRow);
    for (const RowAction &rowAction : std::as_const(m_rowActions))
        rowAction.action->setEnabled(hasRow);
}

void TablePanel::updateCount()
{
    const int total = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    m_count->setText(shown == total ? tr("%n row(s)", nullptr, total)
                                    : tr("%1 of %n row(s) shown", nullptr, total).arg(shown));
    updateActions();
}

QAction *addDisconnectUserAction(TablePanel *panel, std::function<void(int userId)> request)
{
    return panel->addRowAction(
        u"disconnectUserAction"_s, QT_TRANSLATE_NOOP("Im::Admin::RowActions", "Disconnect user"),
        [panel, request = std::move(request)](const QJsonObject &row) {
            const int userId = row.value(u"userId"_s).toInt();
            const QString account = row.value(u"account"_s).toString();
            const QString question =
                QCoreApplication::translate("Im::Admin::RowActions",
                                            "Disconnect every session of user %1 (%2)?")
                    .arg(userId)
                    .arg(account);
            if (userId > 0
                && panel->confirm(
                    QCoreApplication::translate("Im::Admin::RowActions", "Disconnect user"),
                    question))
                request(userId);
        });
}

} // namespace Im::Admin
