#include "http/requestsizelimits.h"

#include <QUrl>

#include <algorithm>

namespace Im::Http {

namespace {

bool isAtOrBelow(QStringView path, QStringView prefix)
{
    while (prefix.endsWith(u'/'))
        prefix.chop(1);
    return path == prefix
        || (path.startsWith(prefix) && path.sliced(prefix.size()).startsWith(u'/'));
}

} // namespace

RequestSizeLimits::RequestSizeLimits(qint64 defaultMaxBytes, QList<PathSizeLimit> pathLimits)
    : m_defaultMaxBytes(defaultMaxBytes)
    , m_pathLimits(std::move(pathLimits))
{ }

qint64 RequestSizeLimits::limitForPath(QStringView path) const
{
    qint64 limit = -1;
    for (const PathSizeLimit &entry : m_pathLimits) {
        if (isAtOrBelow(path, entry.pathPrefix))
            limit = std::max(limit, entry.maxBytes);
    }
    return limit < 0 ? m_defaultMaxBytes : limit;
}

qint64 RequestSizeLimits::limitForRequestLine(QByteArrayView requestLine) const
{
    const qsizetype methodEnd = requestLine.indexOf(' ');
    if (methodEnd <= 0)
        return m_defaultMaxBytes;
    QByteArrayView target = requestLine.sliced(methodEnd + 1);
    const qsizetype targetEnd = target.indexOf(' ');
    if (targetEnd <= 0)
        return m_defaultMaxBytes;
    target = target.first(targetEnd);
    // Decoded and without the query, as the router sees the path; an absolute-form target
    // (`http://host/path`) is reduced to its path.
    const QUrl url(QString::fromLatin1(target));
    if (!url.isValid())
        return m_defaultMaxBytes;
    return limitForPath(url.path(QUrl::FullyDecoded));
}

} // namespace Im::Http
