#include "http/multipartparser.h"

#include <QByteArrayMatcher>
#include <QByteArrayView>

#include <optional>
#include <utility>

using namespace Qt::StringLiterals;

namespace Im::Http {

namespace {

//! A header value of the form `type; key=value; key="quoted value"` (RFC 7231 §3.1.1.1).
struct HeaderValue
{
    QByteArray type; //!< Lower-cased.
    QList<std::pair<QByteArray, QByteArray>> parameters; //!< Keys lower-cased, values unquoted.

    [[nodiscard]] std::optional<QByteArray> parameter(QByteArrayView key) const
    {
        for (const auto &[name, value] : parameters) {
            if (name == key)
                return value;
        }
        return std::nullopt;
    }
};

bool isTokenChar(char c)
{
    static constexpr QByteArrayView separators = "()<>@,;:\\\"/[]?={} \t";
    return c > 0x20 && c < 0x7f && !separators.contains(c);
}

bool isWhitespace(char c)
{
    return c == ' ' || c == '\t';
}

void skipWhitespace(QByteArrayView text, qsizetype &pos)
{
    while (pos < text.size() && isWhitespace(text[pos]))
        ++pos;
}

QByteArray readToken(QByteArrayView text, qsizetype &pos)
{
    const qsizetype start = pos;
    while (pos < text.size() && isTokenChar(text[pos]))
        ++pos;
    return text.sliced(start, pos - start).toByteArray();
}

//! A quoted-string starting at \a pos (on the opening quote). `\"` is an escaped quote; any other
//! backslash is kept, since browsers send Windows paths with literal backslashes.
std::optional<QByteArray> readQuoted(QByteArrayView text, qsizetype &pos)
{
    QByteArray value;
    for (++pos; pos < text.size(); ++pos) {
        const char c = text[pos];
        if (c == '"') {
            ++pos;
            return value;
        }
        if (c == '\r' || c == '\n' || c == '\0')
            return std::nullopt;
        if (c == '\\' && pos + 1 < text.size() && (text[pos + 1] == '"' || text[pos + 1] == '\\'))
            ++pos;
        value += text[pos];
    }
    return std::nullopt;
}

std::optional<HeaderValue> parseHeaderValue(QByteArrayView text)
{
    HeaderValue result;
    qsizetype pos = 0;
    skipWhitespace(text, pos);
    const qsizetype typeStart = pos;
    while (pos < text.size() && text[pos] != ';')
        ++pos;
    result.type = text.sliced(typeStart, pos - typeStart).trimmed().toByteArray().toLower();
    if (result.type.isEmpty())
        return std::nullopt;
    while (pos < text.size()) {
        ++pos; // the ';'
        skipWhitespace(text, pos);
        if (pos == text.size())
            break; // a trailing ';' is tolerated
        const QByteArray key = readToken(text, pos).toLower();
        skipWhitespace(text, pos);
        if (key.isEmpty() || pos == text.size() || text[pos] != '=')
            return std::nullopt;
        ++pos;
        skipWhitespace(text, pos);
        QByteArray value;
        if (pos < text.size() && text[pos] == '"') {
            auto quoted = readQuoted(text, pos);
            if (!quoted)
                return std::nullopt;
            value = std::move(*quoted);
        } else {
            value = readToken(text, pos);
            if (value.isEmpty())
                return std::nullopt;
        }
        skipWhitespace(text, pos);
        if (pos < text.size() && text[pos] != ';')
            return std::nullopt;
        if (result.parameter(key))
            return std::nullopt; // a duplicate parameter is ambiguous
        result.parameters.append({ key, value });
    }
    return result;
}

bool isValidBoundary(QByteArrayView boundary)
{
    // RFC 2046 §5.1.1: 1..70 bchars, not ending in a space.
    static constexpr QByteArrayView specials = "'()+_,-./:=? ";
    if (boundary.isEmpty() || boundary.size() > 70 || boundary.back() == ' ')
        return false;
    for (const char c : boundary) {
        const bool alnum =
            (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (!alnum && !specials.contains(c))
            return false;
    }
    return true;
}

Error malformed(const QString &why)
{
    return makeError(ErrorCode::Malformed, u"Malformed multipart body: %1."_s.arg(why));
}

//! Reads the header block of one part (\a headers, without the blank line) into \a part.
std::optional<Error> parsePartHeaders(QByteArrayView headers, MultipartPart &part)
{
    bool sawDisposition = false;
    bool sawType = false;
    qsizetype pos = 0;
    while (pos < headers.size()) {
        qsizetype end = headers.indexOf("\r\n", pos);
        if (end < 0)
            end = headers.size();
        const QByteArrayView line = headers.sliced(pos, end - pos);
        pos = end + 2;
        if (line.contains('\r') || line.contains('\n') || line.contains('\0'))
            return malformed(u"bare line break in a part header"_s);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return malformed(u"part header without a name"_s);
        const QByteArrayView name = line.first(colon);
        for (const char c : name) {
            if (!isTokenChar(c))
                return malformed(u"invalid part header name"_s);
        }
        const QByteArrayView value = line.sliced(colon + 1).trimmed();
        if (name.compare("content-disposition", Qt::CaseInsensitive) == 0) {
            if (sawDisposition)
                return malformed(u"duplicate Content-Disposition"_s);
            sawDisposition = true;
            const auto disposition = parseHeaderValue(value);
            if (!disposition || disposition->type != "form-data")
                return malformed(u"Content-Disposition is not form-data"_s);
            const auto fieldName = disposition->parameter("name");
            if (!fieldName || fieldName->isEmpty())
                return malformed(u"part without a name"_s);
            part.name = QString::fromUtf8(*fieldName);
            if (const auto fileName = disposition->parameter("filename")) {
                // An empty filename (a form's unselected file input) is still a file part.
                part.fileName = fileName->isEmpty() ? u""_s : QString::fromUtf8(*fileName);
            }
        } else if (name.compare("content-type", Qt::CaseInsensitive) == 0) {
            if (sawType)
                return malformed(u"duplicate Content-Type"_s);
            sawType = true;
            part.contentType = value.toByteArray();
        } else if (name.compare("content-transfer-encoding", Qt::CaseInsensitive) == 0) {
            // Deprecated by RFC 7578; only the identity encodings can be taken as they are.
            const QByteArray encoding = value.toByteArray().toLower();
            if (encoding != "binary" && encoding != "8bit" && encoding != "7bit")
                return malformed(u"unsupported Content-Transfer-Encoding"_s);
        }
        // Other headers carry nothing form-data needs.
    }
    if (!sawDisposition)
        return malformed(u"part without Content-Disposition"_s);
    return std::nullopt;
}

} // namespace

QByteArray multipartBoundary(const QByteArray &contentType)
{
    const auto value = parseHeaderValue(contentType);
    if (!value || value->type != "multipart/form-data")
        return {};
    const auto boundary = value->parameter("boundary");
    if (!boundary || !isValidBoundary(*boundary))
        return {};
    return *boundary;
}

Result<QList<MultipartPart>> parseMultipart(const HttpRequest &request,
                                            const MultipartLimits &limits)
{
    const QByteArray boundary = multipartBoundary(request.header("content-type"));
    if (boundary.isEmpty()) {
        return makeError(ErrorCode::Malformed,
                         u"Expected multipart/form-data with a valid boundary."_s);
    }
    const QByteArray &body = request.body;
    const QByteArray dashBoundary = "--" + boundary;
    const QByteArrayMatcher delimiter("\r\n" + dashBoundary);

    // The first boundary may open the body or follow a preamble, which is ignored.
    qsizetype pos = 0;
    if (body.startsWith(dashBoundary)) {
        pos = dashBoundary.size();
    } else {
        const qsizetype first = delimiter.indexIn(body);
        if (first < 0)
            return malformed(u"no boundary"_s);
        pos = first + delimiter.pattern().size();
    }

    QList<MultipartPart> parts;
    while (true) {
        if (QByteArrayView(body).sliced(pos).startsWith("--"))
            return parts; // the close delimiter; the epilogue is ignored
        skipWhitespace(body, pos); // transport padding
        if (!QByteArrayView(body).sliced(pos).startsWith("\r\n"))
            return malformed(u"boundary not followed by a line break"_s);
        pos += 2;
        if (parts.size() >= limits.maxParts)
            return malformed(u"more than %1 parts"_s.arg(limits.maxParts));

        // Headers end at the first blank line; a part without headers fails below.
        qsizetype headersEnd = -1;
        qsizetype bodyStart = -1;
        if (QByteArrayView(body).sliced(pos).startsWith("\r\n")) {
            headersEnd = pos;
            bodyStart = pos + 2;
        } else {
            const QByteArrayView window = QByteArrayView(body).sliced(pos).first(
                std::min<qsizetype>(body.size() - pos, kMaxMultipartHeaderBytes + 4));
            const qsizetype blank = window.indexOf("\r\n\r\n");
            if (blank < 0) {
                return malformed(window.size() > kMaxMultipartHeaderBytes
                                     ? u"part headers too long"_s
                                     : u"unterminated part headers"_s);
            }
            headersEnd = pos + blank;
            bodyStart = headersEnd + 4;
        }
        MultipartPart part;
        if (auto error =
                parsePartHeaders(QByteArrayView(body).sliced(pos, headersEnd - pos), part)) {
            return *error;
        }

        const qsizetype bodyEnd = delimiter.indexIn(body, bodyStart);
        if (bodyEnd < 0)
            return malformed(u"unterminated part"_s);
        const qint64 size = bodyEnd - bodyStart;
        if (part.isFile() && limits.maxFileBytes > 0 && size > limits.maxFileBytes) {
            return makeError(ErrorCode::TooLarge,
                             u"File too large: at most %1 bytes."_s.arg(limits.maxFileBytes));
        }
        if (!part.isFile() && size > limits.maxFieldBytes) {
            return makeError(ErrorCode::TooLarge,
                             u"Field %1 too large: at most %2 bytes."_s.arg(part.name).arg(
                                 limits.maxFieldBytes));
        }
        part.body = body.sliced(bodyStart, size);
        parts.append(std::move(part));
        pos = bodyEnd + delimiter.pattern().size();
    }
}

} // namespace Im::Http
