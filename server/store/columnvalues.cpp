#include "store/columnvalues.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace Im::Store {

QString wireDate(const QVariant &value)
{
    if (value.isNull())
        return {};
    if (value.metaType().id() == QMetaType::QDateTime)
        return value.toDateTime().toString(u"yyyy-MM-dd HH:mm:ss"_s);
    return value.toString().left(19).replace(u'T', u' ');
}

QJsonValue wireDateOrNull(const QVariant &value)
{
    return value.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(wireDate(value));
}

QVariant textOrNull(const QVariant &value)
{
    return value.isNull() ? QVariant() : QVariant(value.toString());
}

QString publicUserColumns(QStringView alias)
{
    return u"%1.`id`, %1.`account`, %1.`avatar`, %1.`email`, %1.`regisTime`, %1.`updateTime`, "
           "%1.`roleId`"_s.arg(alias);
}

QJsonObject publicUserFrom(const QSqlQuery &query, int first)
{
    const QVariant roleId = query.value(first + 6);
    return QJsonObject {
        { u"id"_s, query.value(first).toInt() },
        { u"account"_s, jsonOrNull(textOrNull(query.value(first + 1))) },
        { u"avatar"_s, jsonOrNull(textOrNull(query.value(first + 2))) },
        { u"email"_s, jsonOrNull(textOrNull(query.value(first + 3))) },
        { u"regisTime"_s, wireDateOrNull(query.value(first + 4)) },
        { u"updateTime"_s, wireDateOrNull(query.value(first + 5)) },
        { u"roleId"_s,
          roleId.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(roleId.toInt()) },
    };
}

} // namespace Im::Store
