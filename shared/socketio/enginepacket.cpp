#include "socketio/enginepacket.h"

namespace Im::SocketIo {

namespace {

constexpr char recordSeparator = '\x1e';
constexpr char binaryMarker = 'b';

std::optional<EnginePacket::Type> typeFromDigit(char digit)
{
    if (digit < '0' || digit > '6')
        return std::nullopt;
    return EnginePacket::Type(digit);
}

qint64 base64Size(qint64 bytes)
{
    return (bytes + 2) / 3 * 4;
}

// One record of a polling payload: a text packet or `b<base64>`.
std::optional<EnginePacket> decodeRecord(QByteArrayView record)
{
    if (record.isEmpty())
        return std::nullopt;
    if (record.front() != binaryMarker)
        return decodeTextFrame(record);
    const QByteArrayView encoded = record.sliced(1);
    // Qt accepts a lone trailing character as "nothing"; base64 never produces one.
    if (encoded.size() % 4 == 1)
        return std::nullopt;
    auto decoded = QByteArray::fromBase64Encoding(encoded.toByteArray(),
                                                  QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    return EnginePacket::binaryMessage(std::move(decoded.decoded));
}

} // namespace

EnginePacket EnginePacket::text(Type type, QByteArray data)
{
    return EnginePacket { type, std::move(data), false };
}

EnginePacket EnginePacket::binaryMessage(QByteArray data)
{
    return EnginePacket { Type::Message, std::move(data), true };
}

qint64 EnginePacket::wireSize() const
{
    return 1 + (binary ? base64Size(data.size()) : data.size());
}

std::optional<EnginePacket> decodeTextFrame(QByteArrayView utf8)
{
    if (utf8.isEmpty())
        return std::nullopt;
    const auto type = typeFromDigit(utf8.front());
    if (!type)
        return std::nullopt;
    return EnginePacket::text(*type, utf8.sliced(1).toByteArray());
}

EnginePacket decodeBinaryFrame(QByteArray data)
{
    return EnginePacket::binaryMessage(std::move(data));
}

QByteArray encodeText(const EnginePacket &packet)
{
    if (packet.binary)
        return binaryMarker + packet.data.toBase64();
    return char(packet.type) + packet.data;
}

QByteArray encodePayload(const QList<EnginePacket> &packets)
{
    QByteArray body;
    qint64 size = 0;
    for (const EnginePacket &packet : packets)
        size += packet.wireSize() + 1;
    body.reserve(size);
    for (const EnginePacket &packet : packets) {
        if (!body.isEmpty())
            body += recordSeparator;
        body += encodeText(packet);
    }
    return body;
}

std::optional<QList<EnginePacket>> decodePayload(QByteArrayView body, qint64 maxPayload)
{
    if (body.isEmpty() || body.size() > maxPayload)
        return std::nullopt;
    QList<EnginePacket> packets;
    qsizetype start = 0;
    while (start <= body.size()) {
        qsizetype end = body.indexOf(recordSeparator, start);
        if (end < 0)
            end = body.size();
        auto packet = decodeRecord(body.sliced(start, end - start));
        if (!packet)
            return std::nullopt;
        packets.append(std::move(*packet));
        start = end + 1;
    }
    return packets;
}

} // namespace Im::SocketIo
