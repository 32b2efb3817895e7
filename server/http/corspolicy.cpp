#include "http/corspolicy.h"

#include <algorithm>

namespace Im::Http {

namespace {

const QByteArray allowedMethods = "GET, POST, PUT, DELETE, OPTIONS";
const QByteArray defaultAllowedHeaders = "Content-Type, Accept, authorization, userid";
const QByteArray exposedHeaders = "authorization, userid";
const QByteArray maxAgeSeconds = "60";

bool isAlpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// RFC 3986 scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ).
bool isScheme(QByteArrayView scheme)
{
    if (scheme.isEmpty() || !isAlpha(scheme.front()))
        return false;
    return std::all_of(scheme.begin(), scheme.end(), [](char c) {
        return isAlpha(c) || isDigit(c) || c == '+' || c == '-' || c == '.';
    });
}

// A registered name or IPv4 address (letters, digits, '-', '.', '_', '~'), or a bracketed IPv6
// literal. Percent-encoding and user info never appear in a serialised origin.
bool isHost(QByteArrayView host)
{
    if (host.isEmpty())
        return false;
    if (host.front() == '[') {
        if (host.size() < 3 || host.back() != ']')
            return false;
        const QByteArrayView inner = host.sliced(1, host.size() - 2);
        return std::all_of(inner.begin(), inner.end(), [](char c) {
            return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':'
                || c == '.';
        });
    }
    return std::all_of(host.begin(), host.end(), [](char c) {
        return isAlpha(c) || isDigit(c) || c == '-' || c == '.' || c == '_' || c == '~';
    });
}

bool isPort(QByteArrayView port)
{
    return !port.isEmpty() && port.size() <= 5 && std::all_of(port.begin(), port.end(), isDigit);
}

bool isTokenChar(char c)
{
    return isAlpha(c) || isDigit(c) || QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

} // namespace

bool CorsPolicy::isValidOrigin(QByteArrayView origin)
{
    // The packaged client's file:// pages report `null`, or `file://` in some Chromium versions.
    if (origin == "null" || origin == "file://")
        return true;
    const qsizetype separator = origin.indexOf("://");
    if (separator <= 0 || !isScheme(origin.first(separator)))
        return false;
    QByteArrayView authority = origin.sliced(separator + 3);
    // The port follows the last ':' outside an IPv6 literal's brackets.
    const qsizetype colon = authority.lastIndexOf(':');
    if (colon >= 0 && colon > authority.lastIndexOf(']')) {
        if (!isPort(authority.sliced(colon + 1)))
            return false;
        authority = authority.first(colon);
    }
    return isHost(authority);
}

bool CorsPolicy::isValidHeaderList(QByteArrayView list)
{
    bool sawToken = false;
    for (const char c : list) {
        if (isTokenChar(c))
            sawToken = true;
        else if (c != ',' && c != ' ' && c != '\t')
            return false;
    }
    return sawToken;
}

CorsPolicy::CorsPolicy(QStringList allowedOrigins)
    : m_allowedOrigins(std::move(allowedOrigins))
{ }

bool CorsPolicy::isPreflight(const HttpRequest &request)
{
    return request.method == HttpRequest::Method::Options && request.hasHeader("origin")
        && request.hasHeader("access-control-request-method");
}

bool CorsPolicy::isAllowed(const QByteArray &origin) const
{
    if (!isValidOrigin(origin))
        return false;
    return m_allowedOrigins.isEmpty() || m_allowedOrigins.contains(QString::fromUtf8(origin));
}

HttpResponse CorsPolicy::preflightResponse(const HttpRequest &request) const
{
    HttpResponse response = HttpResponse::empty(204);
    response.setHeader("Vary", "Origin, Access-Control-Request-Headers");
    const QByteArray origin = request.header("origin");
    if (!isAllowed(origin))
        return response;
    response.setHeader("Access-Control-Allow-Origin", origin);
    response.setHeader("Access-Control-Allow-Credentials", "true");
    response.setHeader("Access-Control-Allow-Methods", allowedMethods);
    // Reflecting the requested headers lets every header the client's libraries add through; the
    // auth headers are what matter and they are always among them.
    const QByteArray requested = request.header("access-control-request-headers");
    response.setHeader("Access-Control-Allow-Headers",
                       isValidHeaderList(requested) ? requested : defaultAllowedHeaders);
    response.setHeader("Access-Control-Max-Age", maxAgeSeconds);
    return response;
}

void CorsPolicy::decorate(const HttpRequest &request, HttpResponse &response) const
{
    const QByteArray origin = request.header("origin");
    if (origin.isEmpty())
        return;
    response.setHeader("Vary", "Origin");
    if (!isAllowed(origin))
        return;
    response.setHeader("Access-Control-Allow-Origin", origin);
    response.setHeader("Access-Control-Allow-Credentials", "true");
    response.setHeader("Access-Control-Expose-Headers", exposedHeaders);
}

} // namespace Im::Http
