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

QJsonValue jsonOrNull(const QVariant &value)
{
    return value.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue::fromVariant(value);
}

QVariant textOrNull(const QVariant &value)
{
    return value.isNull() ? QVariant() : QVariant(value.toString());
}

} // namespace Im::Store
