#include "media/mediauploads.h"

#include "im/futures.h"
#include "media/imagefiles.h"
#include "media/logging.h"
#include "media/videosignature.h"

#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace Im::Media {

namespace {

template<typename T>
void settle(QPromise<Result<T>> &promise, Result<T> result)
{
    promise.addResult(std::move(result));
    promise.finish();
}

Error notAVideo()
{
    return makeError(ErrorCode::Malformed,
                     u"The file is not a supported video (mp4, mov, m4v, 3gp, webm or mkv)."_s);
}

} // namespace

struct MediaUploads::StagedVideo
{
    QString base; //!< `<userId>/<uuid>`
    QString path;
    QLatin1StringView demuxer;
};

MediaUploads::MediaUploads(Settings settings, QObject *parent)
    : QObject(parent)
    , m_store(settings.rootDir)
    , m_settings(std::move(settings))
{
    m_decoders.setMaxThreadCount(m_settings.decodeThreads);
    m_files.setMaxThreadCount(m_settings.fileThreads);
}

MediaUploads::~MediaUploads()
{
    m_decoders.waitForDone();
    m_files.waitForDone();
    // Shutdown while ffmpeg ran: the posters (children) stop it; their videos go too.
    for (const QStringList &paths : std::as_const(m_unfinished))
        m_store.remove(paths);
}

QFuture<Result<ImageUpload>> MediaUploads::storeImage(int userId, UploadSource source)
{
    // Each decode holds the whole canvas in memory: their number is bounded by the pool, and the
    // uploads waiting for it by the queue, so a burst of large images cannot exhaust memory.
    if (m_imagesInProgress >= m_settings.decodeThreads + m_settings.maxQueuedDecodes) {
        qCInfo(lcMedia) << "image upload refused:" << m_imagesInProgress << "in progress";
        return readyError<ImageUpload>(makeError(
            ErrorCode::Unavailable, u"Too many images are being processed; try again shortly."_s));
    }
    ++m_imagesInProgress;
    auto promise = std::make_shared<QPromise<Result<ImageUpload>>>();
    promise->start();
    QFuture<Result<ImageUpload>> future = promise->future();
    auto stored = QtConcurrent::run(
        &m_decoders,
        [store = m_store, userId, source = std::move(source),
         maxPixels = m_settings.maxImagePixels]() -> Result<ImageUpload> {
            const Result<QByteArray> bytes = source();
            if (!bytes)
                return bytes.error();
            const Result<CheckedImage> image = checkImage(*bytes, maxPixels);
            if (!image)
                return image.error();
            const Result<QString> base = store.newBaseName(userId);
            if (!base)
                return base.error();
            const ImageUpload upload { *base + image->suffix, *base + u"-small.png"_s };
            if (Result<void> written = store.write(upload.path, *bytes); !written)
                return written.error();
            if (Result<void> written = store.write(upload.smallPath, image->thumbnailPng);
                !written) {
                store.remove({ upload.path });
                return written.error();
            }
            qCInfo(lcMedia).noquote() << "stored image" << upload.path << bytes->size() << "bytes";
            return upload;
        });
    whenFinished(stored, this, [this, promise](Result<ImageUpload> upload) {
        --m_imagesInProgress;
        settle(*promise, std::move(upload));
    });
    return future;
}

QFuture<Result<VideoUpload>> MediaUploads::storeVideo(int userId, UploadSource source)
{
    auto promise = std::make_shared<QPromise<Result<VideoUpload>>>();
    promise->start();
    QFuture<Result<VideoUpload>> future = promise->future();
    if (m_videosInProgress >= m_settings.maxVideosInProgress) {
        settle(*promise,
               Result<VideoUpload>(makeError(ErrorCode::TooManyRequests,
                                             u"Too many videos are being processed; try again "
                                             "shortly."_s)));
        return future;
    }
    ++m_videosInProgress;

    auto staged = QtConcurrent::run(
        &m_decoders,
        [store = m_store, userId, source = std::move(source),
         ffmpeg = m_settings.video.ffmpegPath]() -> Result<StagedVideo> {
            const Result<QByteArray> bytes = source();
            if (!bytes)
                return bytes.error();
            const auto container = detectVideoContainer(*bytes);
            if (!container)
                return notAVideo();
            // Checked before anything is written, so a server without ffmpeg keeps nothing.
            if (!VideoPoster::ffmpegAvailable(ffmpeg))
                return VideoPoster::ffmpegMissing();
            const Result<QString> base = store.newBaseName(userId);
            if (!base)
                return base.error();
            StagedVideo video { *base, *base + container->suffix, container->demuxer };
            if (Result<void> written = store.write(video.path, *bytes); !written)
                return written.error();
            return video;
        });
    whenFinished(staged, this, [this, promise](Result<StagedVideo> video) {
        if (video)
            finishVideo(*video, promise);
        else
            settleVideo(*promise, video.error());
    });
    return future;
}

void MediaUploads::settleVideo(QPromise<Result<VideoUpload>> &promise, Result<VideoUpload> result)
{
    --m_videosInProgress;
    settle(promise, std::move(result));
}

void MediaUploads::finishVideo(const StagedVideo &video,
                               const std::shared_ptr<QPromise<Result<VideoUpload>>> &promise)
{
    auto *poster = new VideoPoster(m_settings.video, this);
    m_unfinished.insert(poster, { video.path });
    const auto posterDone = [this, poster, promise, video](Result<QByteArray> png) {
        m_unfinished.remove(poster);
        poster->deleteLater();
        auto stored = QtConcurrent::run(&m_decoders, &MediaUploads::storePoster, m_store, video,
                                        std::move(png), m_settings.maxImagePixels);
        whenFinished(stored, this, [this, promise](Result<VideoUpload> upload) {
            settleVideo(*promise, std::move(upload));
        });
    };
    poster->start(m_store.absolutePath(video.path), video.demuxer, posterDone);
}

Result<VideoUpload> MediaUploads::storePoster(const UploadStore &store, const StagedVideo &video,
                                              const Result<QByteArray> &png, qint64 maxPixels)
{
    const VideoUpload upload { video.path, video.base + u"-shot.png"_s,
                               video.base + u"-small.png"_s };
    Result<QByteArray> small =
        png ? thumbnailPng(*png, thumbnailWidth, maxPixels) : Result<QByteArray>(png.error());
    Result<void> written = small ? store.write(upload.shotPath, *png) : Result<void>(small.error());
    if (written)
        written = store.write(upload.smallPath, *small);
    if (!written) {
        // The video too: an upload is all or nothing.
        store.remove({ upload.path, upload.shotPath, upload.smallPath });
        return written.error();
    }
    qCInfo(lcMedia).noquote() << "stored video" << upload.path;
    return upload;
}

} // namespace Im::Media
