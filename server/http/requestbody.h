#pragma once

#include "http/httprequest.h"

#include <QJsonObject>

#include <optional>

namespace Im::Http {

//! The request body as a JSON object: `application/json`, or `application/x-www-form-urlencoded`
//! (which the original accepted too; its values are strings). nullopt for any other body, invalid
//! JSON, or a JSON value that is not an object. An empty body is an empty object.
[[nodiscard]] std::optional<QJsonObject> bodyObject(const HttpRequest &request);

} // namespace Im::Http
