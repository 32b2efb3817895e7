#pragma once

#include "models/tabledefinition.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

namespace Im::Admin {

//! A table over JSON objects from the admin API, one row per object, one column per
//! Column of its TableDefinition. setRows() merges by key: rows that stay keep their place (and
//! so the selection, the scroll position and persistent indexes), changed rows emit dataChanged,
//! new rows are appended and vanished rows removed.
class JsonTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Role {
        //! Numbers as numbers and times as milliseconds, for QSortFilterProxyModel::setSortRole.
        SortRole = Qt::UserRole + 1,
        //! The field's JSON value as a QJsonValue.
        RawRole,
    };

    explicit JsonTableModel(TableDefinition definition, QObject *parent = nullptr);

    [[nodiscard]] const TableDefinition &definition() const { return m_definition; }

    //! Replaces the contents by \a rows (JSON objects; anything else is skipped), merging by key.
    void setRows(const QJsonArray &rows);
    //! Replaces the contents with a model reset (for a table that now shows something else).
    void resetRows(const QJsonArray &rows);
    void clear() { resetRows({}); }

    [[nodiscard]] QJsonObject rowObject(int row) const;
    //! The row whose key fields equal those of \a object, or -1.
    [[nodiscard]] int rowOf(const QJsonObject &object) const;

    //! Titles and translated values change with the language.
    void retranslate();

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index,
                                int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

private:
    [[nodiscard]] QString keyOf(const QJsonObject &object) const;
    //! Keeps the first of rows with the same key.
    [[nodiscard]] QList<QJsonObject> uniqueObjects(const QJsonArray &rows) const;
    void rebuildIndex();

    TableDefinition m_definition;
    QList<QJsonObject> m_rows;
    QHash<QString, int> m_rowByKey;
};

} // namespace Im::Admin
