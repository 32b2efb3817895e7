#pragma once

#include "http/router.h"
#include "media/uploadstore.h"

#include <QObject>
#include <QThreadPool>

#include <optional>

namespace Im::Http {

//! `GET`/`HEAD /uploads/<path>`: the chat media files (spec §14, D-40), public as in the original.
//! Only regular files below the store's root are served (no traversal, no symlink out, no hidden
//! or half-written files); content type by extension, one `Range` per request (206/416),
//! `ETag`/`Last-Modified` with 304, and long caching since names are never reused. Files are
//! read on the media workers.
class UploadedFilesController : public QObject
{
public:
    UploadedFilesController(Media::UploadStore store, QThreadPool &workers,
                            QObject *parent = nullptr);

    void registerRoutes(Router &router);

    //! Where clients reach the files, given the server's public URL (PUBLIC_URL, without a
    //! trailing '/'): `<publicUrl>/uploads/`. Never built from a request's Host header.
    [[nodiscard]] static QString baseUrl(const QString &publicUrl);
    //! The URL of the stored file \a relativePath under \a baseUrl.
    [[nodiscard]] static QString urlFor(const QString &baseUrl, const QString &relativePath);

private:
    QFuture<HttpResponse> serve(const HttpRequest &request) const;

    Media::UploadStore m_store;
    QThreadPool &m_workers;
};

} // namespace Im::Http
