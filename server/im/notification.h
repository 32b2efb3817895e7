#pragma once

#include <QJsonObject>
#include <QString>

namespace Im::Core {

//! `Notifies.type` (spec §12).
namespace NotifyType {
constexpr int AddFriend = 1;
constexpr int DelFriend = 2;
} // namespace NotifyType

//! `Notifies.status` (spec §12): a request can be answered only while it is at most Readed.
namespace NotifyStatus {
constexpr int Initial = 1;
constexpr int Received = 2;
constexpr int Readed = 3;
constexpr int Fulfilled = 4;
constexpr int Rejected = 5;
} // namespace NotifyStatus

//! A notify id is a UUID: a longer one is refused before any lookup (the column's width).
constexpr qsizetype maxNotifyIdLength = 64;

//! One notification as it is pushed to its receiver (the `send-notify` job of spec §9.9): the
//! stored Notify row, with the sender's public user info instead of only its id.
struct Notification
{
    QString id; //!< the Notify row's UUID; an answer to a request keeps the request's id
    int type = NotifyType::AddFriend;
    int senderId = 0;
    QJsonObject senderInfo; //!< public user info: never a password hash or permissions
    int receiverId = 0;
    int status = NotifyStatus::Initial;
    qint64 timer = 0; //!< epoch milliseconds
    QString remark; //!< may be empty, never absent on the wire (D-35)
    QString ext;
};

} // namespace Im::Core
