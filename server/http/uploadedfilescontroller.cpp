#include "http/uploadedfilescontroller.h"

#include "http/envelope.h"
#include "http/filedownload.h"

#include <QDateTime>
#include <QFileInfo>
#include <QLocale>
#include <QMimeDatabase>
#include <QTimeZone>
#include <QUrl>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace Im::Http {

namespace {

const QString routePrefix = u"/uploads"_s;

// IMF-fixdate (RFC 9110 §5.6.7), the only date form sent and understood.
const QString httpDateFormat = u"ddd, dd MMM yyyy hh:mm:ss 'GMT'"_s;

QByteArray httpDate(const QDateTime &time)
{
    return QLocale::c().toString(time.toUTC(), httpDateFormat).toLatin1();
}

QDateTime parseHttpDate(const QByteArray &text)
{
    QDateTime time = QLocale::c().toDateTime(QString::fromLatin1(text.trimmed()), httpDateFormat);
    time.setTimeZone(QTimeZone::utc());
    return time;
}

bool etagMatches(QByteArrayView header, const QByteArray &etag)
{
    for (QByteArrayView candidate : QByteArray(header.toByteArray()).split(',')) {
        candidate = candidate.trimmed();
        if (candidate == "*" || candidate == etag || candidate == "W/" + etag)
            return true;
    }
    return false;
}

//! \a response with the headers that let clients cache the file.
HttpResponse withValidators(HttpResponse response, const QByteArray &etag,
                            const QDateTime &modified)
{
    response.setHeader("ETag", etag);
    response.setHeader("Last-Modified", httpDate(modified));
    // Names are never reused, so a file never changes under its URL.
    response.setHeader("Cache-Control", "public, max-age=31536000, immutable");
    response.setHeader("X-Content-Type-Options", "nosniff");
    return response;
}

//! The file's answer, on a worker: 404 unless it is a stored file, 304 when the client's copy is
//! current, otherwise the file or the range asked for.
HttpResponse fileResponse(const Media::UploadStore &store, const QString &relativePath,
                          const HttpRequest &request)
{
    const Result<QString> path = store.resolve(relativePath);
    if (!path) {
        return Envelope::failure(
            404, u"Cannot %1 %2"_s.arg(QString::fromLatin1(request.methodName()), request.path));
    }
    const QFileInfo info(*path);
    const QDateTime modified = info.lastModified().toUTC();
    const QByteArray etag = '"' + QByteArray::number(info.size(), 16) + '-'
        + QByteArray::number(modified.toMSecsSinceEpoch(), 16) + '"';
    const QByteArray ifNoneMatch = request.header("if-none-match");
    const QDateTime ifModifiedSince = parseHttpDate(request.header("if-modified-since"));
    // If-None-Match wins over If-Modified-Since (RFC 9110 §13.1.3).
    bool current = false;
    if (!ifNoneMatch.isEmpty())
        current = etagMatches(ifNoneMatch, etag);
    else if (ifModifiedSince.isValid())
        current = modified.toSecsSinceEpoch() <= ifModifiedSince.toSecsSinceEpoch();
    if (current)
        return withValidators(HttpResponse::empty(304), etag, modified);
    const QByteArray contentType =
        QMimeDatabase().mimeTypeForFile(*path, QMimeDatabase::MatchExtension).name().toLatin1();
    HttpResponse response = fileDownload(request, *path, contentType);
    if (response.status == 200 || response.status == 206)
        return withValidators(std::move(response), etag, modified);
    return response;
}

} // namespace

UploadedFilesController::UploadedFilesController(Media::UploadStore store, QThreadPool &workers,
                                                 QObject *parent)
    : QObject(parent)
    , m_store(std::move(store))
    , m_workers(workers)
{ }

void UploadedFilesController::registerRoutes(Router &router)
{
    const QString pattern = routePrefix + u"/*path"_s;
    router.add(HttpRequest::Method::Get, pattern,
               [this](const HttpRequest &request) { return serve(request); });
    router.add(HttpRequest::Method::Head, pattern,
               [this](const HttpRequest &request) { return serve(request); });
}

QString UploadedFilesController::baseUrl(const QString &publicUrl)
{
    return publicUrl + routePrefix + u'/';
}

QString UploadedFilesController::urlFor(const QString &baseUrl, const QString &relativePath)
{
    return baseUrl + QString::fromLatin1(QUrl::toPercentEncoding(relativePath, "/"));
}

QFuture<HttpResponse> UploadedFilesController::serve(const HttpRequest &request) const
{
    // Only what the answer depends on crosses to the worker.
    HttpRequest conditions;
    conditions.method = request.method;
    conditions.path = request.path;
    conditions.headers = request.headers;
    return QtConcurrent::run(
        &m_workers,
        [store = m_store, relativePath = request.pathParameters.value(u"path"_s), conditions] {
            return fileResponse(store, relativePath, conditions);
        });
}

} // namespace Im::Http
