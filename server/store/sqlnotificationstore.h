#pragma once

#include "im/notificationstore.h"

namespace Im::Store {

class DbExecutor;

//! The messaging domain's NotificationStore on the SQL database (notifyqueries); every call is one
//! job of the executor.
class SqlNotificationStore final : public Core::NotificationStore
{
public:
    explicit SqlNotificationStore(DbExecutor &database);

    QFuture<Result<QList<Core::PendingNotification>>> pending(int receiver, int limit) override;
    QFuture<Result<void>> advance(int receiver, const QString &notifyId, int status) override;

private:
    DbExecutor &m_database;
};

} // namespace Im::Store
