#include "socketio/socketiopacket.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringDecoder>

#include <limits>
#include <utility>

using namespace Qt::StringLiterals;

namespace Im::SocketIo {

namespace {

using Type = SocketIoPacket::Type;

const QString placeholderKey = u"_placeholder"_s;
const QString numKey = u"num"_s;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isBinaryType(Type type)
{
    return type == Type::BinaryEvent || type == Type::BinaryAck;
}

bool carriesAttachments(Type type)
{
    return type == Type::Event || type == Type::Ack || isBinaryType(type);
}

QJsonValue toJson(const QVariant &value, QList<QByteArray> *attachments);

QJsonArray toJsonArray(const QVariantList &list, QList<QByteArray> *attachments)
{
    QJsonArray array;
    for (const QVariant &element : list)
        array.append(toJson(element, attachments));
    return array;
}

template<typename Map>
QJsonObject toJsonObject(const Map &map, QList<QByteArray> *attachments)
{
    QJsonObject object;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        object.insert(it.key(), toJson(it.value(), attachments));
    return object;
}

// attachments is null where binary cannot be attached (Connect, ConnectError, Disconnect).
QJsonValue toJson(const QVariant &value, QList<QByteArray> *attachments)
{
    switch (value.typeId()) {
    case QMetaType::UnknownType:
    case QMetaType::Nullptr:
        return QJsonValue::Null;
    case QMetaType::Bool:
        return value.toBool();
    case QMetaType::Char:
    case QMetaType::SChar:
    case QMetaType::UChar:
    case QMetaType::Short:
    case QMetaType::UShort:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::Long:
    case QMetaType::ULong:
    case QMetaType::LongLong:
        return value.toLongLong();
    case QMetaType::ULongLong: {
        const qulonglong number = value.toULongLong();
        if (number <= qulonglong(std::numeric_limits<qint64>::max()))
            return qint64(number);
        return double(number);
    }
    case QMetaType::Float:
    case QMetaType::Double:
        return value.toDouble(); // Qt writes integral doubles without a decimal point
    case QMetaType::QString:
        return value.toString();
    case QMetaType::QByteArray: {
        if (!attachments)
            return QString::fromLatin1(value.toByteArray().toBase64());
        QJsonObject placeholder;
        placeholder.insert(placeholderKey, true);
        placeholder.insert(numKey, qint64(attachments->size()));
        attachments->append(value.toByteArray());
        return placeholder;
    }
    case QMetaType::QVariantList:
    case QMetaType::QStringList:
        return toJsonArray(value.toList(), attachments);
    case QMetaType::QVariantMap:
        return toJsonObject(value.toMap(), attachments);
    case QMetaType::QVariantHash:
        return toJsonObject(value.toHash(), attachments);
    default:
        // QJsonValue/Object/Array/Document pass through; anything else becomes a string or null.
        return QJsonValue::fromVariant(value);
    }
}

QByteArray toCompactJson(const QJsonValue &value)
{
    // QJsonDocument only holds arrays and objects: wrap, then drop the brackets.
    const QByteArray wrapped = QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact);
    return wrapped.sliced(1, wrapped.size() - 2);
}

// Decoding.

bool isPlaceholder(const QVariantMap &map)
{
    const QVariant marker = map.value(placeholderKey);
    return marker.typeId() == QMetaType::Bool && marker.toBool();
}

// Checks that the placeholders of a binary packet refer to each announced attachment exactly once.
// A placeholder is not descended into: anything else it holds is dropped when it is filled.
QString checkPlaceholders(const QVariant &value, QList<bool> &seen)
{
    if (value.typeId() == QMetaType::QVariantList) {
        for (const QVariant &element : value.toList()) {
            if (QString problem = checkPlaceholders(element, seen); !problem.isEmpty())
                return problem;
        }
    } else if (value.typeId() == QMetaType::QVariantMap) {
        const QVariantMap map = value.toMap();
        if (!isPlaceholder(map)) {
            for (const QVariant &element : map) {
                if (QString problem = checkPlaceholders(element, seen); !problem.isEmpty())
                    return problem;
            }
            return {};
        }
        // Qt stores integral JSON numbers as qint64: fractions and strings fail here.
        const QVariant num = map.value(numKey);
        const qint64 index = num.typeId() == QMetaType::LongLong ? num.toLongLong() : -1;
        if (index < 0 || index >= seen.size())
            return u"placeholder number out of range"_s;
        if (seen[index])
            return u"placeholder %1 used twice"_s.arg(index);
        seen[index] = true;
    }
    return {};
}

// Replaces each placeholder map (already validated by the scan) by its attachment.
QVariant fillPlaceholders(const QVariant &value, const QList<QByteArray> &attachments)
{
    if (value.typeId() == QMetaType::QVariantList) {
        QVariantList list = value.toList();
        for (QVariant &element : list)
            element = fillPlaceholders(element, attachments);
        return list;
    }
    if (value.typeId() == QMetaType::QVariantMap) {
        QVariantMap map = value.toMap();
        if (isPlaceholder(map))
            return attachments.value(map.value(numKey).toLongLong());
        for (QVariant &element : map)
            element = fillPlaceholders(element, attachments);
        return map;
    }
    return value;
}

// A JSON text of any kind (QJsonDocument alone rejects scalars at the top level).
std::optional<QJsonValue> parseJson(QByteArrayView text)
{
    QByteArray wrapped;
    wrapped.reserve(text.size() + 2);
    wrapped.append('[').append(text).append(']');
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(wrapped, &error);
    // Exactly one element: "1,2" or "],[" must not sneak through the wrapping.
    if (error.error != QJsonParseError::NoError || !document.isArray()
        || document.array().size() != 1) {
        return std::nullopt;
    }
    return document.array().first();
}

// Why the payload does not suit the packet type; empty when it does.
QString payloadProblem(const SocketIoPacket &packet, const std::optional<QJsonValue> &payload)
{
    switch (packet.type) {
    case Type::Connect:
        return !payload || payload->isObject() ? QString() : u"CONNECT payload is not an object"_s;
    case Type::Disconnect:
        return payload ? u"DISCONNECT carries a payload"_s : QString();
    case Type::Event:
    case Type::BinaryEvent: {
        const QJsonArray array = payload ? payload->toArray() : QJsonArray();
        if (!payload || !payload->isArray() || array.isEmpty() || !array.first().isString())
            return u"EVENT payload is not an array starting with the event name"_s;
        return {};
    }
    case Type::Ack:
    case Type::BinaryAck:
        if (!packet.ackId)
            return u"ACK without an id"_s;
        return payload && payload->isArray() ? QString() : u"ACK payload is not an array"_s;
    case Type::ConnectError:
        if (payload && !payload->isObject() && !payload->isString())
            return u"CONNECT_ERROR payload is neither an object nor a string"_s;
        return {};
    }
    return u"unknown packet type"_s;
}

// A word before the first ',' (no JSON punctuation in it): a namespace without its leading '/'.
bool looksLikeBareNamespace(QByteArrayView rest)
{
    const qsizetype comma = rest.indexOf(',');
    if (comma <= 0)
        return false;
    for (char c : rest.first(comma)) {
        const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '-'
            || c == '_' || c == '.' || uchar(c) >= 0x80;
        if (!word)
            return false;
    }
    return true;
}

} // namespace

EncodedPacket encodeSocketIoPacket(const SocketIoPacket &packet)
{
    EncodedPacket encoded;
    Type type = packet.type;
    QByteArray json;
    if (packet.data.isValid()) {
        const bool binaryAllowed = carriesAttachments(type);
        json = toCompactJson(toJson(packet.data, binaryAllowed ? &encoded.attachments : nullptr));
    }
    const bool binary = !encoded.attachments.isEmpty();
    if (type == Type::Event || type == Type::BinaryEvent)
        type = binary ? Type::BinaryEvent : Type::Event;
    else if (type == Type::Ack || type == Type::BinaryAck)
        type = binary ? Type::BinaryAck : Type::Ack;

    QByteArray &text = encoded.text;
    text.reserve(json.size() + packet.nsp.size() + 24);
    text.append(char('0' + int(type)));
    if (binary)
        text.append(QByteArray::number(encoded.attachments.size())).append('-');
    if (!packet.nsp.isEmpty() && packet.nsp != u"/"_s)
        text.append(packet.nsp.toUtf8()).append(',');
    if (packet.ackId && *packet.ackId >= 0)
        text.append(QByteArray::number(*packet.ackId));
    text.append(json);
    return encoded;
}

SocketIoDecoder::SocketIoDecoder(qint64 maxPacketBytes)
    : m_maxPacketBytes(maxPacketBytes)
{ }

void SocketIoDecoder::reset()
{
    m_pendingBytes = 0;
    m_expectedAttachments = 0;
    m_hasPacket = false;
    m_packet = {};
    m_attachments.clear();
}

SocketIoDecoder::Status SocketIoDecoder::fail(QString reason)
{
    reset();
    m_error = std::move(reason);
    return Status::Invalid;
}

SocketIoDecoder::Status SocketIoDecoder::feedText(QByteArrayView utf8)
{
    if (isAwaitingAttachments()) {
        return fail(u"text message received while %1 attachment(s) are awaited"_s.arg(
            m_expectedAttachments - m_attachments.size()));
    }
    reset();
    if (utf8.size() > m_maxPacketBytes)
        return fail(u"packet larger than %1 bytes"_s.arg(m_maxPacketBytes));
    if (utf8.isEmpty() || utf8.front() < '0' || utf8.front() > '6')
        return fail(u"unknown packet type"_s);

    SocketIoPacket packet;
    packet.type = Type(utf8.front() - '0');
    qsizetype pos = 1;
    const qsizetype size = utf8.size();

    int attachments = 0;
    if (isBinaryType(packet.type)) {
        const qsizetype digitsStart = pos;
        for (; pos < size && isDigit(utf8[pos]); ++pos) {
            attachments = attachments * 10 + (utf8[pos] - '0');
            if (attachments > maxAttachments)
                return fail(u"more than %1 attachments"_s.arg(maxAttachments));
        }
        if (pos == digitsStart || pos == size || utf8[pos] != '-')
            return fail(u"malformed attachment count"_s);
        ++pos;
        if (attachments == 0)
            return fail(u"binary packet without attachments"_s);
    }

    if (pos < size && utf8[pos] == '/') {
        qsizetype end = utf8.indexOf(',', pos);
        if (end < 0)
            end = size; // "41/admin" without the comma is tolerated, as by the reference parser
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        packet.nsp = decoder(utf8.sliced(pos, end - pos));
        if (decoder.hasError())
            return fail(u"namespace is not valid UTF-8"_s);
        pos = end < size ? end + 1 : size;
    } else if (looksLikeBareNamespace(utf8.sliced(pos))) {
        return fail(u"namespace does not start with '/'"_s);
    }

    if (pos < size && isDigit(utf8[pos])) {
        qint64 id = 0;
        for (; pos < size && isDigit(utf8[pos]); ++pos) {
            const int digit = utf8[pos] - '0';
            if (id > (std::numeric_limits<qint64>::max() - digit) / 10)
                return fail(u"ack id out of range"_s);
            id = id * 10 + digit;
        }
        if (!carriesAttachments(packet.type))
            return fail(u"ack id on a packet that cannot have one"_s);
        packet.ackId = id;
    }

    std::optional<QJsonValue> payload;
    if (pos < size) {
        payload = parseJson(utf8.sliced(pos));
        if (!payload)
            return fail(u"payload is not valid JSON"_s);
    }
    if (const QString problem = payloadProblem(packet, payload); !problem.isEmpty())
        return fail(problem);

    if (!isBinaryType(packet.type)) {
        if (payload)
            packet.data = payload->toVariant(); // integral numbers come out as qint64
        m_packet = std::move(packet);
        m_hasPacket = true;
        return Status::Packet;
    }

    packet.data = payload->toVariant();
    QList<bool> seen(attachments, false);
    if (const QString problem = checkPlaceholders(packet.data, seen); !problem.isEmpty())
        return fail(problem);
    if (seen.contains(false))
        return fail(u"an announced attachment has no placeholder"_s);
    m_packet = std::move(packet);
    m_expectedAttachments = attachments;
    m_pendingBytes = size;
    return Status::NeedAttachments;
}

SocketIoDecoder::Status SocketIoDecoder::feedBinary(const QByteArray &data)
{
    if (!isAwaitingAttachments())
        return fail(u"binary message received while no attachment is awaited"_s);
    if (data.size() > m_maxPacketBytes - m_pendingBytes)
        return fail(u"packet larger than %1 bytes"_s.arg(m_maxPacketBytes));
    m_pendingBytes += data.size();
    m_attachments.append(data);
    if (m_attachments.size() < m_expectedAttachments)
        return Status::NeedAttachments;
    return complete();
}

SocketIoDecoder::Status SocketIoDecoder::complete()
{
    m_packet.data = fillPlaceholders(m_packet.data, m_attachments);
    m_attachments.clear();
    m_expectedAttachments = 0;
    m_pendingBytes = 0;
    m_hasPacket = true;
    return Status::Packet;
}

SocketIoPacket SocketIoDecoder::takePacket()
{
    if (!m_hasPacket)
        return {};
    m_hasPacket = false;
    return std::exchange(m_packet, {});
}

QString eventName(const SocketIoPacket &packet)
{
    if (packet.type != Type::Event && packet.type != Type::BinaryEvent)
        return {};
    const QVariantList list = packet.data.toList();
    if (list.isEmpty() || list.first().typeId() != QMetaType::QString)
        return {};
    return list.first().toString();
}

QVariantList eventArguments(const SocketIoPacket &packet)
{
    if (packet.data.typeId() != QMetaType::QVariantList)
        return {};
    QVariantList list = packet.data.toList();
    if (packet.type == Type::Ack || packet.type == Type::BinaryAck)
        return list;
    if ((packet.type == Type::Event || packet.type == Type::BinaryEvent) && !list.isEmpty())
        return list.sliced(1);
    return {};
}

} // namespace Im::SocketIo
