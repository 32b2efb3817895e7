#include "http/eventsuploadcontroller.h"

#include "http/envelope.h"
#include "http/fieldrules.h"
#include "http/multipartparser.h"
#include "http/uploadedfilescontroller.h"
#include "im/futures.h"
#include "media/mediauploads.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Im::Http {

namespace {

const QString imagePath = u"/api/v1/events/image"_s;
const QString videoPath = u"/api/v1/events/video"_s;
const QString fileField = u"file"_s;

// Room beyond the file for the headers, the multipart framing and a few small fields.
constexpr qint64 framingBytes = 64 * 1024;

//! The worker's part of an upload: the bytes of the one file in the field `file` of \a form.
Media::UploadSource fileOf(const HttpRequest &request, qint64 maxFileBytes)
{
    // Only the headers and the body cross to the worker, not the connection.
    HttpRequest form;
    form.headers = request.headers;
    form.body = request.body;
    return [form = std::move(form), maxFileBytes]() -> Result<QByteArray> {
        MultipartLimits limits;
        limits.maxParts = 8;
        limits.maxFileBytes = maxFileBytes;
        const auto parts = parseMultipart(form, limits);
        if (!parts)
            return parts.error();
        const MultipartPart *file = nullptr;
        for (const MultipartPart &part : *parts) {
            if (!part.isFile())
                continue; // text fields are ignored, as multer's single('file') did
            if (part.name != fileField || file) {
                return makeError(ErrorCode::Malformed,
                                 u"Exactly one file is expected, in the field `file`."_s);
            }
            file = &part;
        }
        if (!file || file->body.isEmpty())
            return makeError(ErrorCode::Malformed, u"A file in the field `file` is required."_s);
        return file->body;
    };
}

//! Runs \a store and answers with the URLs of the stored files (\a paths maps the result to
//! `{field: relative path}`), built on \a publicUrl, never on the request's Host header, which the
//! client chooses.
template<typename Upload, typename Store, typename Paths>
QFuture<HttpResponse> upload(QObject *context, const QString &publicUrl, Store &&store,
                             Paths &&paths)
{
    const QString baseUrl = UploadedFilesController::baseUrl(publicUrl);
    return thenOn(store(), context, [baseUrl, paths](Result<Upload> stored) {
        if (!stored)
            return Envelope::fromError(stored.error());
        QJsonObject data;
        for (const auto &[field, path] : paths(*stored))
            data.insert(field, UploadedFilesController::urlFor(baseUrl, path));
        return Envelope::success(data);
    });
}

} // namespace

EventsUploadController::EventsUploadController(Auth::AuthService &auth, Media::MediaUploads &media,
                                               Limits limits, QObject *parent)
    : RestController(auth, parent)
    , m_media(media)
    , m_limits(limits)
{ }

void EventsUploadController::registerRoutes(Router &router)
{
    using Method = HttpRequest::Method;
    addGuarded(router, Method::Post, imagePath, &EventsUploadController::image);
    addGuarded(router, Method::Post, videoPath, &EventsUploadController::video);
    // Multipart forms; the parser checks the type itself.
    router.acceptAnyBody(Method::Post, imagePath);
    router.acceptAnyBody(Method::Post, videoPath);
}

QList<PathSizeLimit> EventsUploadController::requestSizeLimits(const Limits &limits)
{
    return { { imagePath, limits.maxImageBytes + framingBytes },
             { videoPath, limits.maxVideoBytes + framingBytes } };
}

QFuture<HttpResponse> EventsUploadController::image(const HttpRequest &request,
                                                    const Auth::UserContext &user)
{
    const int me = user.id;
    return upload<Media::ImageUpload>(
        this, m_publicUrl,
        [&] { return m_media.storeImage(me, fileOf(request, m_limits.maxImageBytes)); },
        [](const Media::ImageUpload &stored) {
            return QList<std::pair<QString, QString>> { { u"path"_s, stored.path },
                                                        { u"smallPath"_s, stored.smallPath } };
        });
}

QFuture<HttpResponse> EventsUploadController::video(const HttpRequest &request,
                                                    const Auth::UserContext &user)
{
    const int me = user.id;
    return upload<Media::VideoUpload>(
        this, m_publicUrl,
        [&] { return m_media.storeVideo(me, fileOf(request, m_limits.maxVideoBytes)); },
        [](const Media::VideoUpload &stored) {
            return QList<std::pair<QString, QString>> { { u"path"_s, stored.path },
                                                        { u"shotPath"_s, stored.shotPath },
                                                        { u"smallPath"_s, stored.smallPath } };
        });
}

} // namespace Im::Http
