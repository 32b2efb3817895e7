#pragma once

#include "http/httpresponse.h"
#include "im/error.h"

#include <QJsonValue>
#include <QString>

namespace Im::Http {

//! The original server's JSON envelope. Success is always HTTP 200 with `{statusCode: 200,
//! message?, data?}` (the desktop client accepts nothing else); errors carry the HTTP status in
//! both places, as NestJS serialised its exceptions: `{statusCode, message, error}` or, when the
//! message is the reason phrase itself, `{statusCode, message}`.
namespace Envelope {

[[nodiscard]] HttpResponse success(const QJsonValue &data = QJsonValue::Undefined,
                                   const QString &message = QString());
[[nodiscard]] HttpResponse failure(int status, const QString &message = QString(),
                                   const QJsonValue &data = QJsonValue::Undefined);

//! `{"statusCode": 500, "message": "Internal server error"}`, never with details.
[[nodiscard]] HttpResponse internalError();

//! The one place that maps an ErrorCode to an HTTP status.
[[nodiscard]] int statusFor(ErrorCode code);
//! failure() for \a error; Internal errors never reveal their message to the client.
[[nodiscard]] HttpResponse fromError(const Error &error);

} // namespace Envelope
} // namespace Im::Http
