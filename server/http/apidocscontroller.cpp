#include "http/apidocscontroller.h"

#include "http/envelope.h"
#include "http/filedownload.h"
#include "http/logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace Im::Http {

namespace {

const QString pagePath = u"/api/docs"_s;
const QString documentPath = u"/api/docs-json"_s;
// The file that shows whether swagger-ui-dist is there at all.
const QString bundleFile = u"swagger-ui-bundle.js"_s;

// The only files of swagger-ui-dist the page uses; nothing else of the directory is reachable.
struct Asset
{
    QLatin1StringView name;
    const char *contentType;
};
constexpr Asset assets[] = {
    { "swagger-ui.css"_L1, "text/css; charset=utf-8" },
    { "swagger-ui-bundle.js"_L1, "text/javascript; charset=utf-8" },
    { "favicon-32x32.png"_L1, "image/png" },
    { "favicon-16x16.png"_L1, "image/png" },
};

QByteArray resource(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("embedded resource %s is missing", qPrintable(path));
    return file.readAll();
}

HttpResponse notInstalled()
{
    return Envelope::failure(503,
                             u"Swagger UI is not installed on this server: run "
                             "scripts/install-deps.sh or set SWAGGER_UI_DIR."_s);
}

// Where the API is, for Swagger UI's "Try it out": the host the client used when it is a plain
// host[:port], otherwise the page's own origin.
QJsonArray serversFor(const HttpRequest &request)
{
    static const QRegularExpression hostPattern(
        u"^([A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}\\])(:[0-9]{1,5})?$"_s);
    const QString host = QString::fromLatin1(request.header("host"));
    if (!hostPattern.match(host).hasMatch())
        return { QJsonObject { { u"url"_s, u"/"_s } } };
    const bool https =
        request.header("x-forwarded-proto").compare("https", Qt::CaseInsensitive) == 0;
    return { QJsonObject { { u"url"_s, (https ? u"https://"_s : u"http://"_s) + host } } };
}

} // namespace

ApiDocsController::ApiDocsController(QString swaggerUiDir, QObject *parent)
    : QObject(parent)
    , m_swaggerUiDir(std::move(swaggerUiDir))
    , m_document(document())
{
    // Start-up may touch the disk; requests check again off the network thread.
    if (!QFileInfo::exists(QDir(m_swaggerUiDir).filePath(bundleFile))) {
        qCWarning(lcHttp).noquote() << "Swagger UI not found in" << m_swaggerUiDir
                                    << "- /api/docs answers 503 (set SWAGGER_UI_DIR, or run "
                                       "scripts/install-deps.sh in a source build)";
    }
}

QStringList ApiDocsController::missingFiles(const QString &swaggerUiDir)
{
    QStringList missing;
    for (const Asset &asset : assets) {
        const QString path = QDir(swaggerUiDir).filePath(asset.name);
        if (!QFileInfo(path).isFile())
            missing.append(path);
    }
    return missing;
}

QJsonObject ApiDocsController::document()
{
    return QJsonDocument::fromJson(resource(u":/openapi/openapi.json"_s)).object();
}

bool ApiDocsController::isUndocumented(const QString &path, const QString &socketPath)
{
    return path == pagePath || path == documentPath || path.startsWith(pagePath + u'/')
        || path == socketPath || path + u'/' == socketPath;
}

void ApiDocsController::registerRoutes(Router &router)
{
    using Method = HttpRequest::Method;
    router.add(Method::Get, documentPath,
               [this](const HttpRequest &request) { return documentJson(request); });
    router.add(Method::Get, pagePath, [this](const HttpRequest &) { return page(); });
    router.add(Method::Get, pagePath + u"/:file"_s,
               [this](const HttpRequest &request) { return asset(request); });
}

QFuture<HttpResponse> ApiDocsController::documentJson(const HttpRequest &request) const
{
    QJsonObject document = m_document;
    document.insert(u"servers"_s, serversFor(request));
    return QtFuture::makeReadyFuture(HttpResponse::json(200, document));
}

QFuture<HttpResponse> ApiDocsController::page() const
{
    return QtConcurrent::run([dir = m_swaggerUiDir] {
        if (!QFileInfo::exists(QDir(dir).filePath(bundleFile)))
            return notInstalled();
        return HttpResponse::text(200, resource(u":/openapi/swagger-index.html"_s));
    });
}

QFuture<HttpResponse> ApiDocsController::asset(const HttpRequest &request) const
{
    const QString name = request.pathParameters.value(u"file"_s);
    const auto found = std::find_if(std::begin(assets), std::end(assets),
                                    [&name](const Asset &asset) { return name == asset.name; });
    if (found == std::end(assets))
        return QtFuture::makeReadyFuture(Envelope::failure(404));
    return QtConcurrent::run([request, path = QDir(m_swaggerUiDir).filePath(name), found] {
        if (!QFileInfo(path).isFile())
            return notInstalled();
        // Streamed when large (the bundle is over 1 MB), so pipelined requests for it cost no
        // memory per answer.
        HttpResponse response = fileDownload(request, path, QByteArray(found->contentType));
        // The files change only with the npm package.
        response.setHeader("Cache-Control", "public, max-age=86400");
        return response;
    });
}

} // namespace Im::Http
