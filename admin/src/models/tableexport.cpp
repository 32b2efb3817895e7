#include "models/tableexport.h"

#include "models/jsontablemodel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSortFilterProxyModel>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace Im::Admin {

namespace {

QString csvField(QString text)
{
    if (!text.contains(u',') && !text.contains(u'"') && !text.contains(u'\n')
        && !text.contains(u'\r'))
        return text;
    text.replace(u"\""_s, u"\"\""_s);
    return u'"' + text + u'"';
}

QList<int> shownSourceRows(const QSortFilterProxyModel &proxy)
{
    QList<int> rows;
    for (int row = 0; row < proxy.rowCount(); ++row)
        rows.append(proxy.mapToSource(proxy.index(row, 0)).row());
    return rows;
}

} // namespace

QByteArray exportRows(const JsonTableModel &model, const QSortFilterProxyModel &proxy,
                      ExportFormat format)
{
    const QList<int> rows = shownSourceRows(proxy);
    if (format == ExportFormat::Json) {
        QJsonArray array;
        for (const int row : rows)
            array.append(model.rowObject(row));
        return QJsonDocument(array).toJson(QJsonDocument::Indented);
    }
    QStringList lines;
    QStringList header;
    for (int column = 0; column < model.columnCount(); ++column)
        header.append(csvField(model.headerData(column, Qt::Horizontal).toString()));
    lines.append(header.join(u','));
    for (const int row : rows) {
        QStringList cells;
        for (int column = 0; column < model.columnCount(); ++column)
            cells.append(csvField(model.index(row, column).data().toString()));
        lines.append(cells.join(u','));
    }
    // The BOM makes spreadsheet programs read UTF-8 (accounts and nicknames in Chinese).
    return "\xEF\xBB\xBF" + (lines.join(u"\r\n"_s) + u"\r\n"_s).toUtf8();
}

} // namespace Im::Admin
