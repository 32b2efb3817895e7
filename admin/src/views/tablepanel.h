#pragma once

#include "models/tabledefinition.h"

#include <QJsonObject>
#include <QWidget>

#include <functional>
#include <optional>

class QAction;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class QToolBar;
class QTreeWidget;

namespace Im::Admin {

class JsonTableModel;

//! One table of the console: a filter line, a sortable table over a JsonTableModel through a
//! QSortFilterProxyModel, a details pane listing every field of the selected row (hidden until
//! Details is checked), Export… of the shown rows (CSV or JSON), and the row's actions (Copy row
//! and whatever the view adds) in a tool bar and the context menu. Columns marked hiddenByDefault
//! start hidden; the header's context menu shows or hides any column.
//! Child object names derive from \a name: `<name>Table`, `<name>Filter`, `<name>Details`,
//! `<name>Count`, `copyRowAction`, `exportAction`, `detailsAction`.
class TablePanel : public QWidget
{
    Q_OBJECT

public:
    using RowHandler = std::function<void(const QJsonObject &row)>;

    TablePanel(const TableDefinition &definition, const QString &name, QWidget *parent = nullptr);

    [[nodiscard]] JsonTableModel *model() const { return m_model; }
    [[nodiscard]] QSortFilterProxyModel *proxy() const { return m_proxy; }
    [[nodiscard]] QTableView *table() const { return m_table; }
    [[nodiscard]] QLineEdit *filterEdit() const { return m_filter; }
    [[nodiscard]] QTreeWidget *details() const { return m_details; }
    [[nodiscard]] QAction *copyRowAction() const { return m_copyRow; }
    [[nodiscard]] QAction *exportAction() const { return m_export; }
    [[nodiscard]] QAction *detailsAction() const { return m_showDetails; }

    //! Writes the shown rows to \a path: JSON for a `.json` file, CSV otherwise. False (with
    //! \a error set) when the file cannot be written.
    bool exportTo(const QString &path, QString *error = nullptr) const;

    //! While not live (the server is out of reach) the rows are greyed and the row actions are
    //! off: they would act on a picture of the past.
    void setLive(bool live);
    [[nodiscard]] bool isLive() const { return m_live; }

    //! Merges \a rows into the table (see JsonTableModel::setRows).
    void setRows(const QJsonArray &rows);
    //! Replaces the table's contents (another user's rows, for example).
    void resetRows(const QJsonArray &rows);

    //! The selected row's object, if a row is selected.
    [[nodiscard]] std::optional<QJsonObject> selectedRow() const;
    //! The selected row as shown, tab-separated (tabs and line breaks inside values become spaces).
    [[nodiscard]] QString selectedRowText() const;
    //! Puts selectedRowText() on the clipboard.
    void copySelectedRow();

    //! Adds an action for the selected row, enabled only while a row is selected. \a text is
    //! marked with QT_TRANSLATE_NOOP("Im::Admin::RowActions", ...) so it follows the language.
    QAction *addRowAction(const QString &objectName, const char *text, RowHandler handler);

    //! Whether actions that change the server ask first (tests turn this off).
    void setConfirmActions(bool confirm) { m_confirmActions = confirm; }
    //! Asks \a question with Yes/Cancel unless confirmations are off; true to go ahead.
    [[nodiscard]] bool confirm(const QString &title, const QString &question);

Q_SIGNALS:
    //! A row was double-clicked or activated with Enter.
    void rowActivated(const QJsonObject &row);

protected:
    void changeEvent(QEvent *event) override;

private:
    struct RowAction
    {
        QAction *action;
        const char *text;
    };

    void retranslate();
    void updateDetails();
    void updateActions();
    void updateCount();
    void sizeColumnsOnce();
    void exportWithDialog();
    void showColumnMenu(const QPoint &position);

    JsonTableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QToolBar *m_toolBar;
    QLineEdit *m_filter;
    QTableView *m_table;
    QTreeWidget *m_details;
    QLabel *m_count;
    QAction *m_copyRow;
    QAction *m_export;
    QAction *m_showDetails;
    QList<RowAction> m_rowActions;
    bool m_confirmActions = true;
    bool m_columnsSized = false;
    bool m_live = true;
};

//! Adds "Disconnect user" to \a panel: asks (naming the account and device), then calls \a request
//! with the row's `userId`.
QAction *addDisconnectUserAction(TablePanel *panel, std::function<void(int userId)> request);
//! Adds "Revoke sessions" to \a panel (the user must log in again): asks like
//! addDisconnectUserAction, then calls \a request with the row's `userId`.
QAction *addRevokeSessionsAction(TablePanel *panel, std::function<void(int userId)> request);

} // namespace Im::Admin
