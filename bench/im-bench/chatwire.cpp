#include "chatwire.h"

#include "im.pb.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace Im::Bench::ChatWire {

QByteArray encodeMessage(const QString &msgId, qint64 sender, qint64 receiver, qint64 groupId,
                         const QString &content)
{
    im::wire::InboundChatMessage message;
    message.set_msgid(msgId.toStdString());
    message.set_sender(sender);
    message.set_receiver(receiver);
    if (groupId != 0)
        message.set_groupid(groupId);
    message.set_type("text");
    message.set_content(content.toStdString());
    message.set_timer(QDateTime::currentMSecsSinceEpoch());
    return QByteArray::fromStdString(message.SerializeAsString());
}

std::optional<AckOutcome> readAck(const std::optional<QVariantList> &arguments)
{
    if (!arguments)
        return std::nullopt;
    AckOutcome outcome;
    im::wire::AckMessage ack;
    if (arguments->isEmpty()
        || !ack.ParseFromString(arguments->first().toByteArray().toStdString())) {
        outcome.refusal = u"undecodable ack"_s;
    } else if (ack.statuscode() != 200) {
        outcome.refusal =
            u"%1 %2"_s.arg(ack.statuscode()).arg(QString::fromStdString(ack.message()));
    } else {
        outcome.stored = true;
        outcome.messageId = ack.has_id() ? ack.id() : 0;
    }
    return outcome;
}

std::optional<Push> readPush(const QVariantList &arguments)
{
    im::wire::OutboundChatMessage message;
    if (arguments.isEmpty()
        || !message.ParseFromString(arguments.first().toByteArray().toStdString())) {
        return std::nullopt;
    }
    return Push { message.id(), QString::fromStdString(message.msgid()), message.sender(),
                  message.has_groupid() ? message.groupid() : 0 };
}

const QByteArray &okAck()
{
    static const QByteArray ok = [] {
        im::wire::AckMessage ack;
        ack.set_statuscode(200);
        ack.set_message("Successfully.");
        return QByteArray::fromStdString(ack.SerializeAsString());
    }();
    return ok;
}

} // namespace Im::Bench::ChatWire
