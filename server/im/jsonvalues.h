#pragma once

#include <QJsonValue>
#include <QVariant>

namespace Im::Core {

//! A stored value as JSON: a null (SQL NULL) stays JSON null, the same rule for every row.
[[nodiscard]] inline QJsonValue jsonOrNull(const QVariant &value)
{
    return value.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue::fromVariant(value);
}

} // namespace Im::Core
