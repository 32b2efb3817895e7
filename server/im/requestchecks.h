#pragma once

#include "im/result.h"

#include <QVariant>

namespace Im::Core {

//! What every service answers to a request that breaks its rules (the wire's 400 message).
[[nodiscard]] inline Error incorrectParameter()
{
    return makeError(ErrorCode::Malformed, QStringLiteral("Incorrect request parameter."));
}

//! An optional text field: null, or a string.
[[nodiscard]] inline bool isTextOrNull(const QVariant &value)
{
    return value.isNull() || value.typeId() == QMetaType::QString;
}

} // namespace Im::Core
