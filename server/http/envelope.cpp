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
    return statusCodeFor(code);
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
