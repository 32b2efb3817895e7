#include "messaging/wirecodec.h"

#include "im.pb.h"

#include <limits>
#include <string>

using namespace Qt::StringLiterals;

namespace Im::Messaging::WireCodec {

namespace {

std::string utf8(const QString &text)
{
    return text.toStdString();
}

QString fromUtf8(const std::string &text)
{
    return QString::fromStdString(text);
}

template<typename Message>
QByteArray serialized(const Message &message)
{
    std::string bytes;
    message.SerializeToString(&bytes);
    return QByteArray::fromStdString(bytes);
}

template<typename Message>
bool parse(Message &message, const QByteArray &payload)
{
    return message.ParseFromArray(payload.constData(), int(payload.size()))
        && message.IsInitialized();
}

// Ids on the wire are int64; the tables hold int user and group ids.
bool fitsInt(qint64 value)
{
    return value > 0 && value <= std::numeric_limits<int>::max();
}

void fillSender(im::wire::Sender &sender, const QJsonObject &info)
{
    sender.set_id(info.value(u"id"_s).toInteger());
    sender.set_account(utf8(info.value(u"account"_s).toString()));
    const auto optional = [&info](QLatin1StringView key, auto setter) {
        const QJsonValue value = info.value(key);
        if (value.isString())
            setter(utf8(value.toString()));
    };
    optional("avatar"_L1, [&](std::string text) { sender.set_avatar(std::move(text)); });
    optional("email"_L1, [&](std::string text) { sender.set_email(std::move(text)); });
    optional("regisTime"_L1, [&](std::string text) { sender.set_registime(std::move(text)); });
    optional("updateTime"_L1, [&](std::string text) { sender.set_updatetime(std::move(text)); });
}

} // namespace

QByteArray ack(int statusCode, const QString &message, qint64 id, qint64 seq)
{
    im::wire::AckMessage ack;
    ack.set_statuscode(statusCode);
    ack.set_message(utf8(message));
    if (id > 0)
        ack.set_id(id);
    if (seq > 0)
        ack.set_seq(seq);
    return serialized(ack);
}

std::optional<qint64> ackStatus(const QByteArray &payload)
{
    im::wire::AckMessage ack;
    if (!parse(ack, payload))
        return std::nullopt;
    return ack.statuscode();
}

Result<Store::NewMessage> decodeInbound(const QByteArray &payload)
{
    im::wire::InboundChatMessage inbound;
    if (!parse(inbound, payload))
        return makeError(ErrorCode::Malformed, u"Incorrect message format."_s);
    if (!fitsInt(inbound.sender()) || !fitsInt(inbound.receiver())
        || (inbound.has_groupid() && !fitsInt(inbound.groupid()))) {
        return makeError(ErrorCode::Malformed, u"Incorrect message format."_s);
    }
    Store::NewMessage message;
    message.msgId = fromUtf8(inbound.msgid());
    message.sender = int(inbound.sender());
    message.groupId = inbound.has_groupid() ? int(inbound.groupid()) : 0;
    message.receiver = int(inbound.receiver());
    message.type = fromUtf8(inbound.type());
    message.content = fromUtf8(inbound.content());
    message.timer = inbound.timer();
    if (inbound.has_ext())
        message.ext = fromUtf8(inbound.ext());
    return message;
}

QByteArray encodeOutbound(const Store::StoredMessage &message)
{
    im::wire::OutboundChatMessage outbound;
    outbound.set_id(message.id);
    outbound.set_msgid(utf8(message.msgId));
    outbound.set_sender(message.sender);
    if (!message.senderInfo.isEmpty())
        fillSender(*outbound.mutable_senderinfo(), message.senderInfo);
    if (message.groupId != 0)
        outbound.set_groupid(message.groupId);
    outbound.set_receiver(message.receiver);
    outbound.set_type(utf8(message.type));
    outbound.set_content(utf8(message.content));
    outbound.set_timer(message.timer);
    if (!message.ext.isNull())
        outbound.set_ext(utf8(message.ext.toString()));
    if (message.seq > 0)
        outbound.set_seq(message.seq);
    return serialized(outbound);
}

QByteArray encodeNotify(const Core::Notification &notification)
{
    im::wire::Notify notify;
    notify.set_id(utf8(notification.id));
    notify.set_type(im::wire::NotifyType(notification.type));
    if (!notification.senderInfo.isEmpty())
        fillSender(*notify.mutable_sender(), notification.senderInfo);
    notify.set_receiver(notification.receiverId);
    notify.set_status(im::wire::NotifyStatus(notification.status));
    notify.set_timer(notification.timer);
    notify.set_remark(utf8(notification.remark));
    notify.set_ext(utf8(notification.ext));
    return serialized(notify);
}

bool isNotify(const QByteArray &payload)
{
    im::wire::Notify notify;
    return parse(notify, payload);
}

Result<ReadReceipt> decodeReadReceipt(const QByteArray &payload)
{
    im::wire::ReadReceipt wire;
    if (!parse(wire, payload) || wire.id() <= 0 || !fitsInt(wire.sender())
        || !fitsInt(wire.receiver()) || (wire.has_groupid() && !fitsInt(wire.groupid()))) {
        return makeError(ErrorCode::Malformed, u"Incorrect message format."_s);
    }
    return ReadReceipt { wire.id(), wire.sender(), wire.has_groupid() ? wire.groupid() : 0,
                         wire.receiver() };
}

QByteArray encodeReadReceipt(const ReadReceipt &receipt)
{
    im::wire::ReadReceipt wire;
    wire.set_id(receipt.id);
    wire.set_sender(receipt.sender);
    if (receipt.groupId != 0)
        wire.set_groupid(receipt.groupId);
    wire.set_receiver(receipt.receiver);
    return serialized(wire);
}

} // namespace Im::Messaging::WireCodec
