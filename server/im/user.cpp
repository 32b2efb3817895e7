#include "im/user.h"

#include "im/jsonvalues.h"

#include <QJsonArray>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Im::Core {

QJsonObject User::toJson() const
{
    QJsonArray permissionList;
    for (const PermissionInfo &permission : permissions) {
        permissionList.append(QJsonObject { { u"id"_s, permission.id },
                                            { u"name"_s, permission.name },
                                            { u"desc"_s, permission.description } });
    }
    return QJsonObject {
        { u"id"_s, id },
        { u"account"_s, account },
        { u"avatar"_s, jsonOrNull(avatar) },
        { u"email"_s, jsonOrNull(email) },
        { u"regisTime"_s, regisTime },
        { u"updateTime"_s, updateTime },
        { u"roleId"_s, jsonOrNull(roleId) },
        { u"roleName"_s, roleName },
        { u"roleDesc"_s, roleDescription },
        { u"permissions"_s, permissionList },
    };
}

bool isValidEmail(const QString &email)
{
    static const QRegularExpression pattern(u"^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"_s);
    return email.size() <= maxUserTextLength && pattern.match(email).hasMatch();
}

} // namespace Im::Core
