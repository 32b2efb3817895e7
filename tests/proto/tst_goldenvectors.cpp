#include "im.pb.h"

#include <QTest>

#include <string>

// The golden vectors of the desktop client's wire contract (§4.7), produced by the desktop
// client's protobufjs: our proto2 schema must decode them and re-encode them byte for byte.
class TestGoldenVectors : public QObject
{
    Q_OBJECT

private:
    template<typename Message>
    static Message roundTrip(const QByteArray &hex)
    {
        const QByteArray bytes = QByteArray::fromHex(hex);
        Message message;
        const bool parsed = message.ParseFromArray(bytes.constData(), int(bytes.size()));
        if (!parsed)
            qWarning() << "cannot parse" << hex;
        std::string encoded;
        message.SerializeToString(&encoded);
        if (QByteArray::fromStdString(encoded) != bytes)
            qWarning() << "re-encoded differently:" << QByteArray::fromStdString(encoded).toHex();
        return message;
    }

    template<typename Message>
    static bool reencodesIdentically(const QByteArray &hex)
    {
        const QByteArray bytes = QByteArray::fromHex(hex);
        Message message;
        if (!message.ParseFromArray(bytes.constData(), int(bytes.size())))
            return false;
        std::string encoded;
        return message.SerializeToString(&encoded) && QByteArray::fromStdString(encoded) == bytes;
    }

private Q_SLOTS:
    void ackMessages()
    {
        const QByteArray ok = "08c801120d5375636365737366756c6c792e";
        QVERIFY(reencodesIdentically<im::wire::AckMessage>(ok));
        const auto ack = roundTrip<im::wire::AckMessage>(ok);
        QCOMPARE(ack.statuscode(), 200);
        QCOMPARE(ack.message(), std::string("Successfully."));
        const auto timeout = roundTrip<im::wire::AckMessage>("089803120774696d656f7574");
        QCOMPARE(timeout.statuscode(), 408);
        QCOMPARE(timeout.message(), std::string("timeout"));
    }

    void inboundChatMessage()
    {
        const QByteArray hex = "122434663463343932342d383830372d343262652d393339302d663562303133"
                               "3362343035311897"
                               "4e28994e3204746578743a0548656c6c6f40ecc1f6a18131";
        QVERIFY(reencodesIdentically<im::wire::InboundChatMessage>(hex));
        const auto message = roundTrip<im::wire::InboundChatMessage>(hex);
        QCOMPARE(message.msgid(), std::string("4f4c4924-8807-42be-9390-f5b0133b4051"));
        QCOMPARE(message.sender(), 10007);
        QCOMPARE(message.receiver(), 10009);
        QCOMPARE(message.type(), std::string("text"));
        QCOMPARE(message.content(), std::string("Hello"));
        QCOMPARE(message.timer(), 1683966763244);
        QVERIFY(!message.has_id());
        QVERIFY(!message.has_groupid());
    }

    void outboundChatMessages_data()
    {
        QTest::addColumn<QByteArray>("hex");
        QTest::newRow("single chat with sender card")
            << QByteArray("0821122434663463343932342d383830372d343262652d393339302d6635623031"
                          "33336234303531"
                          "18974e223a08974e120b31373632313339383235342a13323032332d30312d3031"
                          "2031303a30303a30303213323032332d30312d30312031303a30303a303030994e"
                          "3a0474657874420548656c6c6f48ecc1f6a18131");
        QTest::newRow("group image")
            << QByteArray("08221202673118974e280130013a05696d6167654229687474703a2f2f3132372e"
                          "302e302e313a333030302f75706c6f6164732f31303030372f612e706e6748edc1"
                          "f6a1813152027b7d");
    }

    void outboundChatMessages()
    {
        QFETCH(QByteArray, hex);
        QVERIFY(reencodesIdentically<im::wire::OutboundChatMessage>(hex));
    }

    void outboundFieldsDecode()
    {
        const auto message = roundTrip<im::wire::OutboundChatMessage>(
            "08221202673118974e280130013a05696d6167654229687474703a2f2f3132372e302e302e313a33"
            "3030302f75706c6f6164732f31303030372f612e706e6748edc1f6a1813152027b7d");
        QCOMPARE(message.id(), 34);
        QCOMPARE(message.groupid(), 1);
        QCOMPARE(message.receiver(), 1);
        QCOMPARE(message.type(), std::string("image"));
        QCOMPARE(message.ext(), std::string("{}"));
    }

    void notifyKeepsEmptyRequiredStrings()
    {
        const QByteArray hex = "0a2439623263366630652d313131312d343232322d383333332d343434343535"
                               "35353636363610011a1008974e120b313736323133393832353420994e280130"
                               "ecc1f6a181313a004200";
        QVERIFY(reencodesIdentically<im::wire::Notify>(hex));
        // Built from scratch with empty remark/ext, it must still write both (3a00 4200).
        im::wire::Notify notify;
        notify.set_id("9b2c6f0e-1111-4222-8333-444455556666");
        notify.set_type(im::wire::AddFriend);
        notify.mutable_sender()->set_id(10007);
        notify.mutable_sender()->set_account("17621398254");
        notify.set_receiver(10009);
        notify.set_status(im::wire::Initial);
        notify.set_timer(1683966763244);
        notify.set_remark("");
        notify.set_ext("");
        std::string encoded;
        QVERIFY(notify.SerializeToString(&encoded));
        QCOMPARE(QByteArray::fromStdString(encoded).toHex(), hex);
    }

    void missingRequiredFieldIsRejected()
    {
        // An ack without its required statusCode (only field 2) must not parse as complete.
        const QByteArray bytes = QByteArray::fromHex("120774696d656f7574");
        im::wire::AckMessage ack;
        QVERIFY(!ack.ParseFromArray(bytes.constData(), int(bytes.size())));
    }
};

QTEST_GUILESS_MAIN(TestGoldenVectors)
#include "tst_goldenvectors.moc"
