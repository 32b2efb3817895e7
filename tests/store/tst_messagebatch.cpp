#include "scratchdatabase.h"
#include "store/dbexecutor.h"
#include "store/messagebatch.h"
#include "store/schemapreparation.h"
#include "store/sqllists.h"
#include "store/statementcache.h"
#include "testservices.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Im;
using Im::Store::DbExecutor;
using Im::Store::DbSession;
using Im::Store::NewMessage;
using Im::Store::StoreOutcome;
using Im::Test::ScratchDatabase;
using Kind = Im::Store::StoreOutcome::Kind;

namespace {

NewMessage chat(const QString &msgId, int sender, int receiver)
{
    NewMessage message;
    message.msgId = msgId;
    message.sender = sender;
    message.receiver = receiver;
    message.type = u"text"_s;
    message.content = u"hello "_s + msgId;
    message.timer = 1700000000000;
    return message;
}

NewMessage toGroup(const QString &msgId, int sender, int groupId)
{
    NewMessage message = chat(msgId, sender, groupId);
    message.groupId = groupId;
    return message;
}

} // namespace

//! Store::storeMessages(), the set-based write path, on both backends: checks, gap-free seqs,
//! ids in input order, duplicates within and across batches (with MariaDB's case-insensitive
//! msgIds), chunked inserts, a failed batch, and the helpers it is built from.
class TestMessageBatch : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ScratchDatabase> m_db;
    std::unique_ptr<DbExecutor> m_executor;
    std::unique_ptr<Store::ConversationDirectory> m_directory;
    int m_alice = 0, m_bob = 0, m_carol = 0, m_dave = 0;
    int m_group = 0; // alice and bob

    template<typename T>
    Result<T> onDb(std::function<Result<T>(DbSession &)> job)
    {
        return m_executor->run<T>(std::move(job)).result();
    }

    int insertRow(const QString &sql, const QVariantList &values)
    {
        auto id = onDb<int>([sql, values](DbSession &session) -> Result<int> {
            auto inserted = session.query(sql, values);
            if (!inserted)
                return inserted.error();
            return inserted.value().lastInsertId().toInt();
        });
        return id ? id.value() : 0;
    }

    QList<StoreOutcome> store(const QList<NewMessage> &messages, bool requireFriendship = true)
    {
        auto outcomes = onDb<QList<StoreOutcome>>(
            [messages, requireFriendship, directory = m_directory.get()](DbSession &session) {
                return Store::storeMessages(session, messages,
                                            Store::SendRules { requireFriendship }, directory);
            });
        if (!outcomes) {
            qWarning() << "storeMessages failed:" << outcomes.error().message;
            return {};
        }
        return outcomes.value();
    }

    int deleted(const QString &sql, const QVariantList &values)
    {
        auto rows = onDb<int>([sql, values](DbSession &session) -> Result<int> {
            auto done = session.query(sql, values);
            if (!done)
                return done.error();
            return done.value().numRowsAffected();
        });
        return rows ? rows.value() : -1;
    }

    qint64 count(const QString &sql) { return m_db->scalar(sql).toLongLong(); }

private Q_SLOTS:
    void initTestCase_data() { ScratchDatabase::addBackendRows(); }

    void init()
    {
        QFETCH_GLOBAL(bool, mariadb);
        if (mariadb)
            IM_REQUIRE_MARIADB();
        m_db = ScratchDatabase::create(mariadb);
        m_executor = std::make_unique<DbExecutor>(m_db->settings());
        m_directory = std::make_unique<Store::ConversationDirectory>(1000);
        auto prepared = m_executor->run<Store::MigrationReport>(Store::prepareSchema).result();
        QVERIFY2(prepared, prepared ? "" : qPrintable(prepared.error().message));
        const QString user = u"INSERT INTO Users (account, pwd) VALUES (?, 'x')"_s;
        m_alice = insertRow(user, { u"13700000001"_s });
        m_bob = insertRow(user, { u"13700000002"_s });
        m_carol = insertRow(user, { u"13700000003"_s });
        m_dave = insertRow(user, { u"13700000004"_s });
        QVERIFY(m_alice && m_bob && m_carol && m_dave);
        const QString friends = u"INSERT INTO Friends (userId, friendId) VALUES (?, ?)"_s;
        QVERIFY(insertRow(friends, { m_alice, m_bob }));
        QVERIFY(insertRow(friends, { m_carol, m_alice })); // the other direction counts too
        QVERIFY(insertRow(friends, { m_dave, m_alice }));
        QVERIFY(
            insertRow(u"INSERT INTO FriendSettings (userId, friendId, block) VALUES (?, ?, 1)"_s,
                      { m_dave, m_alice }));
        m_group = insertRow(u"INSERT INTO `Groups` (name, type, creator) VALUES ('g', 1, ?)"_s,
                            { m_alice });
        const QString member = u"INSERT INTO Members (groupId, userId) VALUES (?, ?)"_s;
        QVERIFY(insertRow(member, { m_group, m_alice }));
        QVERIFY(insertRow(member, { m_group, m_bob }));
    }

    void cleanup()
    {
        m_executor.reset();
        m_db.reset();
    }

    void storesInInputOrderWithGapFreeSeqs()
    {
        const QList<StoreOutcome> outcomes = store({
            chat(u"m1"_s, m_alice, m_bob),
            toGroup(u"m2"_s, m_bob, m_group),
            chat(u"m3"_s, m_bob, m_alice),
            chat(u"m4"_s, m_alice, m_carol),
            toGroup(u"m5"_s, m_alice, m_group),
        });
        QCOMPARE(outcomes.size(), 5);
        for (const StoreOutcome &outcome : outcomes)
            QCOMPARE(outcome.kind, Kind::Stored);
        for (qsizetype i = 1; i < outcomes.size(); ++i)
            QVERIFY(outcomes[i].message.id > outcomes[i - 1].message.id);
        QCOMPARE(outcomes[0].message.seq, 1);
        QCOMPARE(outcomes[1].message.seq, 1);
        QCOMPARE(outcomes[2].message.seq, 2); // the same conversation as m1
        QCOMPARE(outcomes[3].message.seq, 1);
        QCOMPARE(outcomes[4].message.seq, 2);
        QCOMPARE(outcomes[2].message.conversationId, outcomes[0].message.conversationId);
        QCOMPARE(outcomes[1].message.receiver, m_group);
        QCOMPARE(outcomes[0].recipients, (QList<int> { m_bob, m_alice }));
        QList<int> members = outcomes[1].recipients;
        std::sort(members.begin(), members.end());
        QCOMPARE(members, (QList<int> { m_alice, m_bob }));
        QCOMPARE(m_directory->size(), 3);

        // The next batch continues each conversation's seq, with the ids remembered.
        const QList<StoreOutcome> next =
            store({ chat(u"m6"_s, m_bob, m_alice), toGroup(u"m7"_s, m_bob, m_group) });
        QCOMPARE(next.size(), 2);
        QCOMPARE(next[0].message.seq, 3);
        QCOMPARE(next[1].message.seq, 3);
        QCOMPARE(count(u"SELECT maxSeq FROM Conversations WHERE id = %1"_s.arg(
                     next[0].message.conversationId)),
                 3);
        QCOMPARE(count(u"SELECT seq FROM Messages WHERE msgId = 'm7'"_s), 3);
        QCOMPARE(count(u"SELECT COUNT(*) FROM Conversations"_s), 3);
    }

    void refusesWhatIsNotAllowed()
    {
        const QList<StoreOutcome> outcomes = store({
            toGroup(u"r1"_s, m_carol, m_group), // not a member
            chat(u"r2"_s, m_alice, m_alice), // to oneself
            chat(u"r3"_s, m_alice, 999999), // no such user
            chat(u"r4"_s, m_alice, m_dave), // dave blocked alice
            chat(u"r5"_s, m_bob, m_carol), // not friends
            chat(u"r6"_s, m_carol, m_alice), // friends the other way round
        });
        QCOMPARE(outcomes.size(), 6);
        QCOMPARE(outcomes[0].refusal.code, ErrorCode::PermissionDenied);
        QCOMPARE(outcomes[1].refusal.code, ErrorCode::Malformed);
        QCOMPARE(outcomes[2].refusal.code, ErrorCode::NotFound);
        QCOMPARE(outcomes[3].refusal.code, ErrorCode::PermissionDenied);
        QCOMPARE(outcomes[3].refusal.message, u"The receiver blocked you."_s);
        QCOMPARE(outcomes[4].refusal.code, ErrorCode::PermissionDenied);
        QCOMPARE(outcomes[4].refusal.message, u"Not yet a friendship."_s);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(outcomes[i].kind, Kind::Refused);
        QCOMPARE(outcomes[5].kind, Kind::Stored);
        QCOMPARE(outcomes[5].message.seq, 1); // refusals take no seq
        QCOMPARE(count(u"SELECT COUNT(*) FROM Messages"_s), 1);

        // Without the friendship rule strangers may chat; blocks still hold.
        const QList<StoreOutcome> open =
            store({ chat(u"r7"_s, m_bob, m_carol), chat(u"r8"_s, m_alice, m_dave) }, false);
        QCOMPARE(open[0].kind, Kind::Stored);
        QCOMPARE(open[1].kind, Kind::Refused);
    }

    void membershipAndFriendshipChangesBetweenBatchesCount()
    {
        const QList<StoreOutcome> before = store({
            toGroup(u"c1"_s, m_bob, m_group),
            chat(u"c2"_s, m_alice, m_bob),
        });
        QCOMPARE(before.size(), 2);
        QCOMPARE(before[0].kind, Kind::Stored);
        QCOMPARE(before[1].kind, Kind::Stored);
        // Between the batches: bob leaves the group, carol joins, alice and bob part. The
        // conversations stay remembered; the rules are read again.
        QCOMPARE(
            deleted(u"DELETE FROM Members WHERE groupId = ? AND userId = ?"_s, { m_group, m_bob }),
            1);
        QVERIFY(insertRow(u"INSERT INTO Members (groupId, userId) VALUES (?, ?)"_s,
                          { m_group, m_carol }));
        QCOMPARE(
            deleted(u"DELETE FROM Friends WHERE userId = ? AND friendId = ?"_s, { m_alice, m_bob }),
            1);
        const QList<StoreOutcome> after = store({
            toGroup(u"c3"_s, m_bob, m_group), // no longer a member
            toGroup(u"c4"_s, m_carol, m_group), // a member now
            chat(u"c5"_s, m_alice, m_bob), // no longer friends
        });
        QCOMPARE(after.size(), 3);
        QCOMPARE(after[0].kind, Kind::Refused);
        QCOMPARE(after[0].refusal.code, ErrorCode::PermissionDenied);
        QCOMPARE(after[1].kind, Kind::Stored);
        QCOMPARE(after[1].message.seq, 2); // the group's seq goes on without a gap
        QList<int> members = after[1].recipients;
        std::sort(members.begin(), members.end());
        QCOMPARE(members, (QList<int> { m_alice, m_carol })); // bob gets no more of it
        QCOMPARE(after[2].kind, Kind::Refused);
        QCOMPARE(after[2].refusal.message, u"Not yet a friendship."_s);
    }

    void duplicatesAcrossAndWithinBatches()
    {
        const QList<StoreOutcome> first = store({ chat(u"d1"_s, m_alice, m_bob) });
        QCOMPARE(first.size(), 1);
        const QList<StoreOutcome> outcomes = store({
            chat(u"d1"_s, m_alice, m_bob), // a retry of a stored message
            chat(u"d1"_s, m_bob, m_alice), // another sender's msgId
            toGroup(u"d2"_s, m_alice, m_group),
            toGroup(u"d2"_s, m_alice, m_group), // a retry within the batch
            chat(u"d3"_s, m_alice, m_bob),
            chat(u"d3"_s, m_carol, m_alice), // taken within the batch
        });
        QCOMPARE(outcomes.size(), 6);
        QCOMPARE(outcomes[0].kind, Kind::Duplicate);
        QCOMPARE(outcomes[0].message.id, first[0].message.id);
        QCOMPARE(outcomes[0].message.seq, 1);
        QCOMPARE(outcomes[0].recipients, (QList<int> { m_bob, m_alice }));
        QCOMPARE(outcomes[0].message.senderInfo.value(u"account"_s).toString(), u"13700000001"_s);
        QCOMPARE(outcomes[1].kind, Kind::Refused);
        QCOMPARE(outcomes[1].refusal.code, ErrorCode::Conflict);
        QCOMPARE(outcomes[2].kind, Kind::Stored);
        QCOMPARE(outcomes[3].kind, Kind::Duplicate);
        QCOMPARE(outcomes[3].message.id, outcomes[2].message.id);
        QCOMPARE(outcomes[3].recipients.size(), 2);
        QCOMPARE(outcomes[4].kind, Kind::Stored);
        QCOMPARE(outcomes[4].message.seq, 2);
        QCOMPARE(outcomes[5].kind, Kind::Refused);
        QCOMPARE(outcomes[5].refusal.code, ErrorCode::Conflict);
        QCOMPARE(count(u"SELECT COUNT(*) FROM Messages"_s), 3);
    }

    void msgIdsCompareLikeTheDatabase()
    {
        QFETCH_GLOBAL(bool, mariadb);
        // MariaDB's utf8mb4_unicode_ci makes "Ab" and "ab" one msgId; SQLite compares bytes.
        const QList<StoreOutcome> outcomes = store({
            chat(u"Ab"_s, m_alice, m_bob),
            chat(u"ab"_s, m_alice, m_bob),
            chat(u"stra\u00dfe"_s, m_alice, m_bob),
            chat(u"strasse"_s, m_alice, m_bob),
        });
        QCOMPARE(outcomes.size(), 4);
        QCOMPARE(outcomes[0].kind, Kind::Stored);
        QCOMPARE(outcomes[1].kind, mariadb ? Kind::Duplicate : Kind::Stored);
        QCOMPARE(outcomes[2].kind, Kind::Stored);
        // The collation key tells "ß" and "ss" apart, MariaDB does not: the slow path finds it.
        const qint64 stored = count(u"SELECT COUNT(*) FROM Messages"_s);
        if (mariadb) {
            QCOMPARE(outcomes[3].kind, Kind::Duplicate);
            QCOMPARE(stored, 2);
        } else {
            QCOMPARE(outcomes[3].kind, Kind::Stored);
            QCOMPARE(stored, 4);
        }
        QCOMPARE(count(u"SELECT maxSeq FROM Conversations"_s), stored);
    }

    void largeBatchesInsertInChunks()
    {
        QList<NewMessage> messages;
        for (int i = 0; i < 300; ++i) {
            messages.append(i % 3 == 0
                                ? toGroup(u"big-%1"_s.arg(i), m_bob, m_group)
                                : chat(u"big-%1"_s.arg(i), m_alice, i % 3 == 1 ? m_bob : m_carol));
        }
        const QList<StoreOutcome> outcomes = store(messages);
        QCOMPARE(outcomes.size(), 300);
        QHash<int, qint64> lastSeq;
        for (qsizetype i = 0; i < outcomes.size(); ++i) {
            QCOMPARE(outcomes[i].kind, Kind::Stored);
            QCOMPARE(outcomes[i].message.msgId, messages[i].msgId);
            if (i > 0)
                QVERIFY(outcomes[i].message.id > outcomes[i - 1].message.id);
            qint64 &seq = lastSeq[outcomes[i].message.conversationId];
            QCOMPARE(outcomes[i].message.seq, seq + 1);
            seq = outcomes[i].message.seq;
            // The id answered is the stored row's, whichever chunk wrote it.
            QCOMPARE(count(u"SELECT id FROM Messages WHERE msgId = '%1'"_s.arg(messages[i].msgId)),
                     outcomes[i].message.id);
        }
        QCOMPARE(lastSeq.size(), 3);
        QCOMPARE(count(u"SELECT COUNT(*) FROM Messages"_s), 300);
        QCOMPARE(count(u"SELECT SUM(maxSeq) FROM Conversations"_s), 300);
    }

    void aFailedBatchLeavesNothing()
    {
        // A trigger makes the insert of one message fail: the whole batch rolls back, and the
        // conversation it created is neither kept nor remembered.
        QFETCH_GLOBAL(bool, mariadb);
        const QString trigger = mariadb
            ? u"CREATE TRIGGER refuse_bad BEFORE INSERT ON Messages FOR EACH ROW BEGIN "
              "IF NEW.content = 'hello bad' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = "
              "'no'; END IF; END"_s
            : u"CREATE TRIGGER refuse_bad BEFORE INSERT ON Messages WHEN NEW.content = "
              "'hello bad' BEGIN SELECT RAISE(ABORT, 'no'); END"_s;
        QSqlQuery create(m_db->connection());
        QVERIFY2(create.exec(trigger), qPrintable(create.lastError().text()));
        auto failed = onDb<QList<StoreOutcome>>([this](DbSession &session) {
            return Store::storeMessages(
                session, { chat(u"ok"_s, m_alice, m_bob), chat(u"bad"_s, m_alice, m_carol) },
                Store::SendRules {}, m_directory.get());
        });
        QVERIFY(!failed);
        QCOMPARE(count(u"SELECT COUNT(*) FROM Messages"_s), 0);
        QCOMPARE(count(u"SELECT COUNT(*) FROM Conversations"_s), 0);
        QCOMPARE(m_directory->size(), 0);
        const QList<StoreOutcome> retried = store({ chat(u"ok"_s, m_alice, m_bob) });
        QCOMPARE(retried.size(), 1);
        QCOMPARE(retried[0].kind, Kind::Stored);
        QCOMPARE(retried[0].message.seq, 1);
    }

    void statementsArePreparedOncePerConnection()
    {
        QFETCH_GLOBAL(bool, mariadb);
        Store::StatementCache cache(2);
        QSqlDatabase connection = m_db->connection();
        DbSession session(connection, mariadb ? Store::Dialect::MariaDb : Store::Dialect::Sqlite,
                          QTimeZone::utc(), &cache);
        QList<int> ids;
        for (int round = 0; round < 3; ++round) {
            QVERIFY(session.forEachRow(
                u"SELECT id FROM Users WHERE id = ?"_s, { m_bob },
                [&ids](const QSqlQuery &row) { ids.append(row.value(0).toInt()); }));
        }
        QCOMPARE(ids, (QList<int> { m_bob, m_bob, m_bob }));
        QCOMPARE(cache.prepared(), 1);
        auto changed =
            session.executeCached(u"UPDATE Users SET avatar = ? WHERE id = ?"_s, { u"a"_s, m_bob });
        QVERIFY(changed);
        QCOMPARE(changed.value(), 1);
        QVERIFY(session.executeCached(u"UPDATE Users SET avatar = ? WHERE id = ?"_s,
                                      { u"b"_s, m_carol }));
        QCOMPARE(cache.prepared(), 2);
        // A third statement evicts the least recently used one (the SELECT).
        QVERIFY(
            session.executeCached(u"UPDATE Users SET email = ? WHERE id = ?"_s, { u"e"_s, m_bob }));
        QCOMPARE(cache.size(), 2);
        QVERIFY(session.forEachRow(u"SELECT id FROM Users WHERE id = ?"_s, { m_bob },
                                   [](const QSqlQuery &) {}));
        QCOMPARE(cache.prepared(), 4);
        // A failing statement is an error, not a crash, and the cache stays usable.
        QVERIFY(!session.forEachRow(u"SELECT nope FROM Users"_s, {}, [](const QSqlQuery &) {}));
        cache.clear();
        QCOMPARE(cache.size(), 0);
    }

    void listHelpers()
    {
        QCOMPARE(Store::paddedLength(0), 1);
        QCOMPARE(Store::paddedLength(1), 1);
        QCOMPARE(Store::paddedLength(3), 4);
        QCOMPARE(Store::paddedLength(256), 256);
        QCOMPARE(Store::paddedLength(257), 512);
        QCOMPARE(Store::repeated(u"?", 3, u", "), u"?, ?, ?"_s);
        QCOMPARE(Store::paddedValues({ 1, 2, 3, 4, 5, 6 }, 2),
                 (QVariantList { 1, 2, 3, 4, 5, 6, 5, 6 }));
        QCOMPARE(Store::powerOfTwoChunks(300), (QList<qsizetype> { 256, 32, 8, 4 }));
        QCOMPARE(Store::powerOfTwoChunks(0), QList<qsizetype>());
        QCOMPARE(Store::msgIdCollationKey(u"Caf\u00e9  "_s), Store::msgIdCollationKey(u"cafe"_s));
        QVERIFY(Store::msgIdCollationKey(u"a-1"_s) != Store::msgIdCollationKey(u"a-2"_s));
    }
};

QTEST_GUILESS_MAIN(TestMessageBatch)
#include "tst_messagebatch.moc"
