#pragma once

#include "im/notification.h"
#include "im/result.h"
#include "im/storednotify.h"
#include "store/dbsession.h"

#include <QJsonObject>
#include <QList>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

namespace Im::Store {

//! `SELECT <the StoredNotify columns> FROM \`Notifies\` ` (a trailing space): append the
//! WHERE clause.
[[nodiscard]] QString selectNotifies();
//! The StoredNotify read from a row of selectNotifies().
[[nodiscard]] Core::StoredNotify notifyFrom(const QSqlQuery &query);

//! A pending notification with the public user info of its sender.
struct PendingNotify
{
    Core::StoredNotify notify;
    QJsonObject senderInfo;

    //! `{id, type, sender, receiver, status, timer, remark, ext, createdAt, updatedAt,
    //! senderInfo}`: the intended row of `GET /events/notify` (D-27).
    [[nodiscard]] QJsonObject toJson() const;
};

//! The notifications addressed to \a receiver that are still Initial, oldest first, at most
//! \a limit.
Result<QList<PendingNotify>> pendingNotifies(DbSession &session, int receiver, int limit);

//! Moves my notification \a notifyId forward to \a status (Received or Readed); a status never
//! moves backwards, so marking an answered or already read one changes nothing. NotFound when no
//! notification with that id is addressed to \a receiver (D-23).
Result<void> advanceNotify(DbSession &session, int receiver, const QString &notifyId, int status);

} // namespace Im::Store
