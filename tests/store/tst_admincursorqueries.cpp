#include "scratchdatabase.h"
#include "store/admincursorqueries.h"
#include "store/cursorqueries.h"
#include "store/dbexecutor.h"
#include "store/groupqueries.h"
#include "store/messagebatch.h"
#include "store/messagequeries.h"
#include "store/readqueries.h"
#include "store/schemapreparation.h"
#include "testservices.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Im;
using Im::Store::DbExecutor;
using Im::Store::DbSession;
using Im::Test::ScratchDatabase;

namespace {

const Store::DeviceCursorState *deviceNamed(const Store::UserCursorReport &report,
                                            const QString &deviceId)
{
    for (const Store::DeviceCursorState &device : report.devices) {
        if (device.deviceId == deviceId)
            return &device;
    }
    return nullptr;
}

const Store::ConversationCursorState *conversationWith(const Store::UserCursorReport &report,
                                                       int peerId, int groupId)
{
    for (const Store::ConversationCursorState &conversation : report.conversations) {
        if (conversation.peerId == peerId && conversation.groupId == groupId)
            return &conversation;
    }
    return nullptr;
}

} // namespace

//! The admin console's cursor queries on a seeded history: single chats, a group with a member
//! who joined late, a group whose every message is older than a member, several devices, reads.
class TestAdminCursorQueries : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ScratchDatabase> m_db;
    std::unique_ptr<DbExecutor> m_executor;
    int m_alice = 0, m_bob = 0, m_carol = 0, m_dave = 0;
    int m_group = 0; // alice's, with bob and carol; dave added after g2
    int m_oldGroup = 0; // alice's, with carol; dave added after its only message
    qint64 m_ab[4] = {}; // alice → bob ×3, bob → alice
    qint64 m_g[4] = {}; // g1, g2 from alice; g3, g4 from carol (after dave joined)
    qint64 m_cd = 0; // carol → dave
    qint64 m_old = 0; // the old group's message

    template<typename T>
    Result<T> onDb(std::function<Result<T>(DbSession &)> job)
    {
        return m_executor->run<T>(std::move(job)).result();
    }

    int addUser(const QString &account)
    {
        auto id = onDb<int>([account](DbSession &session) -> Result<int> {
            auto inserted =
                session.query(u"INSERT INTO Users (account, pwd) VALUES (?, 'x')"_s, { account });
            if (!inserted)
                return inserted.error();
            return inserted.value().lastInsertId().toInt();
        });
        return id ? id.value() : 0;
    }

    qint64 send(int sender, int receiver, int groupId = 0)
    {
        static int counter = 0;
        Store::NewMessage message;
        message.msgId = u"msg-%1"_s.arg(++counter);
        message.sender = sender;
        message.groupId = groupId;
        message.receiver = groupId != 0 ? groupId : receiver;
        message.type = u"text"_s;
        message.content = u"hello"_s;
        auto stored = onDb<QList<Store::StoreOutcome>>([message](DbSession &session) {
            return Store::storeMessages(session, { message }, Store::SendRules { false });
        });
        if (!stored || stored->size() != 1
            || stored->first().kind != Store::StoreOutcome::Kind::Stored) {
            return 0;
        }
        return stored->first().message.id;
    }

    int createGroup(int creator, const QList<int> &members)
    {
        auto group = onDb<Core::Group>([creator, members](DbSession &session) {
            return Store::createGroup(session, creator, u"g"_s, QVariant(), Core::basicGroup,
                                      members, Core::GroupRules { false });
        });
        return group ? group->id : 0;
    }

    bool addMember(int creator, int groupId, int member)
    {
        return bool(onDb<void>([=](DbSession &session) {
            return Store::addGroupMembers(session, creator, groupId, { member },
                                          Core::GroupRules { false });
        }));
    }

    bool setCursor(int userId, const QString &deviceId, qint64 lastAck)
    {
        return bool(onDb<void>([=](DbSession &session) {
            return Store::raiseCursors(session, { { userId, deviceId, lastAck } });
        }));
    }

    bool read(int reader, const Store::ConversationRef &conversation, qint64 messageId)
    {
        return bool(onDb<Store::ReadMark>([=](DbSession &session) {
            return Store::markRead(session, reader, conversation, messageId);
        }));
    }

    Store::UserCursorReport report(int userId, const Store::LiveCursors &live = {},
                                   const Store::CursorReportLimits &limits = {})
    {
        auto result = onDb<std::optional<Store::UserCursorReport>>([=](DbSession &session) {
            return Store::userCursorReport(session, userId, live, limits);
        });
        if (!result) {
            qWarning() << "report failed:" << result.error().message;
            return {};
        }
        return result.value().value_or(Store::UserCursorReport {});
    }

    QList<Store::LaggingDevice> lagging(int limit, const Store::LiveCursors &live = {},
                                        const Store::LaggingLimits &limits = {})
    {
        auto result = onDb<QList<Store::LaggingDevice>>([=](DbSession &session) {
            return Store::laggingDevices(session, limit, live, limits);
        });
        if (!result)
            qWarning() << "lagging failed:" << result.error().message;
        return result ? result.value() : QList<Store::LaggingDevice>();
    }

    Store::StuckBoard stuck(int limit, const Store::LiveCursors &live = {},
                            const Store::StuckLimits &limits = {})
    {
        auto result = onDb<Store::StuckBoard>(
            [=](DbSession &session) { return Store::stuckDevices(session, limit, live, limits); });
        if (!result)
            qWarning() << "stuck failed:" << result.error().message;
        return result ? result.value() : Store::StuckBoard();
    }

    bool recordCursor(int userId, const QString &deviceId)
    {
        return bool(onDb<qint64>([=](DbSession &session) {
            return Store::loadOrRecordCursor(session, userId, deviceId);
        }));
    }

private Q_SLOTS:
    void initTestCase_data() { ScratchDatabase::addBackendRows(); }

    void init()
    {
        QFETCH_GLOBAL(bool, mariadb);
        if (mariadb)
            IM_REQUIRE_MARIADB();
        m_db = ScratchDatabase::create(mariadb);
        m_executor = std::make_unique<DbExecutor>(m_db->settings());
        auto prepared = m_executor->run<Store::MigrationReport>(Store::prepareSchema).result();
        QVERIFY2(prepared, prepared ? "" : qPrintable(prepared.error().message));
        m_alice = addUser(u"13700000001"_s);
        m_bob = addUser(u"13700000002"_s);
        m_carol = addUser(u"13700000003"_s);
        m_dave = addUser(u"13700000004"_s);
        QVERIFY(m_alice && m_bob && m_carol && m_dave);

        m_ab[0] = send(m_alice, m_bob);
        m_ab[1] = send(m_alice, m_bob);
        m_ab[2] = send(m_alice, m_bob);
        m_ab[3] = send(m_bob, m_alice);
        m_group = createGroup(m_alice, { m_bob, m_carol });
        m_oldGroup = createGroup(m_alice, { m_carol });
        QVERIFY(m_group && m_oldGroup);
        m_g[0] = send(m_alice, 0, m_group);
        m_g[1] = send(m_alice, 0, m_group);
        m_old = send(m_alice, 0, m_oldGroup);
        QVERIFY(addMember(m_alice, m_group, m_dave));
        QVERIFY(addMember(m_alice, m_oldGroup, m_dave));
        m_g[2] = send(m_carol, 0, m_group);
        m_g[3] = send(m_carol, 0, m_group);
        m_cd = send(m_carol, m_dave);
        for (qint64 id : m_ab)
            QVERIFY(id > 0);
        for (qint64 id : m_g)
            QVERIFY(id > 0);
        QVERIFY(m_cd > 0 && m_old > 0);

        // Bob's phone holds the first two chat messages, his desk everything up to g2.
        QVERIFY(setCursor(m_bob, u"phone"_s, m_ab[1]));
        QVERIFY(setCursor(m_bob, u"desk"_s, m_g[1]));
        QVERIFY(setCursor(m_dave, QString(), 0));
        QVERIFY(read(m_bob, { m_alice, 0 }, m_ab[2]));
    }

    void cleanup()
    {
        if (m_executor)
            m_executor->stop();
        m_executor.reset();
        m_db.reset();
    }

    void reportsDevicesAndConversationsOfAMember()
    {
        const Store::UserCursorReport bob = report(m_bob);
        QCOMPARE(bob.userId, m_bob);
        QCOMPARE(bob.account, u"13700000002"_s);
        QCOMPARE(bob.newestId, m_g[3]);
        QVERIFY(!bob.truncated);

        QCOMPARE(bob.devices.size(), 2);
        QCOMPARE(bob.devices[0].deviceId, u"desk"_s); // by device id
        const auto *phone = deviceNamed(bob, u"phone"_s);
        const auto *desk = deviceNamed(bob, u"desk"_s);
        QVERIFY(phone && desk);
        QCOMPARE(phone->lastAck, m_ab[1]);
        QCOMPARE(phone->ackLag, 6); // m3, his own m4 (for his other devices), g1..g4
        QVERIFY(!phone->ackLagCapped);
        QCOMPARE(desk->lastAck, m_g[1]);
        QCOMPARE(desk->ackLag, 2); // g3, g4

        // Most recently active first: the group (g4), then the chat with alice (m4).
        QCOMPARE(bob.conversations.size(), 2);
        const Store::ConversationCursorState &group = bob.conversations[0];
        QCOMPARE(group.groupId, m_group);
        QCOMPARE(group.peerId, 0);
        QCOMPARE(group.newestId, m_g[3]);
        QCOMPARE(group.newestSeq, 4);
        QCOMPARE(group.lastReadId, 0);
        QCOMPARE(group.lastReadSeq, 0);
        QCOMPARE(group.readLag(), 4);
        const Store::ConversationCursorState &chat = bob.conversations[1];
        QCOMPARE(chat.peerId, m_alice);
        QCOMPARE(chat.groupId, 0);
        QCOMPARE(chat.newestId, m_ab[3]);
        QCOMPARE(chat.newestSeq, 4);
        QCOMPARE(chat.lastReadId, m_ab[2]);
        QCOMPARE(chat.lastReadSeq, 3);
        QCOMPARE(chat.readLag(), 1);

        QCOMPARE(phone->ackLagByConversation.value(chat.conversationId), 2);
        QCOMPARE(phone->ackLagByConversation.value(group.conversationId), 4);
        QCOMPARE(desk->ackLagByConversation.value(chat.conversationId), 0);
        QCOMPARE(desk->ackLagByConversation.value(group.conversationId), 2);
    }

    void aLateMemberSeesAGroupFromJoining()
    {
        Store::UserCursorReport dave = report(m_dave);
        QCOMPARE(dave.newestId, m_cd);
        QCOMPARE(dave.conversations.size(), 3);
        QCOMPARE(dave.devices.size(), 1);
        QCOMPARE(dave.devices[0].deviceId, QString());
        QCOMPARE(dave.devices[0].lastAck, 0);
        QCOMPARE(dave.devices[0].ackLag, 3); // g3, g4 and carol's message; not g1, g2, old

        const auto *group = conversationWith(dave, 0, m_group);
        QVERIFY(group);
        QCOMPARE(group->newestId, m_g[3]);
        QCOMPARE(group->newestSeq, 4);
        QCOMPARE(group->lastReadId, 0);
        QCOMPARE(group->lastReadSeq, 2); // g1, g2 came before dave: nothing for him to read
        QCOMPARE(group->readLag(), 2);
        QCOMPARE(dave.devices[0].ackLagByConversation.value(group->conversationId), 2);

        const auto *old = conversationWith(dave, 0, m_oldGroup);
        QVERIFY(old);
        QCOMPARE(old->newestId, 0); // its one message is older than dave's membership
        QCOMPARE(old->newestSeq, 1);
        QCOMPARE(old->readLag(), 0);
        QCOMPARE(dave.devices[0].ackLagByConversation.value(old->conversationId), 0);

        const auto *chat = conversationWith(dave, m_carol, 0);
        QVERIFY(chat);
        QCOMPARE(chat->newestId, m_cd);
        QCOMPARE(chat->newestSeq, 1);
        QCOMPARE(chat->readLag(), 1);

        QVERIFY(read(m_dave, { 0, m_group }, m_g[2]));
        QVERIFY(setCursor(m_dave, QString(), m_g[3]));
        dave = report(m_dave);
        group = conversationWith(dave, 0, m_group);
        QVERIFY(group);
        QCOMPARE(group->lastReadId, m_g[2]);
        QCOMPARE(group->lastReadSeq, 3);
        QCOMPARE(group->readLag(), 1);
        QCOMPARE(dave.devices[0].ackLag, 1); // only carol's chat message is above g4
    }

    void liveCursorsCountBeforeTheyAreStored()
    {
        const Store::LiveCursors live { { { m_bob, u"phone"_s }, m_ab[3] },
                                        { { m_bob, u"tablet"_s }, m_g[2] },
                                        { { m_alice, u"phone"_s }, 0 } };
        const Store::UserCursorReport bob = report(m_bob, live);
        QCOMPARE(bob.devices.size(), 3);
        QCOMPARE(deviceNamed(bob, u"phone"_s)->lastAck, m_ab[3]);
        QCOMPARE(deviceNamed(bob, u"phone"_s)->ackLag, 4);
        QCOMPARE(deviceNamed(bob, u"tablet"_s)->ackLag, 1);
        // A live cursor behind the stored one does not pull it back.
        const Store::UserCursorReport again = report(m_bob, { { { m_bob, u"desk"_s }, m_ab[0] } });
        QCOMPARE(deviceNamed(again, u"desk"_s)->lastAck, m_g[1]);
    }

    void limitsTruncateTheReport()
    {
        Store::CursorReportLimits limits;
        limits.conversations = 1;
        Store::UserCursorReport bob = report(m_bob, {}, limits);
        QVERIFY(bob.truncated);
        QCOMPARE(bob.conversations.size(), 1);
        QCOMPARE(bob.conversations[0].groupId, m_group);
        QCOMPARE(bob.newestId, m_g[3]);
        QCOMPARE(deviceNamed(bob, u"phone"_s)->ackLag, 6); // devices still count everything

        limits = {};
        limits.devices = 1;
        bob = report(m_bob, {}, limits);
        QVERIFY(bob.truncated);
        QCOMPARE(bob.devices.size(), 1);

        limits = {};
        limits.countedMessages = 3;
        bob = report(m_bob, {}, limits);
        QVERIFY(bob.truncated);
        QCOMPARE(deviceNamed(bob, u"phone"_s)->ackLag, 3);
        QVERIFY(deviceNamed(bob, u"phone"_s)->ackLagCapped);
        QVERIFY(!deviceNamed(bob, u"desk"_s)->ackLagCapped);
        QCOMPARE(deviceNamed(bob, u"desk"_s)->ackLag, 2);
    }

    void unknownAndDeletedUsersHaveNoReport()
    {
        auto missing = onDb<std::optional<Store::UserCursorReport>>(
            [](DbSession &session) { return Store::userCursorReport(session, 999999, {}); });
        QVERIFY(missing);
        QVERIFY(!missing.value());
        QVERIFY(onDb<int>([bob = m_bob](DbSession &session) {
            return session.execute(u"UPDATE Users SET account = NULL WHERE id = ?"_s, { bob });
        }));
        auto deleted =
            onDb<std::optional<Store::UserCursorReport>>([bob = m_bob](DbSession &session) {
                return Store::userCursorReport(session, bob, {});
            });
        QVERIFY(deleted);
        QVERIFY(!deleted.value());
        QCOMPARE(lagging(10).size(), 1); // only dave's device is left
    }

    void laggingRanksDevicesByMessagesAboveTheirCursor()
    {
        QList<Store::LaggingDevice> devices = lagging(10);
        QCOMPARE(devices.size(), 3);
        QCOMPARE(devices[0].userId, m_bob);
        QCOMPARE(devices[0].deviceId, u"phone"_s);
        QCOMPARE(devices[0].account, u"13700000002"_s);
        QCOMPARE(devices[0].lastAck, m_ab[1]);
        QCOMPARE(devices[0].newestId, m_g[3]);
        QCOMPARE(devices[0].ackLag, 6);
        QCOMPARE(devices[1].userId, m_dave);
        QCOMPARE(devices[1].deviceId, QString());
        QCOMPARE(devices[1].newestId, m_cd);
        QCOMPARE(devices[1].ackLag, 3);
        QCOMPARE(devices[2].deviceId, u"desk"_s);
        QCOMPARE(devices[2].ackLag, 2);

        QCOMPARE(lagging(1).size(), 1);

        // Bob's phone is online and caught up: it drops out, the rest keep their order.
        devices = lagging(10, { { { m_bob, u"phone"_s }, m_g[3] } });
        QCOMPARE(devices.size(), 2);
        QCOMPARE(devices[0].userId, m_dave);

        Store::LaggingLimits limits;
        limits.countedMessages = 2;
        devices = lagging(10, {}, limits);
        QCOMPARE(devices.size(), 3); // all at 2 now: by user id, then device id
        QCOMPARE(devices[0].deviceId, u"desk"_s);
        QVERIFY(!devices[0].ackLagCapped); // exactly 2
        QCOMPARE(devices[1].deviceId, u"phone"_s);
        QVERIFY(devices[1].ackLagCapped);
        QCOMPARE(devices[2].userId, m_dave);
        QVERIFY(devices[2].ackLagCapped);
        for (const Store::LaggingDevice &device : devices)
            QCOMPARE(device.ackLag, 2);
    }

    void stuckListsDevicesByTheirOldestWaitingMessage()
    {
        // GIVEN idle devices at 0 with nothing to receive (a user with no messages at all), which
        // must not take the candidates' places, and a device recorded on attach that never acked
        const int idle = addUser(u"13700000009"_s);
        QVERIFY(idle);
        for (const QString &device : { u"a"_s, u"b"_s, u"c"_s })
            QVERIFY(recordCursor(idle, device));
        QVERIFY(recordCursor(m_carol, u"tablet"_s));
        QVERIFY(recordCursor(m_carol, u"tablet"_s)); // a second attach keeps the row as it is
        Store::StuckLimits limits;
        limits.candidates = 4;

        // WHEN the board is read
        const Store::StuckBoard board = stuck(10, {}, limits);

        // THEN bob's phone (oldest waiting: ab[2]) leads, then carol's tablet (g1, its first
        // visible message), then bob's desk and dave, both waiting from g3 (by user id)
        QCOMPARE(board.truncated, false);
        QCOMPARE(board.devices.size(), 4);
        QCOMPARE(board.devices[0].userId, m_bob);
        QCOMPARE(board.devices[0].deviceId, u"phone"_s);
        QCOMPARE(board.devices[0].oldestWaitingId, m_ab[2]);
        QCOMPARE(board.devices[0].waiting, 6);
        QCOMPARE(board.devices[0].account, u"13700000002"_s);
        QVERIFY(board.devices[0].oldestWaitingAt.isValid());
        QVERIFY(qAbs(board.devices[0].oldestWaitingAt.secsTo(QDateTime::currentDateTimeUtc()))
                < 600);
        QCOMPARE(board.devices[1].deviceId, u"tablet"_s);
        QCOMPARE(board.devices[1].lastAck, 0);
        QCOMPARE(board.devices[1].oldestWaitingId, m_g[0]);
        QCOMPARE(board.devices[2].deviceId, u"desk"_s);
        QCOMPARE(board.devices[2].oldestWaitingId, m_g[2]);
        QCOMPARE(board.devices[2].waiting, 2);
        QCOMPARE(board.devices[3].userId, m_dave);
        QCOMPARE(board.devices[3].oldestWaitingId, m_g[2]);
        QCOMPARE(board.devices[3].waiting, 3);

        // AND a limit cuts the tail and says so, a live cursor counts before it is written
        const Store::StuckBoard top = stuck(1, {}, limits);
        QCOMPARE(top.devices.size(), 1);
        QVERIFY(top.truncated);
        const Store::StuckBoard live = stuck(10, { { { m_bob, u"phone"_s }, m_g[3] } }, limits);
        QCOMPARE(live.devices.size(), 3);
        QCOMPARE(live.devices[0].deviceId, u"tablet"_s);
        limits.candidates = 2;
        QVERIFY(stuck(10, {}, limits).truncated);
    }
};

QTEST_GUILESS_MAIN(TestAdminCursorQueries)
#include "tst_admincursorqueries.moc"
