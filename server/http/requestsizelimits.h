#pragma once

#include <QByteArrayView>
#include <QList>
#include <QString>

namespace Im::Http {

//! A request size limit for the paths at or below \a pathPrefix (whole segments:
//! `/api/v1/events/image` covers `/api/v1/events/image/x`, not `/api/v1/events/images`).
struct PathSizeLimit
{
    QString pathPrefix;
    qint64 maxBytes = 0;
};

//! How many bytes (headers + body) a request may have: one default, and larger (or smaller)
//! limits for some paths such as uploads. The front door knows the path only from the request
//! line, before Qt parses the request, so the limit is looked up from that line.
class RequestSizeLimits
{
public:
    explicit RequestSizeLimits(qint64 defaultMaxBytes = 1024 * 1024,
                               QList<PathSizeLimit> pathLimits = {});

    [[nodiscard]] qint64 defaultMaxBytes() const { return m_defaultMaxBytes; }
    //! The limit for the (percent-decoded) \a path: the largest of the matching path limits, or
    //! the default when none matches.
    [[nodiscard]] qint64 limitForPath(QStringView path) const;
    //! The limit for a request starting with \a requestLine (`POST /path?query HTTP/1.1`); the
    //! default when the line cannot be read.
    [[nodiscard]] qint64 limitForRequestLine(QByteArrayView requestLine) const;

private:
    qint64 m_defaultMaxBytes;
    QList<PathSizeLimit> m_pathLimits;
};

} // namespace Im::Http
