#include "http/envelope.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Im::Http::Envelope {

HttpResponse success(const QJsonValue &data, const QString &message)
{
    QJsonObject body { { u"statusCode"_s, 200 } };
    if (!message.isEmpty())
        body.insert(u"message"_s, message);
    if (!data.isUndefined())
        body.insert(u"data"_s, data);
    return HttpResponse::json(200, body);
}

HttpResponse failure(int status, const QString &message, const QJsonValue &data)
{
    const QString reason = QString::fromLatin1(reasonPhrase(status));
    QJsonObject body { { u"statusCode"_s, status } };
    if (message.isEmpty() || message == reason) {
        body.insert(u"message"_s, reason);
    } else {
        body.insert(u"message"_s, message);
        body.insert(u"error"_s, reason);
    }
    if (!data.isUndefined())
        body.insert(u"data"_s, data);
    return HttpResponse::json(status, body);
}

int statusFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Malformed:
        return 400;
    case ErrorCode::Unauthorized:
        return 401;
    case ErrorCode::PermissionDenied:
        return 403;
    case ErrorCode::NotFound:
        return 404;
    case ErrorCode::Duplicate:
    case ErrorCode::Conflict:
        return 409;
    case ErrorCode::TooLarge:
        return 413;
    case ErrorCode::TooManyRequests:
        return 429;
    case ErrorCode::Unavailable:
        return 503;
    case ErrorCode::Internal:
        return 500;
    }
    return 500;
}

HttpResponse internalError()
{
    return failure(500, u"Internal server error"_s);
}

HttpResponse fromError(const Error &error)
{
    const int status = statusFor(error.code);
    if (status == 500)
        return internalError();
    return failure(status, error.message);
}

} // namespace Im::Http::Envelope
