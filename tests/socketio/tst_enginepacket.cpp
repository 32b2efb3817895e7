#include "socketio/enginepacket.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Im::SocketIo::EnginePacket;
using Type = EnginePacket::Type;

namespace Im::SocketIo {

// Readable QCOMPARE failures.
char *toString(const EnginePacket &packet)
{
    const QByteArray text = packet.binary
        ? "binary(" + packet.data.toHex() + ')'
        : "text(" + QByteArray(1, char(packet.type)) + ", \"" + packet.data + "\")";
    return qstrdup(text.constData());
}

} // namespace Im::SocketIo

Q_DECLARE_METATYPE(Im::SocketIo::EnginePacket)

namespace {

EnginePacket text(Type type, const QByteArray &data = {})
{
    return EnginePacket::text(type, data);
}

EnginePacket binary(const QByteArray &data)
{
    return EnginePacket::binaryMessage(data);
}

const QByteArray rs(1, '\x1e');

} // namespace

class TestEnginePacket : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void factories()
    {
        const EnginePacket message = EnginePacket::text(Type::Message, "hi");
        QCOMPARE(message.type, Type::Message);
        QCOMPARE(message.data, QByteArray("hi"));
        QVERIFY(!message.binary);

        const EnginePacket ping = EnginePacket::text(Type::Ping);
        QCOMPARE(ping.type, Type::Ping);
        QVERIFY(ping.data.isEmpty());

        const EnginePacket bytes = EnginePacket::binaryMessage(QByteArray("\x00\x01", 2));
        QCOMPARE(bytes.type, Type::Message);
        QVERIFY(bytes.binary);
        QCOMPARE(bytes.data.size(), 2);
    }

    void decodeTextFrame_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<EnginePacket>("expected");

        QTest::newRow("goodOpen") << QByteArray(R"(0{"sid":"abc","upgrades":[]})") << true
                                  << text(Type::Open, R"({"sid":"abc","upgrades":[]})");
        QTest::newRow("goodClose") << QByteArray("1") << true << text(Type::Close);
        QTest::newRow("goodPing") << QByteArray("2") << true << text(Type::Ping);
        QTest::newRow("goodPingProbe") << QByteArray("2probe") << true << text(Type::Ping, "probe");
        QTest::newRow("goodPong") << QByteArray("3") << true << text(Type::Pong);
        QTest::newRow("goodPongProbe") << QByteArray("3probe") << true << text(Type::Pong, "probe");
        QTest::newRow("goodMessage")
            << QByteArray("4hello") << true << text(Type::Message, "hello");
        QTest::newRow("goodMessageEmpty") << QByteArray("4") << true << text(Type::Message);
        QTest::newRow("goodMessageUtf8") << QByteArray("4h\xc3\xa9llo \xe2\x82\xac") << true
                                         << text(Type::Message, "h\xc3\xa9llo \xe2\x82\xac");
        QTest::newRow("goodMessageSocketIo")
            << QByteArray(R"(42["a",1])") << true << text(Type::Message, R"(2["a",1])");
        QTest::newRow("goodUpgrade") << QByteArray("5") << true << text(Type::Upgrade);
        QTest::newRow("goodNoop") << QByteArray("6") << true << text(Type::Noop);

        QTest::newRow("invalidEmpty") << QByteArray() << false << EnginePacket();
        QTest::newRow("invalidType7") << QByteArray("7") << false << EnginePacket();
        QTest::newRow("invalidType9") << QByteArray("9hello") << false << EnginePacket();
        QTest::newRow("invalidBinaryMarker") << QByteArray("bAQID") << false << EnginePacket();
        QTest::newRow("invalidLetter") << QByteArray("message") << false << EnginePacket();
        QTest::newRow("invalidSlash") << QByteArray("/4") << false << EnginePacket();
        QTest::newRow("invalidNulByte") << QByteArray("\0"
                                                      "4",
                                                      2)
                                        << false << EnginePacket();
        QTest::newRow("invalidHighByte") << QByteArray("\xff") << false << EnginePacket();
    }

    void decodeTextFrame()
    {
        QFETCH(QByteArray, frame);
        QFETCH(bool, valid);
        QFETCH(EnginePacket, expected);

        const auto packet = Im::SocketIo::decodeTextFrame(frame);
        QCOMPARE(packet.has_value(), valid);
        if (!valid)
            return;
        QCOMPARE(*packet, expected);
        // What was decoded encodes back to the same frame.
        QCOMPARE(Im::SocketIo::encodeText(*packet), frame);
    }

    void decodeBinaryFrame_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::newRow("goodBytes") << QByteArray("\x01\x02\x03");
        QTest::newRow("goodEmpty") << QByteArray();
        QTest::newRow("goodLooksLikeText") << QByteArray("4hello");
        QTest::newRow("goodControlBytes") << QByteArray("\0\x1e\xff", 3);
    }

    void decodeBinaryFrame()
    {
        QFETCH(QByteArray, frame);
        const EnginePacket packet = Im::SocketIo::decodeBinaryFrame(frame);
        QCOMPARE(packet, binary(frame));
        QVERIFY(packet.binary);
        QCOMPARE(packet.type, Type::Message);
        QCOMPARE(packet.data, frame); // no prefix is stripped
    }

    void encodeText_data()
    {
        QTest::addColumn<EnginePacket>("packet");
        QTest::addColumn<QByteArray>("expected");

        QTest::newRow("goodOpen") << text(Type::Open, R"({"sid":"x"})")
                                  << QByteArray(R"(0{"sid":"x"})");
        QTest::newRow("goodClose") << text(Type::Close) << QByteArray("1");
        QTest::newRow("goodPing") << text(Type::Ping) << QByteArray("2");
        QTest::newRow("goodPong") << text(Type::Pong, "probe") << QByteArray("3probe");
        QTest::newRow("goodMessage") << text(Type::Message, "hello") << QByteArray("4hello");
        QTest::newRow("goodUpgrade") << text(Type::Upgrade) << QByteArray("5");
        QTest::newRow("goodNoop") << text(Type::Noop) << QByteArray("6");
        QTest::newRow("goodBinaryAsBase64") << binary("\x01\x02\x03") << QByteArray("bAQID");
        QTest::newRow("goodBinaryEmpty") << binary({}) << QByteArray("b");
    }

    void encodeText()
    {
        QFETCH(EnginePacket, packet);
        QFETCH(QByteArray, expected);
        QCOMPARE(Im::SocketIo::encodeText(packet), expected);
    }

    void encodePayload_data()
    {
        QTest::addColumn<QList<EnginePacket>>("packets");
        QTest::addColumn<QByteArray>("expected");

        QTest::newRow("goodNothing") << QList<EnginePacket>() << QByteArray();
        QTest::newRow("goodOneMessage")
            << QList { text(Type::Message, "hello") } << QByteArray("4hello");
        QTest::newRow("goodSeveral")
            << QList { text(Type::Message, "hello"), text(Type::Ping), text(Type::Message, "€") }
            << "4hello" + rs + "2" + rs + "4€";
        QTest::newRow("goodBinaryRecord")
            << QList { binary("\x01\x02\x03\x04") } << QByteArray("bAQIDBA==");
        QTest::newRow("goodMixed")
            << QList { text(Type::Message, R"(51-["baz",{"_placeholder":true,"num":0}])"),
                       binary("\xff\x00\x1e"_ba) }
            << R"(451-["baz",{"_placeholder":true,"num":0}])" + rs + "b/wAe";
        QTest::newRow("goodNoopAndClose")
            << QList { text(Type::Noop), text(Type::Close) } << "6" + rs + "1";
    }

    void encodePayload()
    {
        QFETCH(QList<EnginePacket>, packets);
        QFETCH(QByteArray, expected);
        const QByteArray body = Im::SocketIo::encodePayload(packets);
        QCOMPARE(body, expected);

        qint64 bound = packets.size() > 1 ? packets.size() - 1 : 0; // separators
        for (const EnginePacket &packet : packets)
            bound += packet.wireSize();
        QCOMPARE(body.size(), bound);

        if (packets.isEmpty())
            return;
        const auto decoded = Im::SocketIo::decodePayload(body, body.size());
        QVERIFY(decoded);
        QCOMPARE(decoded->size(), packets.size());
        for (qsizetype i = 0; i < packets.size(); ++i)
            QCOMPARE(decoded->at(i), packets.at(i));
    }

    void decodePayload_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<qint64>("maxPayload");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QList<EnginePacket>>("expected");

        const qint64 max = 1000000;
        QTest::newRow("goodOneMessage")
            << QByteArray("4hello") << max << true << QList { text(Type::Message, "hello") };
        QTest::newRow("goodSocketIoConnect")
            << QByteArray("40") << max << true << QList { text(Type::Message, "0") };
        QTest::newRow("goodSeveral") << "4hello" + rs + "2" + rs + "4world" << max << true
                                     << QList { text(Type::Message, "hello"), text(Type::Ping),
                                                text(Type::Message, "world") };
        QTest::newRow("goodEveryType")
            << "0" + rs + "1" + rs + "2" + rs + "3" + rs + "4" + rs + "5" + rs + "6" << max << true
            << QList { text(Type::Open),    text(Type::Close),   text(Type::Ping), text(Type::Pong),
                       text(Type::Message), text(Type::Upgrade), text(Type::Noop) };
        QTest::newRow("goodBinary")
            << QByteArray("bAQID") << max << true << QList { binary("\x01\x02\x03") };
        QTest::newRow("goodBinaryUnpadded")
            << QByteArray("bAQIDBA") << max << true << QList { binary("\x01\x02\x03\x04") };
        QTest::newRow("goodBinaryEmpty") << QByteArray("b") << max << true << QList { binary({}) };
        QTest::newRow("goodTextThenBinaries")
            << R"(452-["a",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}])" + rs
                + "bAQ==" + rs + "bAgM="
            << max << true
            << QList {
                   text(Type::Message,
                        R"(52-["a",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}])"),
                   binary("\x01"), binary("\x02\x03")
               };
        QTest::newRow("goodExactlyMaxPayload")
            << QByteArray("4hello") << qint64(6) << true << QList { text(Type::Message, "hello") };
        QTest::newRow("goodUtf8") << QByteArray("4\xe4\xbd\xa0\xe5\xa5\xbd") << max << true
                                  << QList { text(Type::Message, "\xe4\xbd\xa0\xe5\xa5\xbd") };

        const QList<EnginePacket> none;
        QTest::newRow("invalidEmptyBody") << QByteArray() << max << false << none;
        QTest::newRow("invalidOnlySeparator") << rs << max << false << none;
        QTest::newRow("invalidEmptyRecordInside") << "4a" + rs + rs + "4b" << max << false << none;
        QTest::newRow("invalidLeadingSeparator") << rs + "4a" << max << false << none;
        QTest::newRow("invalidTrailingSeparator") << "4a" + rs << max << false << none;
        QTest::newRow("invalidUnknownType") << QByteArray("7") << max << false << none;
        QTest::newRow("invalidUnknownTypeSecond") << "4a" + rs + "x" << max << false << none;
        QTest::newRow("invalidBadBase64Chars") << QByteArray("b!!!!") << max << false << none;
        QTest::newRow("invalidBase64Space") << QByteArray("bAQ ID") << max << false << none;
        QTest::newRow("invalidBase64SingleChar") << QByteArray("bA") << max << false << none;
        QTest::newRow("invalidBase64AfterText") << "4ok" + rs + "b@@@@" << max << false << none;
        QTest::newRow("invalidOversize") << QByteArray("4hello") << qint64(5) << false << none;
        QTest::newRow("invalidOversizeZeroLimit") << QByteArray("4") << qint64(0) << false << none;
        QTest::newRow("invalidOversizeLarge")
            << "4" + QByteArray(2000, 'x') << qint64(1000) << false << none;
    }

    void decodePayload()
    {
        QFETCH(QByteArray, body);
        QFETCH(qint64, maxPayload);
        QFETCH(bool, valid);
        QFETCH(QList<EnginePacket>, expected);

        const auto packets = Im::SocketIo::decodePayload(body, maxPayload);
        QCOMPARE(packets.has_value(), valid);
        if (!valid)
            return;
        QCOMPARE(packets->size(), expected.size());
        for (qsizetype i = 0; i < expected.size(); ++i)
            QCOMPARE(packets->at(i), expected.at(i));
    }

    void wireSize_data()
    {
        QTest::addColumn<EnginePacket>("packet");
        QTest::addColumn<qint64>("size");
        QTest::newRow("goodPing") << text(Type::Ping) << qint64(1);
        QTest::newRow("goodMessage") << text(Type::Message, "hello") << qint64(6);
        QTest::newRow("goodBinaryThree") << binary("abc") << qint64(5);
        QTest::newRow("goodBinaryFour") << binary("abcd") << qint64(9);
        QTest::newRow("goodBinaryEmpty") << binary({}) << qint64(1);
    }

    void wireSize()
    {
        QFETCH(EnginePacket, packet);
        QFETCH(qint64, size);
        QCOMPARE(packet.wireSize(), size);
        QCOMPARE(Im::SocketIo::encodeText(packet).size(), size);
        // Never below what a WebSocket frame carries.
        QVERIFY(packet.wireSize() >= packet.data.size());
    }

    void garbageNeverCrashes()
    {
        // Every byte value in every position of short bodies: only nullopt or packets come back.
        QByteArray body(3, '\0');
        int accepted = 0;
        for (int a = 0; a < 256; ++a) {
            for (int b = 0; b < 256; b += 3) {
                body[0] = char(a);
                body[1] = char(b);
                body[2] = char(255 - b);
                if (Im::SocketIo::decodePayload(body, 3))
                    ++accepted;
                (void)Im::SocketIo::decodeTextFrame(body);
            }
        }
        QVERIFY(accepted > 0);
    }
};

QTEST_GUILESS_MAIN(TestEnginePacket)
#include "tst_enginepacket.moc"
