#pragma once

#include "im/result.h"
#include "media/imagefiles.h"
#include "media/uploadstore.h"
#include "media/videoposter.h"

#include <QByteArray>
#include <QFuture>
#include <QHash>
#include <QObject>
#include <QPromise>
#include <QThreadPool>

#include <functional>
#include <memory>

namespace Im::Media {

//! A stored chat image: paths relative to the store's root.
struct ImageUpload
{
    QString path;
    QString smallPath; //!< the 20 px wide placeholder (PNG)
};

//! A stored chat video: paths relative to the store's root.
struct VideoUpload
{
    QString path;
    QString shotPath; //!< the poster frame at half the duration (PNG)
    QString smallPath; //!< the poster's 20 px wide placeholder (PNG)
};

//! Produces the uploaded file's bytes (or the client's mistake). It runs on a worker thread:
//! taking a large request body apart is work too.
using UploadSource = std::function<Result<QByteArray>()>;

//! Chat media uploads (spec §14, with D-48/D-49 fixed): checks what a file really is, stores it
//! under the server's own name with its placeholder (and a video's poster frame), all or nothing.
//! Lives on the network thread; uploads (parsing, decoding, writing) run on the decode pool,
//! serving files on a pool of its own, so a download never waits behind decodes; ffmpeg runs as
//! an asynchronous process. Its destructor waits for both pools.
class MediaUploads : public QObject
{
public:
    struct Settings
    {
        QString rootDir; //!< the chat media root, `<upload dir>/chat`
        VideoPoster::Settings video;
        int maxVideosInProgress = 4; //!< more answer 429 (each runs ffmpeg)
        int decodeThreads = 2; //!< images decoded at once (MEDIA_DECODE_THREADS)
        int maxQueuedDecodes = 16; //!< image uploads waiting for a decoder; more answer 503
        qint64 maxImagePixels = defaultMaxImagePixels; //!< IMAGE_MAX_PIXELS
        int fileThreads = 2; //!< threads serving files under /uploads/
    };

    explicit MediaUploads(Settings settings, QObject *parent = nullptr);
    ~MediaUploads() override;

    //! Malformed for a file that is not an accepted image, TooLarge for a canvas over the pixel
    //! limit, Unavailable when every decoder is busy and the queue is full; the source's own
    //! errors pass through.
    QFuture<Result<ImageUpload>> storeImage(int userId, UploadSource source);
    //! Malformed for a file that is not an accepted, decodable video; Unavailable when ffmpeg is
    //! missing (nothing is stored then); TooManyRequests when too many videos are in progress.
    QFuture<Result<VideoUpload>> storeVideo(int userId, UploadSource source);

    [[nodiscard]] const UploadStore &store() const { return m_store; }
    //! The file pool, for blocking work on the media files (serving them); never used to decode.
    [[nodiscard]] QThreadPool &workers() { return m_files; }
    //! Image uploads accepted and not answered yet (decoding or queued).
    [[nodiscard]] int imagesInProgress() const { return m_imagesInProgress; }

private:
    struct StagedVideo;
    //! Takes the poster of a stored video, then stores the poster and its placeholder.
    void finishVideo(const StagedVideo &video,
                     const std::shared_ptr<QPromise<Result<VideoUpload>>> &promise);
    //! On a worker: writes the poster \a png of \a video and its placeholder, or removes the
    //! video when there is no poster.
    static Result<VideoUpload> storePoster(const UploadStore &store, const StagedVideo &video,
                                           const Result<QByteArray> &png, qint64 maxPixels);
    //! Answers a video upload that counted as in progress.
    void settleVideo(QPromise<Result<VideoUpload>> &promise, Result<VideoUpload> result);

    UploadStore m_store;
    Settings m_settings;
    QThreadPool m_decoders;
    QThreadPool m_files;
    int m_videosInProgress = 0;
    int m_imagesInProgress = 0;
    //! Files of videos whose poster is still being made, removed if this object goes first.
    QHash<VideoPoster *, QStringList> m_unfinished;
};

} // namespace Im::Media
