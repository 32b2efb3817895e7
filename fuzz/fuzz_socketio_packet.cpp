// Socket.IO packets with binary attachments, as the Engine.IO messages of one client arrive.
// Input: records separated by 0x1e; a record starting with 'b' is a binary message (the rest of
// the record), any other is an Engine.IO text frame, of which the messages ('4...') are fed.
// Every packet that decodes must encode to itself again.
#include "fuzzcheck.h"
#include "socketio/enginepacket.h"
#include "socketio/socketiopacket.h"

#include <cstddef>
#include <cstdint>
#include <limits>

using namespace Im::SocketIo;
using Im::Fuzz::check;

namespace {

constexpr qint64 kMaxPacketBytes = 4096;

void checkRoundTrip(const SocketIoPacket &packet)
{
    (void)eventName(packet);
    (void)eventArguments(packet);
    const EncodedPacket encoded = encodeSocketIoPacket(packet);
    // The encoding may be longer than the input (base64 and escapes), so no size limit here.
    SocketIoDecoder decoder(std::numeric_limits<qint64>::max());
    SocketIoDecoder::Status status = decoder.feedText(encoded.text);
    for (const QByteArray &attachment : encoded.attachments) {
        check(status == SocketIoDecoder::Status::NeedAttachments,
              "an encoded binary packet waits for its attachments");
        status = decoder.feedBinary(attachment);
    }
    check(status == SocketIoDecoder::Status::Packet, "an encoded packet decodes");
    check(decoder.takePacket() == packet, "an encoded packet decodes to itself");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    SocketIoDecoder decoder(kMaxPacketBytes);
    qsizetype start = 0;
    while (start <= input.size()) {
        qsizetype end = input.indexOf('\x1e', start);
        if (end < 0)
            end = input.size();
        const QByteArrayView record = input.sliced(start, end - start);
        start = end + 1;

        SocketIoDecoder::Status status;
        if (record.startsWith('b')) {
            status = decoder.feedBinary(record.sliced(1).toByteArray());
        } else {
            const auto frame = decodeTextFrame(record);
            if (!frame || frame->type != EnginePacket::Type::Message)
                continue;
            status = decoder.feedText(frame->data);
        }
        if (status == SocketIoDecoder::Status::Invalid) {
            check(!decoder.errorString().isEmpty(), "a refusal says why");
            check(!decoder.isAwaitingAttachments(), "a refusal drops the partial packet");
        } else if (status == SocketIoDecoder::Status::Packet) {
            checkRoundTrip(decoder.takePacket());
        }
    }
    return 0;
}
