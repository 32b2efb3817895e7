#pragma once

#include "http/httprequest.h"
#include "http/httpresponse.h"

#include <QStringList>

namespace Im::Http {

//! CORS as the desktop client needs it (client contract §1.6 and §2): the request's Origin is
//! echoed, `null` included (packaged file:// pages), with credentials; preflights are answered for
//! every path. An empty allow-list reflects any Origin; otherwise only listed origins get headers.
//! Only a syntactically valid origin is ever echoed, so no client byte (CR, LF, NUL...) can reach a
//! response header through it.
class CorsPolicy
{
public:
    explicit CorsPolicy(QStringList allowedOrigins = {});

    //! True for `null`, `file://` and `scheme://host[:port]` (RFC 6454 serialised origins): the
    //! only Origin values that are echoed.
    [[nodiscard]] static bool isValidOrigin(QByteArrayView origin);
    //! True for a comma-separated list of header-name tokens (RFC 9110), the only
    //! Access-Control-Request-Headers value that is reflected.
    [[nodiscard]] static bool isValidHeaderList(QByteArrayView list);

    //! True for an OPTIONS request that carries Origin and Access-Control-Request-Method.
    [[nodiscard]] static bool isPreflight(const HttpRequest &request);
    //! The 204 answer to a preflight.
    [[nodiscard]] HttpResponse preflightResponse(const HttpRequest &request) const;
    //! Adds the CORS headers an actual response needs, when the request's Origin is allowed.
    void decorate(const HttpRequest &request, HttpResponse &response) const;

private:
    [[nodiscard]] bool isAllowed(const QByteArray &origin) const;

    QStringList m_allowedOrigins;
};

} // namespace Im::Http
