#include "models/jsontablemodel.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSet>

using namespace Qt::StringLiterals;

namespace Im::Admin {

JsonTableModel::JsonTableModel(TableDefinition definition, QObject *parent)
    : QAbstractTableModel(parent)
    , m_definition(std::move(definition))
{ }

QString JsonTableModel::keyOf(const QJsonObject &object) const
{
    QJsonArray key;
    for (const QString &field : m_definition.keyFields)
        key.append(object.value(field));
    return QString::fromUtf8(QJsonDocument(key).toJson(QJsonDocument::Compact));
}

QList<QJsonObject> JsonTableModel::uniqueObjects(const QJsonArray &rows) const
{
    QList<QJsonObject> objects;
    objects.reserve(rows.size());
    QSet<QString> seen;
    for (const QJsonValue &row : rows) {
        if (!row.isObject())
            continue;
        const QJsonObject object = row.toObject();
        if (!seen.contains(keyOf(object))) {
            seen.insert(keyOf(object));
            objects.append(object);
        }
    }
    return objects;
}

void JsonTableModel::rebuildIndex()
{
    m_rowByKey.clear();
    m_rowByKey.reserve(m_rows.size());
    for (int row = 0; row < m_rows.size(); ++row)
        m_rowByKey.insert(keyOf(m_rows.at(row)), row);
}

void JsonTableModel::setRows(const QJsonArray &rows)
{
    const QList<QJsonObject> incoming = uniqueObjects(rows);
    QHash<QString, qsizetype> incomingByKey;
    incomingByKey.reserve(incoming.size());
    for (qsizetype i = 0; i < incoming.size(); ++i)
        incomingByKey.insert(keyOf(incoming.at(i)), i);

    // Remove vanished rows, last first, one contiguous range at a time.
    for (int last = int(m_rows.size()) - 1; last >= 0;) {
        if (incomingByKey.contains(keyOf(m_rows.at(last)))) {
            --last;
            continue;
        }
        int first = last;
        while (first > 0 && !incomingByKey.contains(keyOf(m_rows.at(first - 1))))
            --first;
        beginRemoveRows({}, first, last);
        m_rows.remove(first, last - first + 1);
        endRemoveRows();
        last = first - 1;
    }
    rebuildIndex();

    // Update the rows that stay, in place.
    QList<QJsonObject> added;
    for (const QJsonObject &object : incoming) {
        const auto existing = m_rowByKey.constFind(keyOf(object));
        if (existing == m_rowByKey.constEnd()) {
            added.append(object);
            continue;
        }
        const int row = *existing;
        if (m_rows.at(row) != object) {
            m_rows[row] = object;
            Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1));
        }
    }

    if (!added.isEmpty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        m_rows.append(added);
        endInsertRows();
        rebuildIndex();
    }
}

void JsonTableModel::resetRows(const QJsonArray &rows)
{
    beginResetModel();
    m_rows = uniqueObjects(rows);
    rebuildIndex();
    endResetModel();
}

QJsonObject JsonTableModel::rowObject(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : QJsonObject();
}

int JsonTableModel::rowOf(const QJsonObject &object) const
{
    return m_rowByKey.value(keyOf(object), -1);
}

void JsonTableModel::retranslate()
{
    if (columnCount() > 0)
        Q_EMIT headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

int JsonTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int JsonTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_definition.columns.size());
}

QVariant JsonTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Column &column = m_definition.columns.at(index.column());
    const QJsonValue value = m_rows.at(index.row()).value(column.field);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        if (column.missingText && (value.isNull() || value.isUndefined()))
            return QCoreApplication::translate("Im::Admin::Columns", column.missingText);
        return formatValue(value, column.format);
    case Qt::TextAlignmentRole:
        if (column.format != ValueFormat::Text && column.format != ValueFormat::Keyword
            && column.format != ValueFormat::DateTime)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortRole:
        return sortValue(value, column.format);
    case RawRole:
        return QVariant::fromValue(value);
    default:
        return {};
    }
}

QVariant JsonTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole)
        return m_definition.columns.at(section).translatedTitle();
    return {};
}

} // namespace Im::Admin
