#include "im/chatmessage.h"

#include "im/jsonvalues.h"

using namespace Qt::StringLiterals;

namespace Im::Core {

QJsonObject StoredMessage::toJson() const
{
    return QJsonObject {
        { u"id"_s, id },
        { u"seq"_s, seq },
        { u"msgId"_s, msgId },
        { u"type"_s, type },
        { u"sender"_s, sender },
        { u"groupId"_s, groupId != 0 ? QJsonValue(groupId) : QJsonValue(QJsonValue::Null) },
        { u"receiver"_s, receiver },
        { u"content"_s, content },
        { u"timer"_s, timer },
        { u"ext"_s, jsonOrNull(ext) },
        { u"senderInfo"_s, senderInfo },
    };
}

} // namespace Im::Core
