#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <optional>

namespace Im::SocketIo {

//! One Engine.IO v4 packet. A text packet carries UTF-8 data (possibly empty); a binary packet is
//! always a Message whose data are raw bytes.
struct EnginePacket
{
    enum class Type : char {
        Open = '0',
        Close = '1',
        Ping = '2',
        Pong = '3',
        Message = '4',
        Upgrade = '5',
        Noop = '6',
    };

    Type type = Type::Message;
    QByteArray data;
    bool binary = false;

    [[nodiscard]] static EnginePacket text(Type type, QByteArray data = {});
    [[nodiscard]] static EnginePacket binaryMessage(QByteArray data);

    //! Bytes this packet takes in a polling payload, without the separator: the larger of its two
    //! encodings (a binary packet grows by base64 there), so an upper bound for buffer accounting
    //! on either transport.
    [[nodiscard]] qint64 wireSize() const;

    friend bool operator==(const EnginePacket &, const EnginePacket &) = default;
};

// WebSocket transport: one packet per frame.

//! A text frame: the type digit, then the data. Nullopt when empty or the type is unknown.
//! The frame size is bounded by the WebSocket layer.
[[nodiscard]] std::optional<EnginePacket> decodeTextFrame(QByteArrayView utf8);
//! A binary frame is a binary Message with no type prefix.
[[nodiscard]] EnginePacket decodeBinaryFrame(QByteArray data);
//! The type digit followed by the data. A binary packet (which a WebSocket sends as a raw binary
//! frame instead) comes out as its polling form `b<base64>`.
[[nodiscard]] QByteArray encodeText(const EnginePacket &packet);

// Long-polling transport: several packets in one HTTP body.

//! Packets joined by the record separator 0x1e; binary ones as `b<base64>`. An empty list gives an
//! empty body.
[[nodiscard]] QByteArray encodePayload(const QList<EnginePacket> &packets);
//! The packets of a polling body, in order. Nullopt when the body is larger than \a maxPayload,
//! empty, has an empty record, an unknown type or invalid base64.
[[nodiscard]] std::optional<QList<EnginePacket>> decodePayload(QByteArrayView body,
                                                               qint64 maxPayload);

} // namespace Im::SocketIo
