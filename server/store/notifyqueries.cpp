#include "store/notifyqueries.h"

#include "im/notification.h"
#include "store/columnvalues.h"

using namespace Qt::StringLiterals;

namespace Im::Store {

QString selectNotifies()
{
    return u"SELECT `id`, `type`, `sender`, `receiver`, `status`, `timer`, `remark`, `ext`, "
           "`createdAt`, `updatedAt` FROM `Notifies` "_s;
}

Core::StoredNotify notifyFrom(const QSqlQuery &query)
{
    Core::StoredNotify notify;
    notify.id = query.value(0).toString();
    notify.type = query.value(1).toInt();
    notify.sender = query.value(2).toInt();
    notify.receiver = query.value(3).toInt();
    notify.status = query.value(4).toInt();
    notify.timer = query.value(5).toLongLong();
    notify.remark = textOrNull(query.value(6));
    notify.ext = textOrNull(query.value(7));
    notify.createdAt = wireDate(query.value(8));
    notify.updatedAt = wireDate(query.value(9));
    return notify;
}

QJsonObject PendingNotify::toJson() const
{
    QJsonObject json = notify.toSentJson();
    json.insert(u"sender"_s, notify.sender);
    json.insert(u"senderInfo"_s, senderInfo);
    return json;
}

Result<QList<PendingNotify>> pendingNotifies(DbSession &session, int receiver, int limit)
{
    auto rows = session.query(
        u"SELECT n.`id`, n.`type`, n.`sender`, n.`receiver`, n.`status`, n.`timer`, n.`remark`, "
        "n.`ext`, n.`createdAt`, n.`updatedAt`, %1 FROM `Notifies` n JOIN `Users` u ON u.`id` = "
        "n.`sender` WHERE n.`receiver` = ? AND n.`status` = ? ORDER BY n.`timer`, n.`id` "
        "LIMIT ?"_s.arg(publicUserColumns(u"u")),
        { receiver, Core::NotifyStatus::Initial, limit });
    if (!rows)
        return rows.error();
    QList<PendingNotify> pending;
    while (rows.value().next())
        pending.append({ notifyFrom(rows.value()), publicUserFrom(rows.value(), 10) });
    return pending;
}

Result<void> advanceNotify(DbSession &session, int receiver, const QString &notifyId, int status)
{
    auto exists =
        session.scalar(u"SELECT COUNT(*) FROM `Notifies` WHERE `id` = ? AND `receiver` = ?"_s,
                       { notifyId, receiver });
    if (!exists)
        return exists.error();
    if (exists.value().toInt() == 0)
        return makeError(ErrorCode::NotFound, u"No notify found with id %1"_s.arg(notifyId));
    return session.run(u"UPDATE `Notifies` SET `status` = ?, `updatedAt` = ? WHERE `id` = ? AND "
                       "`receiver` = ? AND `status` < ?"_s,
                       { status, session.now(), notifyId, receiver, status });
}

} // namespace Im::Store
