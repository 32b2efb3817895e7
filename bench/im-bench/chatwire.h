#pragma once

#include <QByteArray>
#include <QString>
#include <QVariantList>

#include <optional>

namespace Im::Bench {

//! The `on-message` payloads both the chat phase and the catch-up scenario send and read, so
//! they encode and decode them one way.
namespace ChatWire {

inline const QString event = QStringLiteral("on-message");

//! An InboundChatMessage from \a sender to \a receiver (the group's id for a group message, with
//! \a groupId set; 0 otherwise), serialized.
[[nodiscard]] QByteArray encodeMessage(const QString &msgId, qint64 sender, qint64 receiver,
                                       qint64 groupId, const QString &content);

//! The server's ack of a send, or why it does not count as stored.
struct AckOutcome
{
    bool stored = false; //!< acked with status 200
    qint64 messageId = 0; //!< the stored message's id (the port's field 3), 0 when absent
    QString refusal; //!< "status message" or "undecodable ack" when not stored
};
//! Reads an ack's \a arguments (nullopt: the socket went before the ack came).
[[nodiscard]] std::optional<AckOutcome> readAck(const std::optional<QVariantList> &arguments);

//! What the bench checks of a pushed message.
struct Push
{
    qint64 id = 0;
    QString msgId;
    qint64 sender = 0;
    qint64 groupId = 0;
};
//! Decodes an `on-message` push; nullopt when it is not an OutboundChatMessage.
[[nodiscard]] std::optional<Push> readPush(const QVariantList &arguments);

//! The `{200}` ack the bench answers every push with, as the desktop client does.
[[nodiscard]] const QByteArray &okAck();

} // namespace ChatWire

} // namespace Im::Bench
