#pragma once

#include "im/notification.h"
#include "im/result.h"
#include "store/dbsession.h"

#include <QJsonObject>
#include <QList>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

namespace Im::Store {

//! A `Notifies` row (spec §12). `remark` and `ext` are null or text (D-35).
struct NotifyRecord
{
    QString id;
    int type = 0;
    int sender = 0;
    int receiver = 0;
    int status = 0;
    qint64 timer = 0;
    QVariant remark;
    QVariant ext;
    QString createdAt; //!< `YYYY-MM-DD HH:mm:ss`
    QString updatedAt;

    //! `{id, type, receiver, status, timer, remark, ext, createdAt, updatedAt}`: a sent request.
    [[nodiscard]] QJsonObject toSentJson() const;
    //! The push of this row to \a receiverId, sent by \a senderId with public info \a senderInfo
    //! (an answer goes back to the requester, so the ends can differ from the row's).
    [[nodiscard]] Core::Notification toNotification(int senderId, const QJsonObject &senderInfo,
                                                    int receiverId) const;
};

//! `SELECT <the NotifyRecord columns> FROM \`Notifies\` ` (a trailing space): append the
//! WHERE clause.
[[nodiscard]] QString selectNotifies();
//! The NotifyRecord read from a row of selectNotifies().
[[nodiscard]] NotifyRecord notifyFrom(const QSqlQuery &query);

//! A pending notification with the public user info of its sender.
struct PendingNotify
{
    NotifyRecord notify;
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
