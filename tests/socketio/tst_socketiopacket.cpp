#include "socketio/enginepacket.h"
#include "socketio/socketiopacket.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Im::SocketIo::SocketIoDecoder;
using Im::SocketIo::SocketIoPacket;
using Type = SocketIoPacket::Type;
using Status = SocketIoDecoder::Status;

Q_DECLARE_METATYPE(Im::SocketIo::SocketIoPacket)

namespace {

// A type-exact rendering of a QVariant tree: QCOMPARE on it shows where two trees differ, and an
// int where a qint64 was expected counts as a difference.
QString describe(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::UnknownType:
        return u"<none>"_s;
    case QMetaType::Nullptr:
        return u"null"_s;
    case QMetaType::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QMetaType::LongLong:
        return u"i64:"_s + QString::number(value.toLongLong());
    case QMetaType::Double:
        return u"dbl:"_s + QString::number(value.toDouble(), 'g', 17);
    case QMetaType::QString:
        return u"\""_s + value.toString() + u"\""_s;
    case QMetaType::QByteArray:
        return u"bytes:"_s + QString::fromLatin1(value.toByteArray().toHex());
    case QMetaType::QVariantList: {
        QStringList parts;
        for (const QVariant &element : value.toList())
            parts.append(describe(element));
        return u"["_s + parts.join(u',') + u"]"_s;
    }
    case QMetaType::QVariantMap: {
        QStringList parts;
        const QVariantMap map = value.toMap();
        for (auto it = map.cbegin(); it != map.cend(); ++it)
            parts.append(it.key() + u":"_s + describe(it.value()));
        return u"{"_s + parts.join(u',') + u"}"_s;
    }
    default:
        return QString::fromLatin1(value.typeName()) + u"?"_s;
    }
}

SocketIoPacket packet(Type type, const QVariant &data = {}, const QString &nsp = u"/"_s,
                      std::optional<qint64> ackId = std::nullopt)
{
    SocketIoPacket result;
    result.type = type;
    result.data = data;
    result.nsp = nsp;
    result.ackId = ackId;
    return result;
}

QVariant null()
{
    return QVariant::fromValue(nullptr);
}

QVariantMap placeholder(qint64 num)
{
    return { { u"_placeholder"_s, true }, { u"num"_s, num } };
}

// Feeds a text message and its binary messages; returns the status of the last feed.
Status feed(SocketIoDecoder &decoder, const QByteArray &text, const QList<QByteArray> &binaries)
{
    Status status = decoder.feedText(text);
    for (const QByteArray &binary : binaries) {
        if (status == Status::Invalid)
            break;
        status = decoder.feedBinary(binary);
    }
    return status;
}

#define COMPARE_PACKETS(actual, expected)                                                          \
    do {                                                                                           \
        QCOMPARE((actual).type, (expected).type);                                                  \
        QCOMPARE((actual).nsp, (expected).nsp);                                                    \
        QCOMPARE((actual).ackId, (expected).ackId);                                                \
        QCOMPARE(describe((actual).data), describe((expected).data));                              \
    } while (false)

} // namespace

class TestSocketIoPacket : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void encode_data()
    {
        QTest::addColumn<SocketIoPacket>("packet");
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QList<QByteArray>>("attachments");

        const QList<QByteArray> none;
        QTest::newRow("goodConnect") << packet(Type::Connect) << "0"_ba << none;
        QTest::newRow("goodConnectWithAuth")
            << packet(Type::Connect, QVariantMap { { u"token"_s, u"123"_s } })
            << R"(0{"token":"123"})"_ba << none;
        QTest::newRow("goodConnectNamespaceWithAuth")
            << packet(Type::Connect, QVariantMap { { u"token"_s, u"abc"_s } }, u"/admin"_s)
            << R"(0/admin,{"token":"abc"})"_ba << none;
        QTest::newRow("goodConnectAnswerSid")
            << packet(Type::Connect, QVariantMap { { u"sid"_s, u"Xy_1"_s } })
            << R"(0{"sid":"Xy_1"})"_ba << none;
        QTest::newRow("goodConnectEmptyNamespaceIsMain")
            << packet(Type::Connect, {}, QString()) << "0"_ba << none;
        QTest::newRow("goodDisconnect") << packet(Type::Disconnect) << "1"_ba << none;
        QTest::newRow("goodDisconnectNamespace")
            << packet(Type::Disconnect, {}, u"/admin"_s) << "1/admin,"_ba << none;
        QTest::newRow("goodEvent") << packet(Type::Event, QVariantList { u"hello"_s, u"world"_s })
                                   << R"(2["hello","world"])"_ba << none;
        QTest::newRow("goodEventWithAckId")
            << packet(Type::Event, QVariantList { u"hello"_s }, u"/"_s, 12) << R"(212["hello"])"_ba
            << none;
        QTest::newRow("goodEventNamespaceAckId")
            << packet(Type::Event, QVariantList { u"x"_s }, u"/admin"_s, 7)
            << R"(2/admin,7["x"])"_ba << none;
        QTest::newRow("goodEventScalars")
            << packet(Type::Event,
                      QVariantList { u"s"_s, 1, qint64(9007199254740993), -5, 1.5, 2.0, true, false,
                                     null(), QVariant(), 4000000000u,
                                     qulonglong(18446744073709551615ull) })
            << R"(2["s",1,9007199254740993,-5,1.5,2,true,false,null,null,4000000000,18446744073709552000])"_ba
            << none;
        QTest::newRow("goodEventNested")
            << packet(
                   Type::Event,
                   QVariantList { u"n"_s,
                                  QVariantMap { { u"list"_s, QVariantList { 1, QVariantList {} } },
                                                { u"map"_s, QVariantMap {} },
                                                { u"text"_s, u"\"quoted\" \u00e9\n"_s } },
                                  QStringList { u"a"_s, u"b"_s } })
            << "2[\"n\",{\"list\":[1,[]],\"map\":{},\"text\":\"\\\"quoted\\\" \xc3\xa9\\n\"},[\"a\",\"b\"]]"_ba
            << none;
        QTest::newRow("goodAck") << packet(Type::Ack, QVariantList { u"ok"_s }, u"/"_s, 12)
                                 << R"(312["ok"])"_ba << none;
        QTest::newRow("goodAckEmpty")
            << packet(Type::Ack, QVariantList {}, u"/"_s, 5) << "35[]"_ba << none;
        QTest::newRow("goodAckNamespace")
            << packet(Type::Ack, QVariantList { 1 }, u"/admin"_s, 0) << "3/admin,0[1]"_ba << none;
        QTest::newRow("goodConnectError")
            << packet(Type::ConnectError, QVariantMap { { u"message"_s, u"Not authorized"_s } })
            << R"(4{"message":"Not authorized"})"_ba << none;
        QTest::newRow("goodConnectErrorNamespace")
            << packet(Type::ConnectError, QVariantMap { { u"message"_s, u"Invalid namespace"_s } },
                      u"/random"_s)
            << R"(4/random,{"message":"Invalid namespace"})"_ba << none;
        QTest::newRow("goodBinaryEvent")
            << packet(Type::Event, QVariantList { u"baz"_s, QByteArray("\x01\x02") })
            << R"(51-["baz",{"_placeholder":true,"num":0}])"_ba << QList { "\x01\x02"_ba };
        QTest::newRow("goodBinaryAck")
            << packet(Type::Ack, QVariantList { QByteArray("bin") }, u"/"_s, 15)
            << R"(61-15[{"_placeholder":true,"num":0}])"_ba << QList { "bin"_ba };
        QTest::newRow("goodBinaryNestedTwo")
            << packet(Type::Event,
                      QVariantList {
                          u"upload"_s,
                          QVariantMap {
                              { u"files"_s, QVariantList { QByteArray("A"), QByteArray("BB") } },
                              { u"name"_s, u"x"_s } } },
                      u"/admin"_s, 3)
            << R"(52-/admin,3["upload",{"files":[{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}],"name":"x"}])"_ba
            << QList { "A"_ba, "BB"_ba };
        QTest::newRow("goodBinaryEmptyAttachment")
            << packet(Type::Event, QVariantList { u"e"_s, QByteArray() })
            << R"(51-["e",{"_placeholder":true,"num":0}])"_ba << QList { QByteArray() };
        QTest::newRow("goodBinaryTypeWithoutBinaryIsPlain")
            << packet(Type::BinaryEvent, QVariantList { u"x"_s }) << R"(2["x"])"_ba << none;
        QTest::newRow("goodBinaryAckWithoutBinaryIsPlain")
            << packet(Type::BinaryAck, QVariantList {}, u"/"_s, 1) << "31[]"_ba << none;
        QTest::newRow("goodBytesOutsideEventsAreBase64")
            << packet(Type::Connect, QVariantMap { { u"key"_s, QByteArray("\x01\x02\x03") } })
            << R"(0{"key":"AQID"})"_ba << none;
    }

    void encode()
    {
        QFETCH(SocketIoPacket, packet);
        QFETCH(QByteArray, text);
        QFETCH(QList<QByteArray>, attachments);

        const auto encoded = Im::SocketIo::encodeSocketIoPacket(packet);
        QCOMPARE(encoded.text, text);
        QCOMPARE(encoded.attachments, attachments);
    }

    void decode_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QList<QByteArray>>("attachments");
        QTest::addColumn<SocketIoPacket>("expected");

        const QList<QByteArray> none;
        const auto args = [](auto... values) { return QVariantList { QVariant(values)... }; };
        QTest::newRow("goodConnect") << "0"_ba << none << packet(Type::Connect);
        QTest::newRow("goodConnectWithAuth")
            << R"(0{"token":"123"})"_ba << none
            << packet(Type::Connect, QVariantMap { { u"token"_s, u"123"_s } });
        QTest::newRow("goodConnectNamespaceWithAuth")
            << R"(0/admin,{"token":"abc"})"_ba << none
            << packet(Type::Connect, QVariantMap { { u"token"_s, u"abc"_s } }, u"/admin"_s);
        QTest::newRow("goodConnectNamespace")
            << "0/admin,"_ba << none << packet(Type::Connect, {}, u"/admin"_s);
        QTest::newRow("goodConnectNamespaceNoComma")
            << "0/admin"_ba << none << packet(Type::Connect, {}, u"/admin"_s);
        QTest::newRow("goodConnectUtf8Namespace")
            << "0/caf\xc3\xa9,"_ba << none << packet(Type::Connect, {}, u"/caf\u00e9"_s);
        QTest::newRow("goodDisconnect") << "1"_ba << none << packet(Type::Disconnect);
        QTest::newRow("goodDisconnectNamespace")
            << "1/admin,"_ba << none << packet(Type::Disconnect, {}, u"/admin"_s);
        QTest::newRow("goodEvent") << R"(2["hello","world"])"_ba << none
                                   << packet(Type::Event, args(u"hello"_s, u"world"_s));
        QTest::newRow("goodEventWithAckId")
            << R"(212["hello"])"_ba << none << packet(Type::Event, args(u"hello"_s), u"/"_s, 12);
        QTest::newRow("goodEventNamespaceAckId")
            << R"(2/admin,7["x"])"_ba << none << packet(Type::Event, args(u"x"_s), u"/admin"_s, 7);
        QTest::newRow("goodEventLargestAckId")
            << R"(29223372036854775807["x"])"_ba << none
            << packet(Type::Event, args(u"x"_s), u"/"_s, std::numeric_limits<qint64>::max());
        QTest::newRow("goodEventScalars")
            << R"(2["s",1,-5,1.5,2.0,1e3,true,false,null,"",9007199254740993,1e18,1e19,-0.25])"_ba
            << none
            << packet(Type::Event,
                      QVariantList { u"s"_s, qint64(1), qint64(-5), 1.5, qint64(2), qint64(1000),
                                     true, false, null(), QString(), qint64(9007199254740993),
                                     qint64(1000000000000000000), 1e19, -0.25 });
        // Close to Qt's nesting limit of 1024: deep, yet accepted and converted.
        QTest::newRow("goodEventDeepNesting")
            << "2[\"deep\"," + QByteArray(1000, '[') + QByteArray(1000, ']') + "]" << none << [] {
                   QVariant nested = QVariantList {};
                   for (int i = 1; i < 1000; ++i)
                       nested = QVariantList { nested };
                   return packet(Type::Event, QVariantList { u"deep"_s, nested });
               }();
        QTest::newRow("goodEventNested")
            << R"(2["n",{"a":{"b":[1,{"c":null}]},"d":[]}])"_ba << none
            << packet(Type::Event,
                      QVariantList {
                          u"n"_s,
                          QVariantMap {
                              { u"a"_s,
                                QVariantMap {
                                    { u"b"_s,
                                      QVariantList { qint64(1),
                                                     QVariantMap { { u"c"_s, null() } } } } } },
                              { u"d"_s, QVariantList {} } } });
        QTest::newRow("goodEventWhitespace")
            << "2[ \"x\" , 1 ]"_ba << none << packet(Type::Event, args(u"x"_s, qint64(1)));
        QTest::newRow("goodEventPlaceholderInPlainEventIsData")
            << R"(2["x",{"_placeholder":true,"num":0}])"_ba << none
            << packet(Type::Event, QVariantList { u"x"_s, placeholder(0) });
        QTest::newRow("goodAck") << R"(312["hello"])"_ba << none
                                 << packet(Type::Ack, args(u"hello"_s), u"/"_s, 12);
        QTest::newRow("goodAckEmpty")
            << "35[]"_ba << none << packet(Type::Ack, QVariantList {}, u"/"_s, 5);
        QTest::newRow("goodAckNamespace")
            << R"(3/admin,5["ok"])"_ba << none << packet(Type::Ack, args(u"ok"_s), u"/admin"_s, 5);
        QTest::newRow("goodConnectError")
            << R"(4{"message":"Not authorized"})"_ba << none
            << packet(Type::ConnectError, QVariantMap { { u"message"_s, u"Not authorized"_s } });
        QTest::newRow("goodConnectErrorNamespace")
            << R"(4/random,{"message":"Invalid namespace"})"_ba << none
            << packet(Type::ConnectError, QVariantMap { { u"message"_s, u"Invalid namespace"_s } },
                      u"/random"_s);
        QTest::newRow("goodConnectErrorLegacyString")
            << R"(4"Not authorized")"_ba << none << packet(Type::ConnectError, u"Not authorized"_s);
        QTest::newRow("goodConnectErrorNoPayload") << "4"_ba << none << packet(Type::ConnectError);
        QTest::newRow("goodBinaryEvent")
            << R"(51-["baz",{"_placeholder":true,"num":0}])"_ba << QList { "\x01\x02"_ba }
            << packet(Type::BinaryEvent, QVariantList { u"baz"_s, QByteArray("\x01\x02") });
        QTest::newRow("goodBinaryAck")
            << R"(61-15[{"_placeholder":true,"num":0}])"_ba << QList { "bin"_ba }
            << packet(Type::BinaryAck, QVariantList { QByteArray("bin") }, u"/"_s, 15);
        QTest::newRow("goodBinaryNestedInObjectAndArray")
            << R"(52-/admin,3["up",{"files":[{"_placeholder":true,"num":0}],"meta":{"thumb":{"_placeholder":true,"num":1}}}])"_ba
            << QList { "A"_ba, "\x00\xff"_ba }
            << packet(Type::BinaryEvent,
                      QVariantList {
                          u"up"_s,
                          QVariantMap {
                              { u"files"_s, QVariantList { QByteArray("A") } },
                              { u"meta"_s,
                                QVariantMap { { u"thumb"_s, QByteArray("\x00\xff", 2) } } } } },
                      u"/admin"_s, 3);
        QTest::newRow("goodBinaryOutOfOrderPlaceholders")
            << R"(53-["x",{"_placeholder":true,"num":2},[{"_placeholder":true,"num":0}],{"_placeholder":true,"num":1}])"_ba
            << QList { "zero"_ba, "one"_ba, "two"_ba }
            << packet(Type::BinaryEvent,
                      QVariantList { u"x"_s, QByteArray("two"), QVariantList { QByteArray("zero") },
                                     QByteArray("one") });
        QTest::newRow("goodBinaryEmptyAttachment")
            << R"(51-["e",{"_placeholder":true,"num":0}])"_ba << QList { QByteArray() }
            << packet(Type::BinaryEvent, QVariantList { u"e"_s, QByteArray() });
        QTest::newRow("goodBinarySixteenAttachments") <<
            [] {
                QByteArray text = R"(516-["many")";
                for (int i = 0; i < 16; ++i)
                    text += R"(,{"_placeholder":true,"num":)" + QByteArray::number(i) + '}';
                return text + ']';
            }() << QList<QByteArray>(16, "b"_ba)
                                                      << [] {
                                                             QVariantList list { u"many"_s };
                                                             for (int i = 0; i < 16; ++i)
                                                                 list.append(QByteArray("b"));
                                                             return packet(Type::BinaryEvent, list);
                                                         }();
    }

    void decode()
    {
        QFETCH(QByteArray, text);
        QFETCH(QList<QByteArray>, attachments);
        QFETCH(SocketIoPacket, expected);

        SocketIoDecoder decoder;
        Status status = decoder.feedText(text);
        for (const QByteArray &attachment : attachments) {
            QCOMPARE(status, Status::NeedAttachments);
            QVERIFY(decoder.isAwaitingAttachments());
            status = decoder.feedBinary(attachment);
        }
        QVERIFY2(status == Status::Packet, qPrintable(decoder.errorString()));
        QVERIFY(!decoder.isAwaitingAttachments());
        const SocketIoPacket packet = decoder.takePacket();
        COMPARE_PACKETS(packet, expected);
    }

    void invalid_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QList<QByteArray>>("attachments");
        QTest::addColumn<QString>("error");

        const QList<QByteArray> none;
        const QList<QByteArray> one { "a"_ba };
        const QByteArray ph0 = R"({"_placeholder":true,"num":0})";
        QTest::newRow("invalidEmpty") << QByteArray() << none << u"type"_s;
        QTest::newRow("invalidType7") << R"(7["x"])"_ba << none << u"type"_s;
        QTest::newRow("invalidType9") << "9"_ba << none << u"type"_s;
        QTest::newRow("invalidTypeLetter") << R"(e["x"])"_ba << none << u"type"_s;
        QTest::newRow("invalidTypeMinus") << "-1"_ba << none << u"type"_s;

        QTest::newRow("invalidCountNotDigits")
            << "5a-[\"x\"," + ph0 + "]" << one << u"attachment count"_s;
        QTest::newRow("invalidCountMissingDash")
            << "51[\"x\"," + ph0 + "]" << one << u"attachment count"_s;
        QTest::newRow("invalidCountMissing")
            << "5-[\"x\"," + ph0 + "]" << one << u"attachment count"_s;
        QTest::newRow("invalidCountAtEnd") << "51"_ba << one << u"attachment count"_s;
        QTest::newRow("invalidCountAlone") << "5"_ba << none << u"attachment count"_s;
        QTest::newRow("invalidCountZero") << R"(50-["x"])"_ba << none << u"without attachments"_s;
        QTest::newRow("invalidCountZeroAck") << "60-1[]"_ba << none << u"without attachments"_s;
        QTest::newRow("invalidCountSeventeen")
            << "517-[\"x\"," + ph0 + "]" << one << u"more than 16"_s;
        QTest::newRow("invalidCountSeventeenAllPlaceholders") << [] {
            QByteArray text = R"(517-["many")";
            for (int i = 0; i < 17; ++i)
                text += R"(,{"_placeholder":true,"num":)" + QByteArray::number(i) + '}';
            return text + ']';
        }() << QList<QByteArray>(17, "b"_ba) << u"more than 16"_s;
        QTest::newRow("invalidCountHuge")
            << "599999999999999999999999-[\"x\"]"_ba << none << u"more than 16"_s;
        QTest::newRow("invalidCountOnBinaryAck")
            << "6x-1[" + ph0 + "]" << one << u"attachment count"_s;

        QTest::newRow("invalidNamespaceWithoutSlash")
            << R"(2admin,["x"])"_ba << none << u"namespace"_s;
        QTest::newRow("invalidNamespaceWithoutSlashConnect")
            << R"(0admin,{})"_ba << none << u"namespace"_s;
        QTest::newRow("invalidNamespaceUtf8") << "2/\xff\xfe,[\"x\"]"_ba << none << u"UTF-8"_s;

        QTest::newRow("invalidAckIdOverflow")
            << R"(29223372036854775808["x"])"_ba << none << u"ack id"_s;
        QTest::newRow("invalidAckIdHuge")
            << "3123456789012345678901234567890[]"_ba << none << u"ack id"_s;
        QTest::newRow("invalidAckIdNotDigits") << R"(21a["x"])"_ba << none << u"JSON"_s;
        QTest::newRow("invalidAckIdOnConnect") << "05{}"_ba << none << u"ack id"_s;
        QTest::newRow("invalidAckIdOnDisconnect") << "1/admin,3"_ba << none << u"ack id"_s;
        QTest::newRow("invalidAckIdOnConnectError")
            << R"(42{"message":"x"})"_ba << none << u"ack id"_s;

        QTest::newRow("invalidJsonUnterminated") << R"(2["x")"_ba << none << u"JSON"_s;
        QTest::newRow("invalidJsonTrailing") << R"(2["x"]])"_ba << none << u"JSON"_s;
        QTest::newRow("invalidJsonTwoValues") << R"(2["x"],["y"])"_ba << none << u"JSON"_s;
        QTest::newRow("invalidJsonBracketInjection") << R"(2],[)"_ba << none << u"JSON"_s;
        QTest::newRow("invalidJsonGarbage") << "2\x01\x02"_ba << none << u"JSON"_s;
        QTest::newRow("invalidJsonBadUtf8") << "2[\"\xff\"]"_ba << none << u"JSON"_s;
        QTest::newRow("invalidJsonTooDeep")
            << "2[\"x\"," + QByteArray(5000, '[') + QByteArray(5000, ']') + "]" << none
            << u"JSON"_s;

        QTest::newRow("invalidEventNoPayload") << "2"_ba << none << u"EVENT"_s;
        QTest::newRow("invalidEventIdNoPayload") << "212"_ba << none << u"EVENT"_s;
        QTest::newRow("invalidEventObject") << R"(2{"a":1})"_ba << none << u"EVENT"_s;
        QTest::newRow("invalidEventString") << R"(2"x")"_ba << none << u"EVENT"_s;
        QTest::newRow("invalidEventNull") << "2null"_ba << none << u"EVENT"_s;
        QTest::newRow("invalidEventEmptyArray") << "2[]"_ba << none << u"EVENT"_s;
        QTest::newRow("invalidEventNameNumber") << "2[1]"_ba << none << u"EVENT"_s;
        QTest::newRow("invalidEventNameObject") << R"(2[{"a":1},"x"])"_ba << none << u"EVENT"_s;

        QTest::newRow("invalidAckWithoutId") << R"(3["x"])"_ba << none << u"ACK without"_s;
        QTest::newRow("invalidAckObject") << R"(31{"a":1})"_ba << none << u"ACK payload"_s;
        QTest::newRow("invalidAckString") << R"(31"x")"_ba << none << u"ACK payload"_s;
        QTest::newRow("invalidAckNoPayload") << "31"_ba << none << u"ACK payload"_s;

        QTest::newRow("invalidConnectArray") << R"(0["x"])"_ba << none << u"CONNECT"_s;
        QTest::newRow("invalidConnectString") << R"(0"token")"_ba << none << u"CONNECT"_s;
        QTest::newRow("invalidConnectNull") << "0null"_ba << none << u"CONNECT"_s;
        QTest::newRow("invalidConnectNamespaceArray") << "0/admin,[1]"_ba << none << u"CONNECT"_s;

        QTest::newRow("invalidConnectErrorArray") << "4[1]"_ba << none << u"CONNECT_ERROR"_s;
        QTest::newRow("invalidConnectErrorBool") << "4true"_ba << none << u"CONNECT_ERROR"_s;
        QTest::newRow("invalidConnectErrorNull") << "4null"_ba << none << u"CONNECT_ERROR"_s;

        QTest::newRow("invalidDisconnectObject") << "1{}"_ba << none << u"DISCONNECT"_s;
        QTest::newRow("invalidDisconnectNamespaceObject")
            << "1/admin,{}"_ba << none << u"DISCONNECT"_s;
        QTest::newRow("invalidDisconnectString") << R"(1"bye")"_ba << none << u"DISCONNECT"_s;

        QTest::newRow("invalidPlaceholderNumTooLarge")
            << R"(51-["x",{"_placeholder":true,"num":1}])"_ba << one << u"out of range"_s;
        QTest::newRow("invalidPlaceholderNumNegative")
            << R"(51-["x",{"_placeholder":true,"num":-1}])"_ba << one << u"out of range"_s;
        QTest::newRow("invalidPlaceholderNumFraction")
            << R"(51-["x",{"_placeholder":true,"num":0.5}])"_ba << one << u"out of range"_s;
        QTest::newRow("invalidPlaceholderNumString")
            << R"(51-["x",{"_placeholder":true,"num":"0"}])"_ba << one << u"out of range"_s;
        QTest::newRow("invalidPlaceholderNumMissing")
            << R"(51-["x",{"_placeholder":true}])"_ba << one << u"out of range"_s;
        QTest::newRow("invalidPlaceholderDuplicated")
            << "52-[\"x\"," + ph0 + "," + ph0 + "]" << QList { "a"_ba, "b"_ba } << u"twice"_s;
        QTest::newRow("invalidPlaceholderMissing")
            << "52-[\"x\"," + ph0 + "]" << QList { "a"_ba, "b"_ba } << u"no placeholder"_s;
        QTest::newRow("invalidPlaceholderNone") << R"(51-["x"])"_ba << one << u"no placeholder"_s;
        QTest::newRow("invalidPlaceholderInsidePlaceholder")
            << R"(52-["x",{"_placeholder":true,"num":0,"y":{"_placeholder":true,"num":1}}])"_ba
            << QList { "a"_ba, "b"_ba } << u"no placeholder"_s;
        QTest::newRow("invalidBinaryEventNotArray") << "51-" + ph0 << one << u"EVENT"_s;
        QTest::newRow("invalidBinaryEventNameIsBinary") << "51-[" + ph0 + "]" << one << u"EVENT"_s;
        QTest::newRow("invalidBinaryEventNoPayload") << "51-"_ba << one << u"EVENT"_s;
        QTest::newRow("invalidBinaryAckWithoutId") << "61-[" + ph0 + "]" << one << u"ACK without"_s;
        QTest::newRow("invalidBinaryAckObject") << "61-1" + ph0 << one << u"ACK payload"_s;
    }

    void invalid()
    {
        QFETCH(QByteArray, text);
        QFETCH(QList<QByteArray>, attachments);
        QFETCH(QString, error);

        SocketIoDecoder decoder;
        QCOMPARE(feed(decoder, text, attachments), Status::Invalid);
        QVERIFY2(decoder.errorString().contains(error, Qt::CaseInsensitive),
                 qPrintable(decoder.errorString()));
        QVERIFY(!decoder.isAwaitingAttachments());

        // The decoder starts afresh: the next packet is read on its own.
        QCOMPARE(decoder.feedText(R"(2["ok"])"), Status::Packet);
        QCOMPARE(Im::SocketIo::eventName(decoder.takePacket()), u"ok"_s);
    }

    void invalidSequences()
    {
        const QByteArray header =
            R"(52-["x",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}])";
        {
            SocketIoDecoder decoder;
            QCOMPARE(decoder.feedBinary("stray"), Status::Invalid);
            QVERIFY(decoder.errorString().contains(u"no attachment is awaited"_s));
        }
        {
            SocketIoDecoder decoder;
            QCOMPARE(decoder.feedText(header), Status::NeedAttachments);
            QCOMPARE(decoder.feedBinary("a"), Status::NeedAttachments);
            QCOMPARE(decoder.feedText(R"(2["y"])"), Status::Invalid);
            QVERIFY(decoder.errorString().contains(u"awaited"_s));
            QVERIFY(!decoder.isAwaitingAttachments());
            // The interrupting text was not taken as a packet, and the binary that follows is
            // stray.
            QCOMPARE(decoder.feedBinary("b"), Status::Invalid);
        }
        {
            SocketIoDecoder decoder;
            QCOMPARE(feed(decoder, header, { "a", "b" }), Status::Packet);
            QCOMPARE(decoder.feedBinary("c"), Status::Invalid); // one attachment too many
        }
    }

    void sizeLimit_data()
    {
        QTest::addColumn<qint64>("limit");
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QList<QByteArray>>("attachments");
        QTest::addColumn<Status>("status");

        const QByteArray event = R"(2["x"])";
        const QByteArray binary = R"(51-["x",{"_placeholder":true,"num":0}])"; // 39 bytes
        QTest::newRow("goodTextAtLimit")
            << qint64(event.size()) << event << QList<QByteArray>() << Status::Packet;
        QTest::newRow("goodBinaryAtLimit") << qint64(binary.size() + 10) << binary
                                           << QList { QByteArray(10, 'b') } << Status::Packet;
        QTest::newRow("invalidTextOverLimit")
            << qint64(event.size() - 1) << event << QList<QByteArray>() << Status::Invalid;
        QTest::newRow("invalidAttachmentOverLimit")
            << qint64(binary.size() + 10) << binary << QList { QByteArray(11, 'b') }
            << Status::Invalid;
        QTest::newRow("invalidAttachmentsSumOverLimit")
            << qint64(160)
            << R"(52-["x",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}])"_ba
            << QList { QByteArray(40, 'b'), QByteArray(60, 'b') } << Status::Invalid;
        // Over the default limit of 1 000 000 bytes.
        QTest::newRow("invalidDefaultLimit")
            << qint64(-1) << "2[\"x\",\"" + QByteArray(1000000, 'y') + "\"]" << QList<QByteArray>()
            << Status::Invalid;
    }

    void sizeLimit()
    {
        QFETCH(qint64, limit);
        QFETCH(QByteArray, text);
        QFETCH(QList<QByteArray>, attachments);
        QFETCH(Status, status);

        SocketIoDecoder decoder = limit < 0 ? SocketIoDecoder() : SocketIoDecoder(limit);
        const Status result = feed(decoder, text, attachments);
        QVERIFY2(result == status, qPrintable(decoder.errorString()));
        if (status == Status::Invalid)
            QVERIFY(decoder.errorString().contains(u"larger than"_s));
    }

    void incomplete_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QList<QByteArray>>("attachments");

        const QByteArray two =
            R"(52-["x",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}])";
        QTest::newRow("incompleteTwoFedNone") << two << QList<QByteArray>();
        QTest::newRow("incompleteTwoFedOne") << two << QList { "a"_ba };
        QTest::newRow("incompleteAckOneFedNone")
            << R"(61-4[{"_placeholder":true,"num":0}])"_ba << QList<QByteArray>();
        QTest::newRow("incompleteThreeFedTwo")
            << R"(53-["x",[{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}],{"_placeholder":true,"num":2}])"_ba
            << QList { "a"_ba, "b"_ba };
    }

    void incomplete()
    {
        QFETCH(QByteArray, text);
        QFETCH(QList<QByteArray>, attachments);

        SocketIoDecoder decoder;
        QCOMPARE(feed(decoder, text, attachments), Status::NeedAttachments);
        QVERIFY(decoder.isAwaitingAttachments());
        // Nothing is delivered before the last attachment.
        const SocketIoPacket nothing = decoder.takePacket();
        COMPARE_PACKETS(nothing, SocketIoPacket());
        QVERIFY(decoder.isAwaitingAttachments());

        decoder.reset();
        QVERIFY(!decoder.isAwaitingAttachments());
        QCOMPARE(decoder.feedText(R"(2["after"])"), Status::Packet);
    }

    void roundTrip_data()
    {
        QTest::addColumn<SocketIoPacket>("packet");

        QTest::newRow("goodConnect") << packet(Type::Connect);
        QTest::newRow("goodConnectAuth")
            << packet(Type::Connect, QVariantMap { { u"token"_s, u"t"_s }, { u"n"_s, qint64(3) } },
                      u"/chat"_s);
        QTest::newRow("goodDisconnect") << packet(Type::Disconnect, {}, u"/chat"_s);
        QTest::newRow("goodEventAllTypes") << packet(
            Type::Event,
            QVariantList { u"all"_s, qint64(-42), qint64(1) << 60, 0.25, true, null(),
                           u"\u4f60\u597d \U0001F600"_s,
                           QVariantMap { { u"k"_s, QVariantList { false, QVariantMap {} } } } },
            u"/"_s, 0);
        QTest::newRow("goodAck") << packet(Type::Ack, QVariantList { u"r"_s }, u"/a"_s, 99);
        QTest::newRow("goodConnectError") << packet(
            Type::ConnectError, QVariantMap { { u"message"_s, u"no"_s }, { u"data"_s, null() } });
        QTest::newRow("goodBinaryEventNested") << packet(
            Type::BinaryEvent,
            QVariantList {
                u"file"_s, QByteArray("\x00\x01\x02", 3),
                QVariantMap { { u"parts"_s, QVariantList { QByteArray("p1"), QByteArray() } },
                              { u"deep"_s, QVariantMap { { u"x"_s, QByteArray("\xff") } } } } },
            u"/up"_s, 7);
        QTest::newRow("goodBinaryAck")
            << packet(Type::BinaryAck, QVariantList { QByteArray("ok"), qint64(1) }, u"/"_s, 15);
    }

    void roundTrip()
    {
        QFETCH(SocketIoPacket, packet);
        const auto encoded = Im::SocketIo::encodeSocketIoPacket(packet);
        SocketIoDecoder decoder;
        QVERIFY2(feed(decoder, encoded.text, encoded.attachments) == Status::Packet,
                 qPrintable(decoder.errorString()));
        const SocketIoPacket decoded = decoder.takePacket();
        COMPARE_PACKETS(decoded, packet);
    }

    void overEngineIo_data()
    {
        // The exact frames of the protocol notes, Engine.IO prefix included.
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<QList<QByteArray>>("binaryFrames");
        QTest::addColumn<SocketIoPacket>("expected");

        QTest::newRow("goodConnect") << "40"_ba << QList<QByteArray>() << packet(Type::Connect);
        QTest::newRow("goodConnectAdmin")
            << R"(40/admin,{"token":"abc"})"_ba << QList<QByteArray>()
            << packet(Type::Connect, QVariantMap { { u"token"_s, u"abc"_s } }, u"/admin"_s);
        QTest::newRow("goodConnectError")
            << R"(44{"message":"Not authorized"})"_ba << QList<QByteArray>()
            << packet(Type::ConnectError, QVariantMap { { u"message"_s, u"Not authorized"_s } });
        QTest::newRow("goodEventWithAck")
            << R"(4212["hello"])"_ba << QList<QByteArray>()
            << packet(Type::Event, QVariantList { u"hello"_s }, u"/"_s, 12);
        QTest::newRow("goodAckEmpty")
            << "4312[]"_ba << QList<QByteArray>() << packet(Type::Ack, QVariantList {}, u"/"_s, 12);
        QTest::newRow("goodDisconnectAdmin")
            << "41/admin,"_ba << QList<QByteArray>() << packet(Type::Disconnect, {}, u"/admin"_s);
        QTest::newRow("goodBinaryEvent")
            << R"(451-["baz",{"_placeholder":true,"num":0}])"_ba << QList { "\x01\x02\x03"_ba }
            << packet(Type::BinaryEvent, QVariantList { u"baz"_s, QByteArray("\x01\x02\x03") });
        QTest::newRow("goodBinaryAck")
            << R"(461-15[{"_placeholder":true,"num":0}])"_ba << QList { "x"_ba }
            << packet(Type::BinaryAck, QVariantList { QByteArray("x") }, u"/"_s, 15);
    }

    void overEngineIo()
    {
        QFETCH(QByteArray, frame);
        QFETCH(QList<QByteArray>, binaryFrames);
        QFETCH(SocketIoPacket, expected);

        const auto message = Im::SocketIo::decodeTextFrame(frame);
        QVERIFY(message);
        QCOMPARE(message->type, Im::SocketIo::EnginePacket::Type::Message);
        SocketIoDecoder decoder;
        Status status = decoder.feedText(message->data);
        for (const QByteArray &binaryFrame : binaryFrames)
            status = decoder.feedBinary(Im::SocketIo::decodeBinaryFrame(binaryFrame).data);
        QVERIFY2(status == Status::Packet, qPrintable(decoder.errorString()));
        const SocketIoPacket packet = decoder.takePacket();
        COMPARE_PACKETS(packet, expected);

        // The server writes the same bytes back.
        const auto encoded = Im::SocketIo::encodeSocketIoPacket(packet);
        QCOMPARE('4' + encoded.text, frame);
        QCOMPARE(encoded.attachments, binaryFrames);
    }

    void eventHelpers_data()
    {
        QTest::addColumn<SocketIoPacket>("packet");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QVariantList>("arguments");

        QTest::newRow("goodEvent") << packet(Type::Event, QVariantList { u"chat"_s, 1, u"two"_s })
                                   << u"chat"_s << QVariantList { 1, u"two"_s };
        QTest::newRow("goodEventNoArguments")
            << packet(Type::Event, QVariantList { u"ping"_s }) << u"ping"_s << QVariantList {};
        QTest::newRow("goodBinaryEvent")
            << packet(Type::BinaryEvent, QVariantList { u"f"_s, QByteArray("b") }) << u"f"_s
            << QVariantList { QByteArray("b") };
        QTest::newRow("goodAckKeepsAll") << packet(Type::Ack, QVariantList { u"a"_s, 2 }, u"/"_s, 1)
                                         << QString() << QVariantList { u"a"_s, 2 };
        QTest::newRow("goodConnectHasNone")
            << packet(Type::Connect, QVariantMap { { u"a"_s, 1 } }) << QString() << QVariantList {};
        QTest::newRow("invalidEventNameNotString")
            << packet(Type::Event, QVariantList { 1, 2 }) << QString() << QVariantList { 2 };
        QTest::newRow("invalidEventNoData") << packet(Type::Event) << QString() << QVariantList {};
    }

    void eventHelpers()
    {
        QFETCH(SocketIoPacket, packet);
        QFETCH(QString, name);
        QFETCH(QVariantList, arguments);
        QCOMPARE(Im::SocketIo::eventName(packet), name);
        QCOMPARE(describe(Im::SocketIo::eventArguments(packet)), describe(arguments));
    }

    void garbageNeverCrashes()
    {
        // Mutations of valid packets: each byte replaced by a few interesting values.
        const QList<QByteArray> seeds {
            R"(52-/a,3["x",{"_placeholder":true,"num":0},[{"_placeholder":true,"num":1}]])",
            R"(0/admin,{"token":"abc"})",
            R"(312["hello",1.5,null])",
        };
        const QByteArray replacements("\0-/,[]{}\"0195x\xff", 15);
        int packets = 0;
        for (const QByteArray &seed : seeds) {
            for (qsizetype i = 0; i < seed.size(); ++i) {
                for (char replacement : replacements) {
                    QByteArray text = seed;
                    text[i] = replacement;
                    SocketIoDecoder decoder;
                    if (feed(decoder, text, { "a", "b" }) == Status::Packet)
                        ++packets;
                }
            }
        }
        QVERIFY(packets > 0);
    }
};

QTEST_GUILESS_MAIN(TestSocketIoPacket)
#include "tst_socketiopacket.moc"
