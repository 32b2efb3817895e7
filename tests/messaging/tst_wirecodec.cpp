#include "im.pb.h"
#include "messaging/wirecodec.h"

#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
namespace WireCodec = Im::Messaging::WireCodec;

// The server's encoders and decoders against the golden vectors of client_contract §4.7: what the
// server writes must be byte-identical to what the desktop client's protobufjs writes.
class TestWireCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ackIsTheGoldenVector()
    {
        QCOMPARE(WireCodec::ack(200, u"Successfully."_s).toHex(),
                 QByteArray("08c801120d5375636365737366756c6c792e"));
        QCOMPARE(WireCodec::ack(408, u"timeout"_s).toHex(), QByteArray("089803120774696d656f7574"));
        QCOMPARE(WireCodec::ackStatus(QByteArray::fromHex("08c801120d5375636365737366756c6c792e")),
                 std::optional<qint64>(200));
        QCOMPARE(WireCodec::ackStatus(QByteArray("not protobuf")), std::nullopt);
        // The port's additions ride in new fields that the client's decoder skips.
        im::wire::AckMessage withId;
        const QByteArray bytes = WireCodec::ack(200, u"Successfully."_s, 33, 7);
        QVERIFY(withId.ParseFromArray(bytes.constData(), int(bytes.size())));
        QCOMPARE(withId.id(), 33);
        QCOMPARE(withId.seq(), 7);
    }

    void decodesTheGoldenInboundMessage()
    {
        const auto message = WireCodec::decodeInbound(
            QByteArray::fromHex("122434663463343932342d383830372d343262652d393339302d66356230313333"
                                "623430353118974e28994e"
                                "3204746578743a0548656c6c6f40ecc1f6a18131"));
        QVERIFY(message);
        QCOMPARE(message->msgId, u"4f4c4924-8807-42be-9390-f5b0133b4051"_s);
        QCOMPARE(message->sender, 10007);
        QCOMPARE(message->receiver, 10009);
        QCOMPARE(message->groupId, 0);
        QCOMPARE(message->type, u"text"_s);
        QCOMPARE(message->content, u"Hello"_s);
        QCOMPARE(message->timer, Q_INT64_C(1683966763244));
        QVERIFY(message->ext.isNull());
    }

    void refusesMalformedInbound()
    {
        QVERIFY(!WireCodec::decodeInbound(QByteArray::fromHex("ff0102")));
        // Missing required fields (only msgId).
        QVERIFY(!WireCodec::decodeInbound(QByteArray::fromHex("12026964")));
        // A negative sender does not name a user.
        im::wire::InboundChatMessage negative;
        negative.set_msgid("x");
        negative.set_sender(-5);
        negative.set_receiver(10009);
        negative.set_type("text");
        negative.set_content("c");
        negative.set_timer(1);
        std::string bytes;
        negative.SerializeToString(&bytes);
        QVERIFY(!WireCodec::decodeInbound(QByteArray::fromStdString(bytes)));
    }

    void encodesTheGoldenOutboundMessages()
    {
        Im::Store::StoredMessage message;
        message.id = 33;
        message.msgId = u"4f4c4924-8807-42be-9390-f5b0133b4051"_s;
        message.sender = 10007;
        message.senderInfo = QJsonObject { { u"id"_s, 10007 },
                                           { u"account"_s, u"17621398254"_s },
                                           { u"avatar"_s, QJsonValue::Null },
                                           { u"regisTime"_s, u"2023-01-01 10:00:00"_s },
                                           { u"updateTime"_s, u"2023-01-01 10:00:00"_s } };
        message.receiver = 10009;
        message.type = u"text"_s;
        message.content = u"Hello"_s;
        message.timer = Q_INT64_C(1683966763244);
        QCOMPARE(WireCodec::encodeOutbound(message).toHex(),
                 QByteArray("0821122434663463343932342d383830372d343262652d393339302d6635623031"
                            "33336234303531"
                            "18974e223a08974e120b31373632313339383235342a13323032332d30312d3031"
                            "2031303a30303a30303213323032332d30312d30312031303a30303a303030994e"
                            "3a0474657874420548656c6c6f48ecc1f6a18131"));

        Im::Store::StoredMessage group;
        group.id = 34;
        group.msgId = u"g1"_s;
        group.sender = 10007;
        group.groupId = 1;
        group.receiver = 1;
        group.type = u"image"_s;
        group.content = u"http://127.0.0.1:3000/uploads/10007/a.png"_s;
        group.timer = Q_INT64_C(1683966763245);
        group.ext = u"{}"_s;
        QCOMPARE(WireCodec::encodeOutbound(group).toHex(),
                 QByteArray("08221202673118974e280130013a05696d6167654229687474703a2f2f3132372e"
                            "302e302e313a333030302f75706c6f6164732f31303030372f612e706e6748edc1"
                            "f6a1813152027b7d"));
        group.seq = 5;
        im::wire::OutboundChatMessage decoded;
        const QByteArray bytes = WireCodec::encodeOutbound(group);
        QVERIFY(decoded.ParseFromArray(bytes.constData(), int(bytes.size())));
        QCOMPARE(decoded.seq(), 5);
    }

    void encodesTheGoldenNotify()
    {
        Im::Core::Notification notification;
        notification.id = u"9b2c6f0e-1111-4222-8333-444455556666"_s;
        notification.type = Im::Core::NotifyType::AddFriend;
        notification.senderInfo =
            QJsonObject { { u"id"_s, 10007 }, { u"account"_s, u"17621398254"_s } };
        notification.receiverId = 10009;
        notification.status = Im::Core::NotifyStatus::Initial;
        notification.timer = Q_INT64_C(1683966763244);
        // remark and ext empty: written anyway (D-35), the trailing 3a00 4200.
        QCOMPARE(WireCodec::encodeNotify(notification).toHex(),
                 QByteArray("0a2439623263366630652d313131312d343232322d383333332d3434343435353535"
                            "3636363610011a1008974e120b313736323133393832353420994e280130ecc1f6"
                            "a181313a004200"));
        QVERIFY(WireCodec::isNotify(WireCodec::encodeNotify(notification)));
    }

    void readReceiptUsesTheOriginalLayout()
    {
        // spec §10 MessageRead: 1 id, 2 sender, 3 groupId (optional), 4 receiver, all int64.
        const WireCodec::ReadReceipt receipt { 42, 10007, 3, 3 };
        const QByteArray bytes = WireCodec::encodeReadReceipt(receipt);
        QCOMPARE(bytes.toHex(), QByteArray("082a10974e18032003"));
        const auto decoded = WireCodec::decodeReadReceipt(bytes);
        QVERIFY(decoded);
        QCOMPARE(decoded->id, 42);
        QCOMPARE(decoded->groupId, 3);
        QVERIFY(!WireCodec::decodeReadReceipt(QByteArray::fromHex("082a")));
    }
};

QTEST_APPLESS_MAIN(TestWireCodec)
#include "tst_wirecodec.moc"
