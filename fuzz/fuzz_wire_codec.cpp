// The protobuf payloads a client sends with its Socket.IO events: `on-message`, `on-message:read`,
// acks of pushes, `on-notify`. Input: one payload, given to each decoder. What decodes must keep
// its fields through the server's own encoders.
#include "fuzzcheck.h"
#include "im.pb.h"
#include "messaging/wirecodec.h"

#include <cstddef>
#include <cstdint>
#include <google/protobuf/stubs/logging.h>

using namespace Im::Messaging;
using Im::Fuzz::check;

namespace {

void checkInbound(const QByteArray &payload)
{
    const auto message = WireCodec::decodeInbound(payload);
    if (!message)
        return;
    check(message->sender > 0 && message->receiver > 0 && message->groupId >= 0,
          "decoded ids are positive");
    Im::Store::StoredMessage stored;
    stored.id = 1;
    stored.msgId = message->msgId;
    stored.sender = message->sender;
    stored.groupId = message->groupId;
    stored.receiver = message->receiver;
    stored.type = message->type;
    stored.content = message->content;
    stored.timer = message->timer;
    stored.ext = message->ext;

    im::wire::OutboundChatMessage pushed;
    const QByteArray encoded = WireCodec::encodeOutbound(stored);
    check(pushed.ParseFromArray(encoded.constData(), int(encoded.size())),
          "the push of a decoded message parses with every required field");
    check(QString::fromStdString(pushed.msgid()) == message->msgId
              && pushed.sender() == message->sender && pushed.receiver() == message->receiver
              && pushed.groupid() == message->groupId
              && QString::fromStdString(pushed.type()) == message->type
              && QString::fromStdString(pushed.content()) == message->content
              && pushed.timer() == message->timer && pushed.has_ext() == !message->ext.isNull(),
          "the push keeps the decoded message's fields");
}

void checkReadReceipt(const QByteArray &payload)
{
    const auto receipt = WireCodec::decodeReadReceipt(payload);
    if (!receipt)
        return;
    const auto again = WireCodec::decodeReadReceipt(WireCodec::encodeReadReceipt(*receipt));
    check(again && again->id == receipt->id && again->sender == receipt->sender
              && again->groupId == receipt->groupId && again->receiver == receipt->receiver,
          "an encoded read receipt decodes to itself");
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    // A message missing a required field is logged by libprotobuf: noise at fuzzing speed.
    google::protobuf::SetLogHandler(nullptr);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray payload(reinterpret_cast<const char *>(data), qsizetype(size));
    checkInbound(payload);
    checkReadReceipt(payload);
    if (const auto status = WireCodec::ackStatus(payload)) {
        const auto again = WireCodec::ackStatus(WireCodec::ack(int(*status), QString()));
        check(again.has_value(), "an ack the server writes decodes");
    }
    (void)WireCodec::isNotify(payload);
    return 0;
}
