#include "views/tablepanel.h"

#include "models/jsontablemodel.h"
#include "models/tableexport.h"

#include <QAction>
#include <QClipboard>
#include <QCoreApplication>
#include <QEvent>
#include <QFileDialog>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QSaveFile>
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
//! No column wider than this when sized to its contents: one long value must not push the others
//! off screen.
constexpr int maxColumnWidth = 240;

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
    , m_export(new QAction(this))
    , m_showDetails(new QAction(this))
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
    m_table->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table->horizontalHeader(), &QWidget::customContextMenuRequested, this,
            &TablePanel::showColumnMenu);
    for (qsizetype column = 0; column < definition.columns.size(); ++column)
        m_table->setColumnHidden(int(column), definition.columns.at(column).hiddenByDefault);
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

    m_export->setObjectName(u"exportAction"_s);
    connect(m_export, &QAction::triggered, this, &TablePanel::exportWithDialog);
    // The details pane is there when wanted, not a quarter of every tab all the time.
    m_showDetails->setObjectName(u"detailsAction"_s);
    m_showDetails->setCheckable(true);
    m_details->setVisible(false);
    connect(m_showDetails, &QAction::toggled, m_details, &QWidget::setVisible);

    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_toolBar->addWidget(m_filter);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_copyRow);
    m_toolBar->addAction(m_export);
    m_toolBar->addAction(m_showDetails);
    m_toolBar->addSeparator();

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);

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
        for (int column = 0; column < m_model->columnCount(); ++column)
            m_table->setColumnWidth(column, std::min(m_table->columnWidth(column), maxColumnWidth));
    }
}

bool TablePanel::exportTo(const QString &path, QString *error) const
{
    const ExportFormat format =
        path.endsWith(u".json"_s, Qt::CaseInsensitive) ? ExportFormat::Json : ExportFormat::Csv;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(exportRows(*m_model, *m_proxy, format)) < 0
        || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

void TablePanel::exportWithDialog()
{
    const QString csv = tr("CSV (*.csv)");
    const QString json = tr("JSON (*.json)");
    QString filter = csv;
    QString path = QFileDialog::getSaveFileName(this, tr("Export the shown rows"),
                                                objectName().chopped(5) + u".csv"_s,
                                                csv + u";;"_s + json, &filter);
    if (path.isEmpty())
        return;
    if (filter == json && !path.endsWith(u".json"_s, Qt::CaseInsensitive))
        path += u".json"_s;
    if (QString error; !exportTo(path, &error))
        QMessageBox::warning(this, tr("Export"), tr("Cannot write %1: %2").arg(path, error));
}

void TablePanel::showColumnMenu(const QPoint &position)
{
    QMenu menu(this);
    const TableDefinition &definition = m_model->definition();
    for (qsizetype column = 0; column < definition.columns.size(); ++column) {
        QAction *toggle = menu.addAction(definition.columns.at(column).translatedTitle());
        toggle->setCheckable(true);
        toggle->setChecked(!m_table->isColumnHidden(int(column)));
        connect(toggle, &QAction::toggled, this,
                [this, column](bool shown) { m_table->setColumnHidden(int(column), !shown); });
    }
    menu.exec(m_table->horizontalHeader()->mapToGlobal(position));
}

void TablePanel::setLive(bool live)
{
    if (m_live == live)
        return;
    m_live = live;
    m_table->setEnabled(live);
    m_details->setEnabled(live);
    updateActions();
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
    m_export->setText(tr("Export…"));
    m_export->setToolTip(tr("Save the shown rows as CSV or JSON"));
    m_showDetails->setText(tr("Details"));
    m_showDetails->setToolTip(tr("Show every field of the selected row beside the table"));
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
        rowAction.action->setEnabled(hasRow && m_live);
}

void TablePanel::updateCount()
{
    const int total = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    m_count->setText(shown == total ? tr("%n row(s)", nullptr, total)
                                    : tr("%1 of %n row(s) shown", nullptr, total).arg(shown));
    updateActions();
}

namespace {

//! "account 13800000000 (user 42), device phone": whom an action hits, named in its question.
QString userNamed(const QJsonObject &row)
{
    const auto text = [](const char *source) {
        return QCoreApplication::translate("Im::Admin::RowActions", source);
    };
    QString who = text(QT_TRANSLATE_NOOP("Im::Admin::RowActions", "account %1 (user %2)"))
                      .arg(row.value(u"account"_s).toString())
                      .arg(row.value(u"userId"_s).toInt());
    if (const QString device = row.value(u"deviceId"_s).toString(); !device.isEmpty())
        who = text(QT_TRANSLATE_NOOP("Im::Admin::RowActions", "%1, device %2")).arg(who, device);
    return who;
}

//! A row action on the row's user that asks \a question (with %1 = userNamed()) first.
QAction *addUserAction(TablePanel *panel, const QString &objectName, const char *title,
                       const char *question, std::function<void(int userId)> request)
{
    return panel->addRowAction(
        objectName, title,
        [panel, title, question, request = std::move(request)](const QJsonObject &row) {
            const int userId = row.value(u"userId"_s).toInt();
            const auto text = [](const char *source) {
                return QCoreApplication::translate("Im::Admin::RowActions", source);
            };
            if (userId > 0 && panel->confirm(text(title), text(question).arg(userNamed(row))))
                request(userId);
        });
}

} // namespace

QAction *addDisconnectUserAction(TablePanel *panel, std::function<void(int userId)> request)
{
    return addUserAction(
        panel, u"disconnectUserAction"_s,
        QT_TRANSLATE_NOOP("Im::Admin::RowActions", "Disconnect user"),
        QT_TRANSLATE_NOOP("Im::Admin::RowActions",
                          "Disconnect every session of %1? Its devices may connect again at once."),
        std::move(request));
}

QAction *addRevokeSessionsAction(TablePanel *panel, std::function<void(int userId)> request)
{
    return addUserAction(
        panel, u"revokeSessionsAction"_s,
        QT_TRANSLATE_NOOP("Im::Admin::RowActions", "Revoke sessions"),
        QT_TRANSLATE_NOOP("Im::Admin::RowActions",
                          "Revoke every session of %1? Its devices are disconnected and must log "
                          "in again."),
        std::move(request));
}

} // namespace Im::Admin
