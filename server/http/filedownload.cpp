#include "http/filedownload.h"

#include "http/envelope.h"

#include <QFile>

using namespace Qt::StringLiterals;

namespace Im::Http {

namespace {

std::optional<qint64> parseOffset(QByteArrayView text)
{
    if (text.isEmpty() || text.size() > 18)
        return std::nullopt; // also keeps the value far from overflowing
    for (const char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
    }
    return text.toLongLong();
}

} // namespace

std::optional<ByteRange> requestedRange(QByteArrayView rangeHeader, qint64 size)
{
    const QByteArrayView header = rangeHeader.trimmed();
    constexpr QByteArrayView unit = "bytes=";
    if (header.size() <= unit.size()
        || header.first(unit.size()).compare(unit, Qt::CaseInsensitive) != 0) {
        return std::nullopt;
    }
    const QByteArrayView spec = header.sliced(unit.size()).trimmed();
    if (spec.contains(','))
        return std::nullopt; // several ranges would need multipart/byteranges: send it all
    const qsizetype dash = spec.indexOf('-');
    if (dash < 0)
        return std::nullopt;
    const QByteArrayView firstText = spec.first(dash).trimmed();
    const QByteArrayView lastText = spec.sliced(dash + 1).trimmed();
    const ByteRange unsatisfiable { 1, 0 };
    if (firstText.isEmpty()) {
        // `-n`: the last n bytes.
        const auto suffix = parseOffset(lastText);
        if (!suffix)
            return std::nullopt;
        if (*suffix == 0 || size == 0)
            return unsatisfiable;
        return ByteRange { std::max<qint64>(0, size - *suffix), size - 1 };
    }
    const auto first = parseOffset(firstText);
    if (!first)
        return std::nullopt;
    std::optional<qint64> last = size - 1;
    if (!lastText.isEmpty()) {
        last = parseOffset(lastText);
        if (!last || *last < *first)
            return std::nullopt;
    }
    if (*first >= size)
        return unsatisfiable;
    return ByteRange { *first, std::min(*last, size - 1) };
}

HttpResponse fileDownload(const HttpRequest &request, const QString &path,
                          const QByteArray &contentType)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Envelope::failure(404);
    const qint64 size = file.size();
    std::optional<ByteRange> range;
    if (!request.hasHeader("if-range"))
        range = requestedRange(request.header("range"), size);

    HttpResponse response;
    response.setHeader("Accept-Ranges", "bytes");
    if (range && range->first > range->last) {
        response.status = 416;
        response.setHeader("Content-Range", "bytes */" + QByteArray::number(size));
        return response;
    }
    const ByteRange bytes = range.value_or(ByteRange { 0, size - 1 });
    if (bytes.length() > kInlineDownloadBytes) {
        // Streamed by the connection as the client reads it: never the whole file in memory.
        response.file = HttpResponse::FileBody { path, bytes.first, bytes.length() };
    } else if (size > 0) {
        if (!file.seek(bytes.first))
            return Envelope::failure(404);
        response.body = file.read(bytes.length());
        if (response.body.size() != bytes.length())
            return Envelope::failure(404);
    }
    response.status = range ? 206 : 200;
    response.contentType = contentType;
    if (range) {
        response.setHeader("Content-Range",
                           "bytes " + QByteArray::number(bytes.first) + '-'
                               + QByteArray::number(bytes.last) + '/' + QByteArray::number(size));
    }
    return response;
}

} // namespace Im::Http
