#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QVariant>

#include <optional>

namespace Im::SocketIo {

//! One Socket.IO v5 packet, as carried by Engine.IO message packets.
//! Data are QVariants: QString, qint64 (integral numbers) or double, bool, null (QVariant() or
//! std::nullptr_t), QVariantList, QVariantMap, and QByteArray for binary (sent as attachments).
struct SocketIoPacket
{
    enum class Type {
        Connect = 0,
        Disconnect = 1,
        Event = 2,
        Ack = 3,
        ConnectError = 4,
        BinaryEvent = 5,
        BinaryAck = 6,
    };

    Type type = Type::Event;
    QString nsp = QStringLiteral("/");
    std::optional<qint64> ackId;
    QVariant data; //!< An invalid QVariant means "no payload".

    friend bool operator==(const SocketIoPacket &, const SocketIoPacket &) = default;
};

//! A packet on the wire: the text message, then one binary message per attachment, in order.
struct EncodedPacket
{
    QByteArray text;
    QList<QByteArray> attachments;
};

//! Encodes `<type>[<count>-][<nsp>,][<ackId>][<json>]`; the namespace is written only when it is
//! not "/". Every QByteArray in the data of an Event or Ack becomes
//! `{"_placeholder":true,"num":i}` plus attachment i, and the packet becomes a BinaryEvent or
//! BinaryAck. A BinaryEvent/BinaryAck without any QByteArray is sent as a plain Event/Ack (a zero
//! attachment count is invalid on the wire). In the other packet types a QByteArray is written as
//! a base64 string. JSON is compact; object keys come out sorted (QVariantMap); integral numbers
//! have no decimal point; NaN and infinities become null. A negative ackId is not written.
[[nodiscard]] EncodedPacket encodeSocketIoPacket(const SocketIoPacket &packet);

//! Turns the Engine.IO messages of one client, fed in arrival order, into Socket.IO packets,
//! reassembling binary packets from their attachments. Pure state machine: no I/O.
//! A decoded BinaryEvent/BinaryAck keeps its type (so callers know binary was involved); its
//! placeholders are replaced by the QByteArray attachments, wherever they are nested.
//! Any violation yields Invalid with errorString(), and the decoder starts afresh; the caller is
//! expected to close the connection.
class SocketIoDecoder
{
public:
    enum class Status {
        Packet, //!< A packet is complete: call takePacket().
        NeedAttachments, //!< A binary packet waits for more binary messages.
        Invalid, //!< See errorString(); pending state was dropped.
    };

    //! Most attachments one packet may announce.
    static constexpr int maxAttachments = 16;

    //! \a maxPacketBytes bounds the text plus all attachments of one packet.
    explicit SocketIoDecoder(qint64 maxPacketBytes = 1000000);

    //! Feeds the data of an Engine.IO text message.
    [[nodiscard]] Status feedText(QByteArrayView utf8);
    //! Feeds the data of an Engine.IO binary message (an attachment).
    [[nodiscard]] Status feedBinary(const QByteArray &data);

    //! The packet completed by the last feed that returned Packet.
    [[nodiscard]] SocketIoPacket takePacket();
    //! Why the last feed returned Invalid.
    [[nodiscard]] QString errorString() const { return m_error; }
    //! True between a binary header and its last attachment.
    [[nodiscard]] bool isAwaitingAttachments() const { return m_expectedAttachments > 0; }
    //! Drops any partial packet.
    void reset();

private:
    Status fail(QString reason);
    Status complete();

    qint64 m_maxPacketBytes;
    qint64 m_pendingBytes = 0;
    int m_expectedAttachments = 0;
    bool m_hasPacket = false;
    SocketIoPacket m_packet; // complete, or a binary one whose placeholders are still maps
    QList<QByteArray> m_attachments;
    QString m_error;
};

//! The event name of an Event/BinaryEvent (the first array element); empty otherwise.
[[nodiscard]] QString eventName(const SocketIoPacket &packet);
//! The arguments of an Event/BinaryEvent (the array without the name), or the whole array of an
//! Ack/BinaryAck; empty for other packets.
[[nodiscard]] QVariantList eventArguments(const SocketIoPacket &packet);

} // namespace Im::SocketIo
