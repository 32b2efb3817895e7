#include "im/group.h"

#include "im/jsonvalues.h"

using namespace Qt::StringLiterals;

namespace Im::Core {

QJsonObject Group::toJson() const
{
    QJsonObject json {
        { u"id"_s, id },
        { u"name"_s, jsonOrNull(name) },
        { u"avatar"_s, jsonOrNull(avatar) },
        { u"type"_s, type },
        { u"creator"_s, creator },
        { u"createdAt"_s, createdAt },
        { u"updatedAt"_s, updatedAt },
        { u"count"_s, count },
    };
    if (members)
        json.insert(u"members"_s, *members);
    return json;
}

} // namespace Im::Core
