#include "http/httpresponse.h"

#include <QJsonDocument>

namespace Im::Http {

HttpResponse HttpResponse::json(int status, const QJsonObject &object)
{
    return { status,
             "application/json; charset=utf-8",
             QJsonDocument(object).toJson(QJsonDocument::Compact),
             {} };
}

HttpResponse HttpResponse::text(int status, const QByteArray &text)
{
    return { status, "text/html; charset=utf-8", text, {} };
}

HttpResponse HttpResponse::empty(int status)
{
    return { status, {}, {}, {} };
}

void HttpResponse::setHeader(const QByteArray &name, const QByteArray &value)
{
    for (auto &entry : headers) {
        if (entry.first.compare(name, Qt::CaseInsensitive) == 0) {
            entry.second = value;
            return;
        }
    }
    headers.append({ name, value });
}

QByteArray HttpResponse::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 204:
        return "No Content";
    case 206:
        return "Partial Content";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 413:
        return "Payload Too Large";
    case 415:
        return "Unsupported Media Type";
    case 416:
        return "Range Not Satisfiable";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    default:
        return status < 400 ? "OK" : (status < 500 ? "Bad Request" : "Internal Server Error");
    }
}

} // namespace Im::Http
