#include "http/httprequest.h"

#include <QMetaEnum>

namespace Im::Http {

HttpRequest HttpRequest::fromServerRequest(const QHttpServerRequest &request)
{
    HttpRequest copy;
    copy.method = request.method();
    const QUrl url = request.url();
    copy.path = url.path(QUrl::FullyDecoded);
    copy.query = request.query();
    copy.headers = request.headers();
    copy.body = request.body();
    copy.remoteAddress = request.remoteAddress();
    return copy;
}

QByteArray HttpRequest::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool HttpRequest::hasHeader(QByteArrayView name) const
{
    for (const auto &entry : headers) {
        if (entry.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QByteArray HttpRequest::methodName() const
{
    const char *key = QMetaEnum::fromType<Method>().valueToKey(int(method));
    return key ? QByteArray(key).toUpper() : QByteArray("UNKNOWN");
}

} // namespace Im::Http
