#include "im/storednotify.h"

#include "im/jsonvalues.h"

using namespace Qt::StringLiterals;

namespace Im::Core {

QJsonObject StoredNotify::toSentJson() const
{
    return QJsonObject {
        { u"id"_s, id },
        { u"type"_s, type },
        { u"receiver"_s, receiver },
        { u"status"_s, status },
        { u"timer"_s, timer },
        { u"remark"_s, jsonOrNull(remark) },
        { u"ext"_s, jsonOrNull(ext) },
        { u"createdAt"_s, createdAt },
        { u"updatedAt"_s, updatedAt },
    };
}

Notification StoredNotify::toNotification(int senderId, const QJsonObject &senderInfo,
                                          int receiverId) const
{
    Notification notification;
    notification.id = id;
    notification.type = type;
    notification.senderId = senderId;
    notification.senderInfo = senderInfo;
    notification.receiverId = receiverId;
    notification.status = status;
    notification.timer = timer;
    notification.remark = remark.toString();
    notification.ext = ext.toString();
    return notification;
}

} // namespace Im::Core
