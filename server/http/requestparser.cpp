#include "http/requestparser.h"

#include <QUrl>

#include <http_parser.h>

using namespace Qt::StringLiterals;

namespace Im::Http {

namespace {

// The head's first bytes kept to name a method the library refused, and its path.
constexpr qsizetype firstBytesKept = 2048;

bool isTokenChar(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
        || QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

// A request target in origin form (RFC 9112 §3.2.1) is a path and a query. Read as a URL on its
// own, `//a/b` would be a network-path reference: `a` a host, and the path `/b` instead of `//a/b`.
QUrl originFormUrl(const QByteArray &target)
{
    return QUrl::fromEncoded("http://origin" + target, QUrl::StrictMode);
}

} // namespace

struct RequestParser::Library
{
    http_parser parser {};
};

// The library's C callbacks; each finds its RequestParser through parser->data.
struct RequestParser::Callbacks
{
    static RequestParser &self(http_parser *parser)
    {
        return *static_cast<RequestParser *>(parser->data);
    }

    static int onUrl(http_parser *parser, const char *at, size_t length)
    {
        self(parser).m_target.append(at, qsizetype(length));
        return 0;
    }

    static int onHeaderField(http_parser *parser, const char *at, size_t length)
    {
        RequestParser &p = self(parser);
        if (p.m_inValue)
            p.flushHeader();
        p.m_field.append(at, qsizetype(length));
        return 0;
    }

    static int onHeaderValue(http_parser *parser, const char *at, size_t length)
    {
        RequestParser &p = self(parser);
        p.m_inValue = true;
        p.m_value.append(at, qsizetype(length));
        return 0;
    }

    static int onHeadersComplete(http_parser *parser)
    {
        RequestParser &p = self(parser);
        if (p.m_inValue || !p.m_field.isEmpty())
            p.flushHeader();
        // Stop here: the connection routes and checks the head before reading any body byte.
        http_parser_pause(parser, 1);
        p.completeHead();
        return 0;
    }

    static int onBody(http_parser *parser, const char *at, size_t length)
    {
        self(parser).m_body.append(at, qsizetype(length));
        return 0;
    }

    static int onMessageComplete(http_parser *parser)
    {
        self(parser).m_bodyEnded = true;
        // One request at a time: the next is read once this one's answer is on its way.
        http_parser_pause(parser, 1);
        return 0;
    }

    static const http_parser_settings &settings()
    {
        static const http_parser_settings instance = [] {
            http_parser_settings s;
            http_parser_settings_init(&s);
            s.on_url = onUrl;
            s.on_header_field = onHeaderField;
            s.on_header_value = onHeaderValue;
            s.on_headers_complete = onHeadersComplete;
            s.on_body = onBody;
            s.on_message_complete = onMessageComplete;
            return s;
        }();
        return instance;
    }
};

RequestParser::RequestParser(qsizetype maxHeadBytes)
    : m_library(std::make_unique<Library>())
    , m_maxHeadBytes(maxHeadBytes)
{
    http_parser_init(&m_library->parser, HTTP_REQUEST);
    m_library->parser.data = this;
}

RequestParser::~RequestParser() = default;

qsizetype RequestParser::feed(QByteArrayView data)
{
    // The library takes empty input for the end of the stream.
    if (data.isEmpty() || (m_state != State::Head && m_state != State::Body))
        return 0;
    if (m_methodRefused)
        return readRefusedRequestLine(data);
    http_parser &parser = m_library->parser;
    QByteArrayView input = data;
    if (m_state == State::Head) {
        if (m_firstBytes.size() < firstBytesKept)
            m_firstBytes += data.first(std::min(data.size(), firstBytesKept - m_firstBytes.size()));
        // Never give the library more head than the cap allows, so the cap is exact.
        input = data.first(std::min<qsizetype>(data.size(), m_maxHeadBytes - m_headBytes + 1));
    }
    const State before = m_state;
    http_parser_pause(&parser, 0);
    const auto used = qsizetype(
        http_parser_execute(&parser, &Callbacks::settings(), input.data(), size_t(input.size())));
    const http_errno error = HTTP_PARSER_ERRNO(&parser);
    if (before == State::Head)
        m_headBytes += used;
    if (m_state == State::Failed)
        return used;
    if (error == HPE_INVALID_METHOD && m_state == State::Head) {
        // The library stops at the first byte that starts no method it knows; the rest of the
        // request line is read here, so the answer names the method however the bytes arrive.
        m_methodRefused = true;
        m_headBytes += data.size() - used;
        decideRefusedMethod();
        return data.size();
    }
    if (error != HPE_OK && error != HPE_PAUSED) {
        failFromLibrary();
        return used;
    }
    if (m_state == State::Body && m_bodyEnded)
        m_state = State::Complete;
    if (m_state == State::Head && m_headBytes > m_maxHeadBytes)
        fail(431, u"Request header fields too large"_s);
    return used;
}

void RequestParser::completeHead()
{
    const http_parser &parser = m_library->parser;
    if (parser.http_major != 1) {
        fail(505, u"HTTP version not supported"_s);
        return;
    }
    for (const auto &[name, value] : std::as_const(m_head.headers)) {
        if (name.isEmpty() || !std::all_of(name.cbegin(), name.cend(), isTokenChar)) {
            fail(400, u"Malformed header name"_s);
            return;
        }
    }
    // The library reads chunked bodies only; refuse other codings before their body arrives.
    const QByteArray coding = m_head.header("transfer-encoding").trimmed();
    if (m_head.hasHeader("transfer-encoding")
        && coding.compare("chunked", Qt::CaseInsensitive) != 0) {
        fail(501, u"Only the chunked transfer coding is supported"_s);
        return;
    }
    m_head.methodToken = http_method_str(http_method(parser.method));
    m_head.method = methodFromName(m_head.methodToken);
    if (m_target == "*" && m_head.method == HttpRequest::Method::Options) {
        m_head.path = u"*"_s;
    } else {
        const QUrl url = originFormUrl(m_target);
        if (!m_target.startsWith('/') || !url.isValid()) {
            fail(400, u"Malformed request target"_s);
            return;
        }
        m_head.path = url.path(QUrl::FullyDecoded);
        m_head.query = QUrlQuery(url);
    }
    m_keepAlive = http_should_keep_alive(&parser) != 0;
    m_state = State::HeadComplete;
}

void RequestParser::flushHeader()
{
    m_head.headers.append({ std::exchange(m_field, {}), std::exchange(m_value, {}).trimmed() });
    m_inValue = false;
}

std::optional<qint64> RequestParser::announcedBodyLength() const
{
    const http_parser &parser = m_library->parser;
    if (parser.flags & F_CHUNKED)
        return std::nullopt;
    if (parser.flags & F_CONTENTLENGTH)
        return qint64(parser.content_length);
    return 0;
}

bool RequestParser::expectsContinue() const
{
    return m_head.header("expect").compare("100-continue", Qt::CaseInsensitive) == 0;
}

bool RequestParser::isUpgrade() const
{
    return m_library->parser.upgrade != 0 || m_head.hasHeader("upgrade");
}

void RequestParser::startBody()
{
    if (m_state != State::HeadComplete)
        return;
    m_state = State::Body;
}

QByteArray RequestParser::takeBody()
{
    return std::exchange(m_body, {});
}

void RequestParser::next()
{
    if (m_state != State::Complete)
        return;
    m_state = State::Head;
    m_headBytes = 0;
    m_firstBytes.clear();
    m_target.clear();
    m_head = {};
    m_body.clear();
    m_bodyEnded = false;
    if (!m_keepAlive)
        fail(400, u"Data after a request that closed the connection"_s);
}

void RequestParser::fail(int status, const QString &message)
{
    m_state = State::Failed;
    m_error = { status, message };
}

qsizetype RequestParser::readRefusedRequestLine(QByteArrayView data)
{
    m_firstBytes += data.first(std::min(data.size(), firstBytesKept - m_firstBytes.size()));
    m_headBytes += data.size();
    decideRefusedMethod();
    return data.size();
}

void RequestParser::decideRefusedMethod()
{
    const qsizetype lineEnd = m_firstBytes.indexOf('\n');
    const QByteArray line = m_firstBytes.first(lineEnd >= 0 ? lineEnd : m_firstBytes.size());
    const qsizetype space = line.indexOf(' ');
    const QByteArray token = line.first(space >= 0 ? space : line.size());
    if (!std::all_of(token.cbegin(), token.cend(), isTokenChar)) {
        fail(400, u"Malformed request line"_s);
        return;
    }
    const bool complete = lineEnd >= 0 || m_firstBytes.size() >= firstBytesKept;
    if (!complete)
        return; // wait for the rest of the line
    if (space <= 0) {
        fail(400, u"Malformed request line"_s);
        return;
    }
    // A method the library does not know: named, with its path when the target is readable,
    // so the answer says "Method BREW is not allowed on /path" and lists what is.
    m_head.methodToken = token;
    const QList<QByteArray> words = line.trimmed().split(' ');
    const QUrl url = words.size() > 1 ? originFormUrl(words.at(1)) : QUrl();
    if (words.size() > 2 && words.at(1).startsWith('/') && url.isValid())
        m_head.path = url.path(QUrl::FullyDecoded);
    fail(405, u"Method %1 is not allowed"_s.arg(QString::fromLatin1(token)));
}

void RequestParser::failFromLibrary()
{
    const http_errno error = HTTP_PARSER_ERRNO(&m_library->parser);
    switch (error) {
    case HPE_INVALID_TRANSFER_ENCODING:
        fail(501, u"Only the chunked transfer coding is supported"_s);
        return;
    case HPE_UNEXPECTED_CONTENT_LENGTH:
        fail(400, u"Repeated Content-Length, or Content-Length with Transfer-Encoding"_s);
        return;
    case HPE_INVALID_CONTENT_LENGTH:
        fail(400, u"Invalid Content-Length header"_s);
        return;
    case HPE_HEADER_OVERFLOW:
        fail(431, u"Request header fields too large"_s);
        return;
    case HPE_INVALID_VERSION:
        fail(505, u"HTTP version not supported"_s);
        return;
    default:
        fail(400,
             u"Malformed request: %1"_s.arg(QString::fromLatin1(http_errno_description(error))));
        return;
    }
}

} // namespace Im::Http
