#pragma once

#include "im/notification.h"

#include <QJsonObject>
#include <QString>
#include <QVariant>

namespace Im::Core {

//! A stored notification (a `Notifies` row, spec §12). `remark` and `ext` are null or text (D-35).
struct StoredNotify
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
    [[nodiscard]] Notification toNotification(int senderId, const QJsonObject &senderInfo,
                                              int receiverId) const;
};

} // namespace Im::Core
