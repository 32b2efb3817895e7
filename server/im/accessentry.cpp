#include "im/accessentry.h"

using namespace Qt::StringLiterals;

namespace Im::Core {

QJsonObject AccessEntry::toJson() const
{
    return QJsonObject {
        { u"id"_s, id },
        { u"name"_s, name },
        { u"desc"_s, description },
        { u"createdAt"_s, createdAt },
        { u"updatedAt"_s, updatedAt },
    };
}

} // namespace Im::Core
