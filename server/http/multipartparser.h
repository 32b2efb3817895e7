#pragma once

#include "http/httprequest.h"
#include "im/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Im::Http {

//! One part of a multipart/form-data body (RFC 7578).
struct MultipartPart
{
    QString name; //!< The Content-Disposition `name`.
    //! The Content-Disposition `filename` as the client sent it (possibly empty); null for plain
    //! fields. Never a safe name on disk.
    QString fileName;
    QByteArray contentType; //!< The part's Content-Type as sent; empty when absent.
    QByteArray body;

    [[nodiscard]] bool isFile() const { return !fileName.isNull(); }
};

struct MultipartLimits
{
    int maxParts = 32;
    qint64 maxFileBytes = 0; //!< 0: no per-file limit (the request size limit still applies)
    qint64 maxFieldBytes = 64 * 1024;
};

//! The most header bytes one part may carry: its headers are a few short lines.
inline constexpr qsizetype kMaxMultipartHeaderBytes = 8 * 1024;

//! Parses `request` (must be multipart/form-data). Errors: ErrorCode::Malformed (400) for any
//! malformed input or too many parts, ErrorCode::TooLarge (413) when a file exceeds
//! maxFileBytes or a field maxFieldBytes. The messages are safe to show to the client.
Result<QList<MultipartPart>> parseMultipart(const HttpRequest &request,
                                            const MultipartLimits &limits);

//! The boundary of a `multipart/form-data` Content-Type value, or an empty array when the type is
//! not multipart/form-data or its boundary is missing or invalid (RFC 2046 §5.1.1).
[[nodiscard]] QByteArray multipartBoundary(const QByteArray &contentType);

} // namespace Im::Http
