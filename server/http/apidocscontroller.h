#pragma once

#include "http/router.h"

#include <QJsonObject>
#include <QObject>
#include <QString>

namespace Im::Http {

//! The API's documentation (spec §17): the OpenAPI 3 document at `/api/docs-json`, embedded from
//! resources/openapi/openapi.json with `servers` filled in per request, and Swagger UI at
//! `/api/docs` from npm's swagger-ui-dist in \a swaggerUiDir (installed by the set-up scripts, not
//! kept in the repository). Without those files `/api/docs` answers 503 and says how to get them;
//! the document is served regardless.
class ApiDocsController : public QObject
{
public:
    explicit ApiDocsController(QString swaggerUiDir, QObject *parent = nullptr);

    void registerRoutes(Router &router);

    //! The embedded document as written, without servers.
    [[nodiscard]] static QJsonObject document();
    //! Whether the route \a path (a router pattern) is left out of the document on purpose: the
    //! documentation itself, and the Socket.IO endpoint at \a socketPath (not REST; see
    //! docs/SOCKETIO.md).
    [[nodiscard]] static bool isUndocumented(const QString &path, const QString &socketPath);
    //! The files of Swagger UI that the page uses and \a swaggerUiDir lacks, as full paths
    //! (`--check-config` names them). Touches the disk.
    [[nodiscard]] static QStringList missingFiles(const QString &swaggerUiDir);

private:
    QFuture<HttpResponse> documentJson(const HttpRequest &request) const;
    QFuture<HttpResponse> page() const;
    QFuture<HttpResponse> asset(const HttpRequest &request) const;

    const QString m_swaggerUiDir;
    const QJsonObject m_document;
};

} // namespace Im::Http
