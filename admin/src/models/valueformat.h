#pragma once

#include <QJsonValue>
#include <QString>
#include <QVariant>

namespace Im::Admin {

//! How a field of the admin API is shown and sorted.
enum class ValueFormat {
    Text, //!< as sent
    Id, //!< an integer identifier: no group separators
    Count, //!< an integer or decimal figure, localized
    DateTime, //!< ISO-8601 from the server, shown in local time (today's without the date)
    DurationMs, //!< milliseconds, shown as "850 ms", "4.2 s", "3 min 5 s"
    DurationSeconds, //!< seconds, shown like DurationMs
    Bytes, //!< shown as "1.5 KiB"
    YesNo, //!< a boolean
    Keyword, //!< a server keyword (up, down, websocket, group, ...) translated for display
};

//! The text shown for \a value (empty for null or missing values), translated and localized.
[[nodiscard]] QString formatValue(const QJsonValue &value, ValueFormat format);
//! The value a view sorts by: numbers as numbers, times as milliseconds since the epoch.
[[nodiscard]] QVariant sortValue(const QJsonValue &value, ValueFormat format);
//! A duration in milliseconds for people: "850 ms", "4.2 s", "3 min 5 s", "2 h 10 min", "3 d 4 h".
[[nodiscard]] QString formatDuration(qint64 milliseconds);

} // namespace Im::Admin
