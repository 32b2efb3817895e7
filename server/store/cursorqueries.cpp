#include "store/cursorqueries.h"

#include "store/messagequeries.h"

using namespace Qt::StringLiterals;

namespace Im::Store {

namespace {

// The device column is NOT NULL: a client without a device id is the empty (not null) id.
QVariant deviceKey(const QString &deviceId)
{
    return deviceId.isNull() ? QVariant(QStringLiteral("")) : QVariant(deviceId);
}

} // namespace

Result<qint64> loadCursor(DbSession &session, int userId, const QString &deviceId)
{
    auto cursor = session.scalar(
        u"SELECT `lastAck` FROM `DeliveryCursors` WHERE `userId` = ? AND `deviceId` = ?"_s,
        { userId, deviceKey(deviceId) });
    if (!cursor)
        return cursor.error();
    return cursor.value().toLongLong(); // a null QVariant (no row) reads as 0
}

Result<qint64> loadOrRecordCursor(DbSession &session, int userId, const QString &deviceId)
{
    const QString insert = session.isMariaDb()
        ? u"INSERT IGNORE INTO `DeliveryCursors` (`userId`, `deviceId`, `lastAck`, `updatedAt`) "
          "VALUES (?, ?, 0, ?)"_s
        : u"INSERT INTO `DeliveryCursors` (`userId`, `deviceId`, `lastAck`, `updatedAt`) VALUES "
          "(?, ?, 0, ?) ON CONFLICT (`userId`, `deviceId`) DO NOTHING"_s;
    if (auto done = session.run(insert, { userId, deviceKey(deviceId), session.now() }); !done)
        return done.error();
    return loadCursor(session, userId, deviceId);
}

Result<void> raiseCursors(DbSession &session, const QList<DeliveryCursor> &cursors)
{
    const QString upsert = session.isMariaDb()
        ? u"INSERT INTO `DeliveryCursors` (`userId`, `deviceId`, `lastAck`, `updatedAt`) VALUES "
          "(?, ?, ?, ?) ON DUPLICATE KEY UPDATE `lastAck` = GREATEST(`lastAck`, "
          "VALUES(`lastAck`)), `updatedAt` = VALUES(`updatedAt`)"_s
        : u"INSERT INTO `DeliveryCursors` (`userId`, `deviceId`, `lastAck`, `updatedAt`) VALUES "
          "(?, ?, ?, ?) ON CONFLICT (`userId`, `deviceId`) DO UPDATE SET `lastAck` = "
          "max(`lastAck`, excluded.`lastAck`), `updatedAt` = excluded.`updatedAt`"_s;
    return session.transaction([&]() -> Result<void> {
        const QString now = session.now();
        for (const DeliveryCursor &cursor : cursors) {
            if (auto done = session.run(
                    upsert, { cursor.userId, deviceKey(cursor.deviceId), cursor.lastAck, now });
                !done) {
                return done;
            }
        }
        return {};
    });
}

Result<qint64> acknowledgeUpTo(DbSession &session, int userId, const QString &deviceId, qint64 id)
{
    auto newest = newestMessageId(session);
    if (!newest)
        return newest.error();
    if (auto done = raiseCursors(session, { { userId, deviceId, std::min(id, newest.value()) } });
        !done) {
        return done.error();
    }
    return loadCursor(session, userId, deviceId);
}

Result<QList<DeliveryCursor>> cursorsOf(DbSession &session, int userId)
{
    auto rows = session.query(u"SELECT `deviceId`, `lastAck` FROM `DeliveryCursors` WHERE "
                              "`userId` = ? ORDER BY `deviceId`"_s,
                              { userId });
    if (!rows)
        return rows.error();
    QList<DeliveryCursor> cursors;
    while (rows.value().next())
        cursors.append(
            { userId, rows.value().value(0).toString(), rows.value().value(1).toLongLong() });
    return cursors;
}

} // namespace Im::Store
