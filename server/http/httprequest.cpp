#include "http/httprequest.h"

#include <array>

namespace Im::Http {

namespace {

using Method = HttpRequest::Method;

constexpr std::array<std::pair<Method, const char *>, 9> methodNames { {
    { Method::Get, "GET" },
    { Method::Put, "PUT" },
    { Method::Delete, "DELETE" },
    { Method::Post, "POST" },
    { Method::Head, "HEAD" },
    { Method::Options, "OPTIONS" },
    { Method::Patch, "PATCH" },
    { Method::Connect, "CONNECT" },
    { Method::Trace, "TRACE" },
} };

} // namespace

QByteArray methodName(HttpRequest::Method method)
{
    for (const auto &[value, name] : methodNames) {
        if (value == method)
            return name;
    }
    return "UNKNOWN";
}

HttpRequest::Method methodFromName(QByteArrayView name)
{
    for (const auto &[value, known] : methodNames) {
        if (name == QByteArrayView(known))
            return value;
    }
    return Method::Unknown;
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
    return methodToken.isEmpty() ? Http::methodName(method) : methodToken;
}

} // namespace Im::Http
