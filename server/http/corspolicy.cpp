#include "http/corspolicy.h"

namespace Im::Http {

namespace {

const QByteArray allowedMethods = "GET, POST, PUT, DELETE, OPTIONS";
const QByteArray defaultAllowedHeaders = "Content-Type, Accept, authorization, userid";
const QByteArray exposedHeaders = "authorization, userid";
const QByteArray maxAgeSeconds = "60";

} // namespace

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
    if (origin.isEmpty())
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
                       requested.isEmpty() ? defaultAllowedHeaders : requested);
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
