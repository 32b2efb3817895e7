// The HTTP/1.1 request reader (RequestParser over http-parser), driven as a connection drives it:
// feed what arrived, hand over heads and bodies, then the next request. Input: one byte giving the
// size of the pieces the stream arrives in, then the stream. What the parser reads must not depend
// on how the stream was cut, so each input is read whole and in pieces and the two must agree.
#include "fuzzcheck.h"
#include "http/requestparser.h"

#include <cstddef>
#include <cstdint>
#include <utility>

using namespace Im::Http;
using Im::Fuzz::check;
using State = RequestParser::State;

namespace {

// Small, so that the fuzzer reaches the 431 path.
constexpr qsizetype kMaxHeadBytes = 1024;

// What a connection learns from the parser, as text to compare.
void recordHead(const RequestParser &parser, QByteArray &transcript)
{
    const HttpRequest &head = parser.head();
    check(!head.methodToken.isEmpty(), "a complete head has a method");
    check(head.path.startsWith(u'/') || head.path == u"*",
          "a complete head has an origin-form path");
    check(parser.headBytes() <= kMaxHeadBytes, "a complete head is within the cap");
    const auto length = parser.announcedBodyLength();
    check(!length || *length >= 0, "an announced body length is not negative");
    transcript += "head " + head.methodToken + ' ' + head.path.toUtf8() + '?'
        + head.query.toString().toUtf8() + ' ' + QByteArray::number(length.value_or(-1)) + '\n';
    for (const auto &[name, value] : head.headers)
        transcript += name + ": " + value + '\n';
}

QByteArray read(QByteArrayView stream, qsizetype pieceSize)
{
    RequestParser parser(kMaxHeadBytes);
    QByteArray transcript;
    QByteArray input; // arrived, not consumed yet
    QByteArray body; // of the current request, however many pieces it came in
    qsizetype arrived = 0;
    while (true) {
        switch (parser.state()) {
        case State::HeadComplete:
            recordHead(parser, transcript);
            if (parser.isUpgrade())
                return transcript + "upgrade\n"; // the connection hands the socket over
            parser.startBody();
            continue;
        case State::Complete:
            body += parser.takeBody();
            transcript += "body " + std::exchange(body, {}).toBase64() + '\n';
            if (!parser.keepAlive())
                return transcript + "close\n";
            parser.next();
            continue;
        case State::Failed: {
            const int status = parser.error().status;
            check(status == 400 || status == 405 || status == 431 || status == 501 || status == 505,
                  "a refusal has one of the documented statuses");
            const QByteArray outcome =
                QByteArray::number(status) + ' ' + parser.error().message.toUtf8();
            return transcript + "failed " + outcome + " after " + body.toBase64() + '\n';
        }
        case State::Head:
        case State::Body:
            break;
        }
        // As the connection does, feed only when there is something: http-parser takes an empty
        // input for the end of the stream.
        if (input.isEmpty()) {
            if (arrived == stream.size())
                return transcript + "end after " + body.toBase64() + '\n';
            const qsizetype piece = std::min(pieceSize, stream.size() - arrived);
            input = stream.sliced(arrived, piece).toByteArray();
            arrived += piece;
        }
        const State before = parser.state();
        const qsizetype used = parser.feed(input);
        check(used >= 0 && used <= input.size(), "feed() uses at most what it was given");
        check(used > 0 || parser.state() != before, "feed() reads or moves on");
        input.remove(0, used);
        body += parser.takeBody();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    const QByteArrayView stream(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    const QByteArray whole = read(stream, std::max<qsizetype>(stream.size(), 1));
    const QByteArray pieces = read(stream, 1 + data[0] % 64);
    check(whole == pieces, "a stream reads the same whole and in pieces");
    return 0;
}
