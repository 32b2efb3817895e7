#pragma once

#include <QDateTime>
#include <QString>
#include <QTimeZone>

#include <optional>

namespace Im {

//! Parses a UTC offset such as "+08:00", "-05:30" or "Z" (the TIMEZONE setting).
[[nodiscard]] std::optional<QTimeZone> parseUtcOffset(QStringView text);

//! The one date format of the wire and of the DATETIME columns: `YYYY-MM-DD HH:mm:ss` in \a zone.
[[nodiscard]] QString formatWireDateTime(const QDateTime &moment, const QTimeZone &zone);

} // namespace Im
