#pragma once

#include "im/notification.h"
#include "im/result.h"
#include "store/messagequeries.h"

#include <QByteArray>
#include <QJsonObject>

namespace Im::Messaging {

//! The protobuf payloads of the Socket.IO events (proto/im.proto), in one place: every required
//! field is always written (the desktop client's decoder throws otherwise) and every int64 stays
//! an integer end to end (D-32).
namespace WireCodec {

//! `AckMessage{statusCode, message}`, with the stored message's id and seq when given.
[[nodiscard]] QByteArray ack(int statusCode, const QString &message, qint64 id = 0, qint64 seq = 0);
//! The client's ack of a push: its statusCode, or nullopt when it is not an AckMessage.
[[nodiscard]] std::optional<qint64> ackStatus(const QByteArray &payload);

//! An inbound `on-message` (client layout, client_contract §4.3); Malformed when it does not
//! decode or misses a required field.
[[nodiscard]] Result<Store::NewMessage> decodeInbound(const QByteArray &payload);
//! The outbound `on-message` push (client_contract §4.4) with senderInfo and seq.
[[nodiscard]] QByteArray encodeOutbound(const Store::StoredMessage &message);

//! `on-notify` (client_contract §4.5): remark and ext always present (D-35).
[[nodiscard]] QByteArray encodeNotify(const Core::Notification &notification);
//! Whether \a payload is a decodable Notify (a client's own `on-notify`).
[[nodiscard]] bool isNotify(const QByteArray &payload);

//! `on-message:read` (the original server's MessageRead layout, spec §10).
using ReadReceipt = Core::ReadReceipt;
[[nodiscard]] Result<ReadReceipt> decodeReadReceipt(const QByteArray &payload);
[[nodiscard]] QByteArray encodeReadReceipt(const ReadReceipt &receipt);

} // namespace WireCodec

} // namespace Im::Messaging
