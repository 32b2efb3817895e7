#include "models/jsontablemodel.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QJsonArray>
#include <QLocale>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace Qt::StringLiterals;
using Im::Admin::Column;
using Im::Admin::JsonTableModel;
using Im::Admin::TableDefinition;
using Im::Admin::ValueFormat;

namespace {

//! A row for \a definition whose key fields derive from \a key and whose other fields from
//! \a seed, with a value of the right type for every column's format.
QJsonObject makeRow(const TableDefinition &definition, int key, int seed)
{
    QJsonObject row;
    for (const Column &column : definition.columns) {
        const bool isKey = definition.keyFields.contains(column.field);
        const int n = isKey ? key : seed;
        switch (column.format) {
        case ValueFormat::Text:
        case ValueFormat::Keyword:
            row.insert(column.field, u"%1-%2"_s.arg(column.field).arg(n));
            break;
        case ValueFormat::DateTime:
            row.insert(column.field,
                       QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC)
                           .addSecs(n)
                           .toString(Qt::ISODateWithMs));
            break;
        case ValueFormat::YesNo:
            row.insert(column.field, n % 2 == 0);
            break;
        default:
            row.insert(column.field, n * 7 % 101);
        }
    }
    return row;
}

QJsonArray makeRows(const TableDefinition &definition, const QList<int> &keys, int seed)
{
    QJsonArray rows;
    for (int key : keys)
        rows.append(makeRow(definition, key, seed + key));
    return rows;
}

QStringList columnTexts(const QAbstractItemModel &model, int column)
{
    QStringList texts;
    for (int row = 0; row < model.rowCount(); ++row)
        texts.append(model.index(row, column).data().toString());
    return texts;
}

} // namespace

Q_DECLARE_METATYPE(TableDefinition)

class TestJsonTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void everyTablePassesTheModelTester_data()
    {
        QTest::addColumn<TableDefinition>("definition");
        QTest::newRow("sessions") << Im::Admin::Tables::sessions();
        QTest::newRow("queueUsers") << Im::Admin::Tables::queueUsers();
        QTest::newRow("cursorRows") << Im::Admin::Tables::cursorRows();
        QTest::newRow("laggingDevices") << Im::Admin::Tables::laggingDevices();
    }

    void everyTablePassesTheModelTester()
    {
        QFETCH(TableDefinition, definition);
        JsonTableModel model(definition);
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(JsonTableModel::SortRole);
        proxy.setFilterKeyColumn(-1);
        QAbstractItemModelTester modelTester(&model,
                                             QAbstractItemModelTester::FailureReportingMode::Fatal);
        QAbstractItemModelTester proxyTester(&proxy,
                                             QAbstractItemModelTester::FailureReportingMode::Fatal);
        QCOMPARE(model.columnCount(), definition.columns.size());

        model.setRows(makeRows(definition, { 1, 2, 3, 4, 5 }, 0)); // inserts
        QCOMPARE(model.rowCount(), 5);
        model.setRows(makeRows(definition, { 1, 2, 3, 4, 5 }, 10)); // updates
        model.setRows(makeRows(definition, { 2, 4 }, 10)); // removes, two ranges
        QCOMPARE(model.rowCount(), 2);
        model.setRows(makeRows(definition, { 9, 2, 7, 4, 8 }, 20)); // all three at once
        QCOMPARE(model.rowCount(), 5);

        for (int column = 0; column < model.columnCount(); ++column) {
            proxy.sort(column, Qt::AscendingOrder);
            proxy.sort(column, Qt::DescendingOrder);
        }
        // Sorted and filtered while the source changes underneath.
        proxy.setFilterFixedString(u"-9"_s);
        model.setRows(makeRows(definition, { 9, 19, 4 }, 30));
        proxy.setFilterFixedString(QString());
        QCOMPARE(proxy.rowCount(), 3);
        model.resetRows(makeRows(definition, { 5, 6 }, 40));
        QCOMPARE(proxy.rowCount(), 2);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(proxy.rowCount(), 0);
        model.retranslate();
        model.setRows({ 1, u"not an object"_s }); // anything but objects is skipped
        QCOMPARE(model.rowCount(), 0);
    }

    void keyedUpdatesKeepUnchangedRowsAndTheirIndexes()
    {
        const TableDefinition definition = Im::Admin::Tables::sessions();
        JsonTableModel model(definition);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setRows(makeRows(definition, { 1, 2, 3, 4 }, 0));
        const QPersistentModelIndex second(model.index(1, 2));
        const QPersistentModelIndex fourth(model.index(3, 0));
        const QString secondText = second.data().toString();
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);

        // Row 1 vanishes, row 4 changes, rows 2 and 3 stay as they are, row 5 is new.
        QJsonArray next = makeRows(definition, { 2, 3 }, 0);
        QJsonObject changed = makeRow(definition, 4, 0);
        changed.insert(u"account"_s, u"changed"_s);
        next.append(changed);
        next.append(makeRow(definition, 5, 0));
        model.setRows(next);

        QCOMPARE(resets.size(), 0);
        QCOMPARE(changes.size(), 1); // only row 4
        QCOMPARE(changes.first().at(0).value<QModelIndex>().row(), fourth.row());
        QVERIFY(second.isValid());
        QCOMPARE(second.row(), 0);
        QCOMPARE(second.data().toString(), secondText);
        QVERIFY(fourth.isValid());
        QCOMPARE(model.rowObject(fourth.row()).value(u"account"_s).toString(), u"changed"_s);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.rowOf(makeRow(definition, 5, 0)), 3);
        QCOMPARE(model.rowOf(makeRow(definition, 1, 0)), -1);

        // The same rows again change nothing.
        model.setRows(next);
        QCOMPARE(changes.size(), 1);
    }

    void duplicateKeysKeepTheFirstRow()
    {
        const TableDefinition definition = Im::Admin::Tables::laggingDevices();
        JsonTableModel model(definition);
        QJsonObject first = makeRow(definition, 1, 1);
        QJsonObject second = makeRow(definition, 1, 2);
        model.setRows({ first, second });
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.rowObject(0), first);
    }

    void numbersSortAsNumbersAndTimesAsTimes()
    {
        const TableDefinition definition = Im::Admin::Tables::queueUsers();
        JsonTableModel model(definition);
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(JsonTableModel::SortRole);
        QJsonArray rows;
        for (const int queued : { 100, 9, 1500, 10 })
            rows.append(QJsonObject { { u"userId"_s, queued }, { u"queued"_s, queued } });
        rows.append(QJsonObject { { u"userId"_s, 1 } }); // no figure: sorts first
        model.setRows(rows);
        const int queuedColumn = 3;
        QCOMPARE(definition.columns.at(queuedColumn).field, u"queued"_s);
        proxy.sort(queuedColumn, Qt::AscendingOrder);
        QCOMPARE(columnTexts(proxy, queuedColumn),
                 QStringList({ QString(), u"9"_s, u"10"_s, u"100"_s, u"1,500"_s }));
        proxy.sort(queuedColumn, Qt::DescendingOrder);
        QCOMPARE(columnTexts(proxy, queuedColumn).first(), u"1,500"_s);

        const TableDefinition sessions = Im::Admin::Tables::sessions();
        JsonTableModel sessionModel(sessions);
        proxy.setSourceModel(&sessionModel);
        sessionModel.setRows({
            QJsonObject { { u"socketId"_s, u"a"_s },
                          { u"connectedSince"_s, u"2024-05-01T10:00:00.000Z"_s } },
            QJsonObject { { u"socketId"_s, u"b"_s },
                          { u"connectedSince"_s, u"2024-05-01T09:00:00.000+02:00"_s } },
        });
        proxy.sort(5, Qt::AscendingOrder); // connectedSince: b is 07:00 UTC
        QCOMPARE(proxy.index(0, 5).data(JsonTableModel::SortRole).toLongLong(),
                 QDateTime(QDate(2024, 5, 1), QTime(7, 0), Qt::UTC).toMSecsSinceEpoch());
    }

    void valuesAreShownForPeople()
    {
        JsonTableModel model(Im::Admin::Tables::sessions());
        const QDateTime utc(QDate(2024, 5, 1), QTime(10, 0, 5), Qt::UTC);
        model.setRows({ QJsonObject {
            { u"socketId"_s, u"s1"_s },
            { u"userId"_s, 123456 },
            { u"transport"_s, u"websocket"_s },
            { u"connectedSince"_s, utc.toString(Qt::ISODateWithMs) },
            { u"pendingAcks"_s, 12345 },
            { u"bufferedBytes"_s, 2048 },
        } });
        const auto text = [&model](int column) { return model.index(0, column).data().toString(); };
        QCOMPARE(text(0), u"123456"_s); // an id, no separators
        QCOMPARE(text(3), u"WebSocket"_s);
        QCOMPARE(text(5), utc.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s));
        QCOMPARE(text(7), u"12,345"_s);
        QCOMPARE(text(8), QLocale().formattedDataSize(2048));
        QCOMPARE(text(1), QString()); // missing
        QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), u"User ID"_s);

        QCOMPARE(Im::Admin::formatDuration(850), u"850 ms"_s);
        QCOMPARE(Im::Admin::formatDuration(4200), u"4.2 s"_s);
        QCOMPARE(Im::Admin::formatDuration(185000), u"3 min 5 s"_s);
        QCOMPARE(Im::Admin::formatDuration(2 * 3600000 + 600000), u"2 h 10 min"_s);
        QCOMPARE(Im::Admin::formatDuration(3 * 86400000LL + 4 * 3600000), u"3 d 4 h"_s);
    }
};

QTEST_GUILESS_MAIN(TestJsonTableModel)
#include "tst_jsontablemodel.moc"
