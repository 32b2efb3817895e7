#include "im/friendship.h"

#include "im/jsonvalues.h"

using namespace Qt::StringLiterals;

namespace Im::Core {

QJsonObject FriendSettings::toJson() const
{
    return QJsonObject {
        { u"id"_s, id },
        { u"userId"_s, userId },
        { u"friendId"_s, friendId },
        { u"remark"_s, jsonOrNull(remark) },
        { u"astrolabe"_s, astrolabe },
        { u"block"_s, block },
        { u"createdAt"_s, createdAt },
        { u"updatedAt"_s, updatedAt },
    };
}

} // namespace Im::Core
