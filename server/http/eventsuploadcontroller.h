#pragma once

#include "auth/authservice.h"
#include "http/requestsizelimits.h"
#include "http/restcontroller.h"

namespace Im::Media {
class MediaUploads;
}

namespace Im::Http {

//! `POST /api/v1/events/image` and `/video` (spec §8.6, §14): one file in the multipart field
//! `file`, checked for what it really is and stored under the server's own name (D-48, D-49).
//! Answers `{path, smallPath}` / `{path, shotPath, smallPath}` as absolute URLs under `/uploads/`
//! (§21.11) instead of the original's file-system paths, built on the public URL (PUBLIC_URL):
//! the client needs absolute URLs (client contract §6), and the Host header is the client's to
//! choose.
class EventsUploadController : public RestController
{
public:
    struct Limits
    {
        qint64 maxImageBytes = 10 * 1024 * 1024;
        qint64 maxVideoBytes = 100 * 1024 * 1024;
    };

    EventsUploadController(Auth::AuthService &auth, Media::MediaUploads &media, Limits limits,
                           QObject *parent = nullptr);

    void registerRoutes(Router &router) override;
    //! The URL clients reach the server at, without a trailing '/'; set before requests come.
    void setPublicUrl(const QString &publicUrl) { m_publicUrl = publicUrl; }

    //! The front door's request size limits for these routes: the file plus room for the
    //! multipart framing and the headers.
    [[nodiscard]] static QList<PathSizeLimit> requestSizeLimits(const Limits &limits);

private:
    QFuture<HttpResponse> image(const HttpRequest &request, const Auth::UserContext &user);
    QFuture<HttpResponse> video(const HttpRequest &request, const Auth::UserContext &user);

    Media::MediaUploads &m_media;
    Limits m_limits;
    QString m_publicUrl;
};

} // namespace Im::Http
