// Engine.IO packets as a client sends them: one WebSocket text frame, or a long-polling body of
// several packets. Whatever decodes must encode to the same packets again.
#include "fuzzcheck.h"
#include "socketio/enginepacket.h"

#include <cstddef>
#include <cstdint>

using namespace Im::SocketIo;
using Im::Fuzz::check;

namespace {

void checkTextFrame(QByteArrayView input)
{
    const auto packet = decodeTextFrame(input);
    if (!packet)
        return;
    check(!packet->binary, "a text frame decodes to a text packet");
    const QByteArray encoded = encodeText(*packet);
    check(encoded == input, "a text frame encodes to itself");
    check(encoded.size() == packet->wireSize(), "wireSize() is the encoded size");
}

void checkPayload(QByteArrayView input)
{
    const auto packets = decodePayload(input, input.size());
    if (!packets)
        return;
    check(!packets->isEmpty(), "a decoded payload has packets");
    check(!decodePayload(input, input.size() - 1), "a payload over maxPayload is refused");
    bool binary = false;
    for (const EnginePacket &packet : *packets) {
        check(encodeText(packet).size() == packet.wireSize(), "wireSize() is the encoded size");
        binary = binary || packet.binary;
    }
    const QByteArray body = encodePayload(*packets);
    // base64 has more than one spelling of the same bytes, text records have only one.
    check(binary || body == input, "a text-only payload encodes to itself");
    const auto again = decodePayload(body, body.size());
    check(again && *again == *packets, "an encoded payload decodes to the same packets");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    checkTextFrame(input);
    checkPayload(input);
    const EnginePacket frame = decodeBinaryFrame(input.toByteArray());
    check(frame.binary && frame.data == input, "a binary frame is its bytes");
    return 0;
}
