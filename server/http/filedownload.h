#pragma once

#include "http/httprequest.h"
#include "http/httpresponse.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace Im::Http {

//! The bytes `first..last` (inclusive) of a representation.
struct ByteRange
{
    qint64 first = 0;
    qint64 last = 0;

    [[nodiscard]] qint64 length() const { return last - first + 1; }
    friend bool operator==(const ByteRange &, const ByteRange &) = default;
};

//! What a `Range` header asks of a representation of \a size bytes (RFC 9110 §14.2): nullopt for
//! the whole of it (no header, another unit, several ranges, or a header that cannot be read,
//! which a server may ignore), a range, or an empty range (`first > last`) when none of it can
//! be satisfied (416).
[[nodiscard]] std::optional<ByteRange> requestedRange(QByteArrayView rangeHeader, qint64 size);

//! Downloads up to this size are read into the answer; larger ones are streamed from the file.
inline constexpr qint64 kInlineDownloadBytes = 64 * 1024;

//! The answer to a GET of the file at \a path: 200 with the whole file, or 206 with the one range
//! \a request asks for (`Accept-Ranges: bytes`; a request with `If-Range` gets the whole file,
//! since no validators are sent), 416 when the range is outside the file, and a 404 envelope when
//! the file cannot be read. Reads small files (stats larger ones): call from a worker thread.
[[nodiscard]] HttpResponse fileDownload(const HttpRequest &request, const QString &path,
                                        const QByteArray &contentType);

} // namespace Im::Http
