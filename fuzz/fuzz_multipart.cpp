// The multipart/form-data parser of the upload routes. Input: the Content-Type header value, a
// line feed, then the body. Parts that parse must serialise to a form that parses to the same
// parts, within the limits.
#include "fuzzcheck.h"
#include "http/multipartparser.h"

#include <cstddef>
#include <cstdint>

using namespace Im::Http;
using Im::Fuzz::check;

namespace {

// Small limits, so that the fuzzer reaches the 413 paths too.
const MultipartLimits kLimits { 8, 512, 256 };

QByteArray quoted(const QString &text)
{
    QByteArray escaped = text.toUtf8();
    escaped.replace('\\', "\\\\").replace('"', "\\\"");
    return '"' + escaped + '"';
}

QByteArray serialised(const QList<MultipartPart> &parts, const QByteArray &boundary)
{
    QByteArray body;
    for (const MultipartPart &part : parts) {
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=" + quoted(part.name);
        if (part.isFile())
            body += "; filename=" + quoted(part.fileName);
        body += "\r\n";
        if (!part.contentType.isEmpty())
            body += "Content-Type: " + part.contentType + "\r\n";
        body += "\r\n" + part.body + "\r\n";
    }
    return body + "--" + boundary + "--\r\n";
}

bool samePart(const MultipartPart &a, const MultipartPart &b)
{
    return a.name == b.name && a.fileName == b.fileName
        && a.fileName.isNull() == b.fileName.isNull() && a.contentType == b.contentType
        && a.body == b.body;
}

HttpRequest request(const QByteArray &contentType, const QByteArray &body)
{
    HttpRequest request;
    request.method = HttpRequest::Method::Post;
    request.headers = { { "Content-Type", contentType } };
    request.body = body;
    return request;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype newline = input.indexOf('\n');
    if (newline < 0)
        return 0;
    const QByteArray contentType = input.first(newline);
    const QByteArray boundary = multipartBoundary(contentType);
    check(boundary.size() <= 70, "a boundary has at most 70 characters");

    const auto parts = parseMultipart(request(contentType, input.sliced(newline + 1)), kLimits);
    if (!parts)
        return 0;
    check(!boundary.isEmpty(), "only a valid boundary parses");
    check(parts->size() <= kLimits.maxParts, "at most maxParts parts");
    for (const MultipartPart &part : *parts) {
        check(!part.name.isEmpty(), "every part has a name");
        check(part.body.size() <= (part.isFile() ? kLimits.maxFileBytes : kLimits.maxFieldBytes),
              "no part exceeds its limit");
    }

    const QByteArray body = serialised(*parts, boundary);
    const auto again = parseMultipart(request(contentType, body), kLimits);
    check(bool(again), "serialised parts parse");
    check(again->size() == parts->size(), "serialised parts parse to as many parts");
    for (qsizetype i = 0; i < parts->size(); ++i)
        check(samePart(again->at(i), parts->at(i)), "serialised parts parse to the same parts");
    return 0;
}
