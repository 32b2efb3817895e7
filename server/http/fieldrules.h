#pragma once

#include "http/httprequest.h"
#include "http/httpresponse.h"

#include <QFuture>
#include <QJsonObject>
#include <QVariant>

#include <optional>

namespace Im::Http {

//! The field checks every controller applies to JSON bodies and paths. Types are strict: a number
//! where a string is expected (or "5" where a number is) is rejected, never converted.
namespace FieldRules {

//! Longest text the VARCHAR(255) columns take.
inline constexpr qsizetype maxColumnLength = 255;

//! A required string of 1..\a maxLength characters.
bool requiredString(const QJsonObject &body, const QString &key, QString *out,
                    qsizetype maxLength = maxColumnLength);
//! An optional string: absent or null gives a null QVariant; otherwise a string of at most
//! \a maxLength characters.
bool optionalString(const QJsonObject &body, const QString &key, QVariant *out,
                    qsizetype maxLength = maxColumnLength);
//! An optional boolean: absent leaves \a out alone; present must be a JSON boolean.
bool optionalBool(const QJsonObject &body, const QString &key, std::optional<bool> *out);
//! A JSON number that is a whole number in 1..INT_MAX.
[[nodiscard]] std::optional<int> positiveInteger(const QJsonValue &value);
//! The query parameter \a key as a decimal integer in \a min..\a max, \a fallback when absent;
//! nullopt when present but invalid.
[[nodiscard]] std::optional<qint64> queryInteger(const HttpRequest &request, const QString &key,
                                                 qint64 fallback, qint64 min, qint64 max);
//! The `:id` path parameter as a positive integer.
[[nodiscard]] std::optional<int> pathId(const HttpRequest &request);

} // namespace FieldRules

//! 400 `Incorrect request parameter.`, the original's answer to an invalid body.
[[nodiscard]] HttpResponse badParameters();
//! An answer that needs no waiting, as a handler's future.
[[nodiscard]] QFuture<HttpResponse> ready(HttpResponse response);

} // namespace Im::Http
