#pragma once

#include "http/httprequest.h"
#include "http/httpresponse.h"

#include <QStringList>

namespace Im::Http {

//! CORS as the desktop client needs it (client contract §1.6 and §2): the request's Origin is
//! echoed, `null` included (packaged file:// pages), with credentials; preflights are answered for
//! every path. An empty allow-list reflects any Origin; otherwise only listed origins get headers.
class CorsPolicy
{
public:
    explicit CorsPolicy(QStringList allowedOrigins = {});

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
