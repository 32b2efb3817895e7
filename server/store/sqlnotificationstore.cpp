#include "store/sqlnotificationstore.h"

#include "store/dbexecutor.h"
#include "store/notifyqueries.h"

namespace Im::Store {

SqlNotificationStore::SqlNotificationStore(DbExecutor &database)
    : m_database(database)
{ }

QFuture<Result<QList<Core::PendingNotification>>> SqlNotificationStore::pending(int receiver,
                                                                                int limit)
{
    return m_database.run<QList<Core::PendingNotification>>(
        [receiver, limit](DbSession &session) -> Result<QList<Core::PendingNotification>> {
            auto rows = pendingNotifies(session, receiver, limit);
            if (!rows)
                return rows.error();
            QList<Core::PendingNotification> pending;
            pending.reserve(rows->size());
            for (const PendingNotify &row : rows.value()) {
                pending.append({ row.notify.toNotification(row.notify.sender, row.senderInfo,
                                                           row.notify.receiver),
                                 row.toJson() });
            }
            return pending;
        });
}

QFuture<Result<void>> SqlNotificationStore::advance(int receiver, const QString &notifyId,
                                                    int status)
{
    return m_database.run<void>([receiver, notifyId, status](DbSession &session) {
        return advanceNotify(session, receiver, notifyId, status);
    });
}

} // namespace Im::Store
