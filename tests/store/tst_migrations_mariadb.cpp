#include "auth/passwordhasher.h"
#include "scratchdatabase.h"
#include "store/dbexecutor.h"
#include "store/migration.h"
#include "store/migrator.h"
#include "store/schemapreparation.h"
#include "testservices.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Im;
using Im::Store::DbExecutor;
using Im::Store::DbSession;
using Im::Store::Dialect;
using Im::Store::migrationsFor;
using Im::Store::versionsOf;
using Im::Test::ScratchDatabase;
using Im::Test::versionList;

namespace {

const QStringList originalTables = {
    u"Roles"_s,        u"Permissions"_s, u"RolePermissions"_s, u"Users"_s,    u"FriendSettings"_s,
    u"Friends"_s,      u"Groups"_s,      u"Members"_s,         u"Messages"_s, u"MessageAcks"_s,
    u"MessageReads"_s, u"Notifies"_s,    u"Electrons"_s,
};

Result<Store::MigrationReport> migrateAndSeed(const Store::DatabaseSettings &settings)
{
    DbExecutor executor(settings);
    return executor.run<Store::MigrationReport>(Store::prepareSchema).result();
}

QMap<QString, qint64> rowCounts(ScratchDatabase &db)
{
    QMap<QString, qint64> counts;
    for (const QString &table : originalTables)
        counts.insert(table, db.scalar(u"SELECT COUNT(*) FROM `%1`"_s.arg(table)).toLongLong());
    return counts;
}

QString columnType(ScratchDatabase &db, const QString &table, const QString &column)
{
    return db
        .scalar(u"SELECT DATA_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = "
                "DATABASE() AND TABLE_NAME = '%1' AND COLUMN_NAME = '%2'"_s.arg(table, column))
        .toString();
}

bool hasIndex(ScratchDatabase &db, const QString &table, const QString &index)
{
    return db.scalar(
                 u"SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = "
                 "DATABASE() AND TABLE_NAME = '%1' AND INDEX_NAME = '%2' AND NON_UNIQUE = 0"_s.arg(
                     table, index))
               .toInt()
        > 0;
}

QStringList referencedTables(ScratchDatabase &db, const QString &table, const QString &column)
{
    QSqlQuery query(db.connection());
    query.exec(u"SELECT REFERENCED_TABLE_NAME FROM information_schema.KEY_COLUMN_USAGE WHERE "
               "TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '%1' AND COLUMN_NAME = '%2' AND "
               "REFERENCED_TABLE_NAME IS NOT NULL"_s.arg(table, column));
    QStringList tables;
    while (query.next())
        tables.append(query.value(0).toString());
    return tables;
}

// The schema of the port, whatever the database started from.
void verifyPortSchema(ScratchDatabase &db)
{
    QCOMPARE(db.scalar(u"SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
                       "DATABASE() AND TABLE_COLLATION NOT LIKE 'utf8mb4%'"_s)
                 .toInt(),
             0);
    QCOMPARE(columnType(db, u"Messages"_s, u"content"_s), u"text"_s);
    QCOMPARE(columnType(db, u"Messages"_s, u"ext"_s), u"varchar"_s);
    QCOMPARE(columnType(db, u"Notifies"_s, u"ext"_s), u"varchar"_s);
    QVERIFY(hasIndex(db, u"Friends"_s, u"Friends_pair_unique"_s));
    QVERIFY(hasIndex(db, u"FriendSettings"_s, u"FriendSettings_owner_friend_unique"_s));
    QVERIFY(hasIndex(db, u"MessageReads"_s, u"MessageReads_sender_receiver_unique"_s));
    QCOMPARE(referencedTables(db, u"Friends"_s, u"userId"_s), QStringList { u"Users"_s });
    QCOMPARE(referencedTables(db, u"Friends"_s, u"friendId"_s), QStringList { u"Users"_s });
    QCOMPARE(referencedTables(db, u"FriendSettings"_s, u"userId"_s), QStringList { u"Users"_s });
    QCOMPARE(db.scalar(u"SELECT DELETE_RULE FROM information_schema.REFERENTIAL_CONSTRAINTS "
                       "WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = 'Users' "
                       "AND REFERENCED_TABLE_NAME = 'Roles'"_s)
                 .toString(),
             u"SET NULL"_s);
    QCOMPARE(db.scalar(u"SELECT GROUP_CONCAT(version ORDER BY version) FROM SchemaMigrations"_s)
                 .toString(),
             versionList(migrationsFor(Dialect::MariaDb)));
    // Every message numbered in its conversation, gap-free (existing rows by the migration).
    QCOMPARE(
        db.scalar(u"SELECT COUNT(*) FROM Messages WHERE seq IS NULL OR conversationId IS NULL"_s)
            .toInt(),
        0);
    QCOMPARE(db.scalar(u"SELECT COUNT(*) FROM Conversations c WHERE c.maxSeq <> (SELECT COUNT(*) "
                       "FROM Messages m WHERE m.conversationId = c.id) OR c.maxSeq <> (SELECT "
                       "COALESCE(MAX(m.seq), 0) FROM Messages m WHERE m.conversationId = c.id)"_s)
                 .toInt(),
             0);
}

bool executes(ScratchDatabase &db, const QString &sql)
{
    QSqlQuery query(db.connection());
    const bool ok = query.exec(sql);
    if (!ok)
        qInfo() << "statement refused (may be expected):" << query.lastError().text();
    return ok;
}

} // namespace

class TestMigrationsMariaDb : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { IM_REQUIRE_MARIADB(); }

    void freshDatabaseGetsThePortSchema()
    {
        auto db = ScratchDatabase::mariaDb();
        auto report = migrateAndSeed(db->settings());
        QVERIFY2(report, report ? "" : qPrintable(report.error().message));
        QCOMPARE(report->applied, versionsOf(migrationsFor(Dialect::MariaDb)));
        verifyPortSchema(*db);
        QVERIFY(executes(*db,
                         u"INSERT INTO Users (account, pwd) VALUES ('13700000001', 'x'), "
                         "('13700000002', 'y')"_s));
        QCOMPARE(db->scalar(u"SELECT MIN(id) FROM Users"_s).toInt(), 10000);
        QVERIFY(executes(*db, u"INSERT INTO Friends (userId, friendId) VALUES (10000, 10001)"_s));
        QVERIFY(!executes(*db, u"INSERT INTO Friends (userId, friendId) VALUES (10001, 10000)"_s));
        QVERIFY(!executes(*db, u"INSERT INTO Friends (userId, friendId) VALUES (10000, 424242)"_s));
        QVERIFY(executes(*db,
                         u"INSERT INTO Messages (msgId, type, sender, receiver, content, "
                         "timer, ext) VALUES ('m1', 'text', 10000, 10001, '😀 emoji', 1, "
                         "'{\"a\":1}')"_s));
        QCOMPARE(db->scalar(u"SELECT content FROM Messages WHERE msgId = 'm1'"_s).toString(),
                 u"😀 emoji"_s);
    }

    void rerunIsANoOp()
    {
        auto db = ScratchDatabase::mariaDb();
        QVERIFY(migrateAndSeed(db->settings()));
        const auto countsBefore = rowCounts(*db);
        auto again = migrateAndSeed(db->settings());
        QVERIFY(again);
        QVERIFY(again->applied.isEmpty());
        QCOMPARE(again->versionBefore, versionsOf(migrationsFor(Dialect::MariaDb)).last());
        QCOMPARE(rowCounts(*db), countsBefore);
        verifyPortSchema(*db);
    }

    void upgradesTheOriginalDatabaseInPlace()
    {
        auto db = ScratchDatabase::mariaDb();
        const QString loadError = db->loadDump(Test::TestServices::originalFixturePath());
        QVERIFY2(loadError.isEmpty(), qPrintable(loadError));
        auto countsBefore = rowCounts(*db);
        QVERIFY(countsBefore.value(u"Messages"_s) > 1000);
        const QString hashBefore =
            db->scalar(u"SELECT pwd FROM Users WHERE id = 10000"_s).toString();

        auto report = migrateAndSeed(db->settings());
        QVERIFY2(report, report ? "" : qPrintable(report.error().message));
        QCOMPARE(report->versionBefore, 0);
        QCOMPARE(report->applied, versionsOf(migrationsFor(Dialect::MariaDb)));

        // Every row is still there (plus the seeded admin permissions, less the fixture's three
        // duplicates from the original's races, one each merged); the schema is ours.
        auto countsAfter = rowCounts(*db);
        const int seededPermissions = 3; // permissionManage, electronManage, adminConsole
        QCOMPARE(countsAfter.take(u"Permissions"_s),
                 countsBefore.take(u"Permissions"_s) + seededPermissions);
        QCOMPARE(countsAfter.take(u"RolePermissions"_s),
                 countsBefore.take(u"RolePermissions"_s) + seededPermissions);
        for (const QString &table : { u"FriendSettings"_s, u"Friends"_s, u"MessageReads"_s })
            QCOMPARE(countsAfter.take(table), countsBefore.take(table) - 1);
        QCOMPARE(countsAfter, countsBefore);
        verifyPortSchema(*db);

        // The original's ids and values are kept; its users can still log in.
        QCOMPARE(db->scalar(u"SELECT id FROM Roles WHERE name = 'admin'"_s).toInt(), 5);
        QCOMPARE(db->scalar(u"SELECT id FROM Permissions WHERE name = 'userDel'"_s).toInt(), 2);
        QCOMPARE(db->scalar(u"SELECT pwd FROM Users WHERE id = 10000"_s).toString(), hashBefore);
        QVERIFY(Auth::PasswordHasher::verify(hashBefore, u"peer-load-pw"_s));
        QCOMPARE(db->scalar(u"SELECT remark FROM FriendSettings WHERE id = 1"_s).toString(),
                 u"best friend"_s);
        QCOMPARE(
            db->scalar(u"SELECT lastAck FROM MessageAcks WHERE receiver = 10004"_s).toLongLong(),
            1422);
        QCOMPARE(db->scalar(u"SELECT content FROM Messages WHERE msgId = 'fixture-group-2'"_s)
                     .toString(),
                 u"大家好"_s);
        QCOMPARE(db->scalar(u"SELECT content FROM Messages WHERE id = 37"_s).toString(),
                 u"m 0 from 10001"_s);

        // And a second start changes nothing.
        auto again = migrateAndSeed(db->settings());
        QVERIFY(again);
        QVERIFY(again->applied.isEmpty());
    }

    void mergesDuplicatesBeforeAddingUniqueKeys()
    {
        auto db = ScratchDatabase::mariaDb();
        const QString loadError = db->loadDump(Test::TestServices::originalFixturePath());
        QVERIFY2(loadError.isEmpty(), qPrintable(loadError));
        // GIVEN the races of the original: a second read cursor, a second settings row, and the
        // same friendship stored the other way round (the fixture has one of each; these add
        // more on other rows).
        const qint64 furthestRead = db->scalar(u"SELECT lastRead + 5 FROM MessageReads WHERE "
                                               "sender = 10000 AND receiver = 10001"_s)
                                        .toLongLong();
        QVERIFY(furthestRead > 5);
        QVERIFY(executes(*db,
                         u"INSERT INTO MessageReads (sender, receiver, lastRead, createdAt, "
                         "updatedAt) VALUES (10000, 10001, %1, NOW(), NOW())"_s.arg(furthestRead)));
        QVERIFY(executes(*db,
                         u"INSERT INTO FriendSettings (userId, friendId, remark, astrolabe, "
                         "block, createdAt, updatedAt) VALUES (10000, 10001, 'newest', 0, 0, "
                         "NOW(), NOW())"_s));
        QVERIFY(executes(*db, u"SET FOREIGN_KEY_CHECKS = 0"_s));
        QVERIFY(executes(*db,
                         u"INSERT INTO Friends (userId, friendId, createdAt, updatedAt) "
                         "VALUES (10001, 10000, NOW(), NOW())"_s));
        QVERIFY(executes(*db, u"SET FOREIGN_KEY_CHECKS = 1"_s));

        QVERIFY(migrateAndSeed(db->settings()));

        // THEN one row each, holding the furthest cursor and the newest settings.
        QCOMPARE(db->scalar(u"SELECT COUNT(*) FROM MessageReads WHERE sender = 10000 AND "
                            "receiver = 10001"_s)
                     .toInt(),
                 1);
        QCOMPARE(db->scalar(u"SELECT lastRead FROM MessageReads WHERE sender = 10000 AND "
                            "receiver = 10001"_s)
                     .toLongLong(),
                 furthestRead);
        QCOMPARE(db->scalar(u"SELECT remark FROM FriendSettings WHERE userId = 10000 AND "
                            "friendId = 10001"_s)
                     .toString(),
                 u"newest"_s);
        QCOMPARE(db->scalar(u"SELECT COUNT(*) FROM Friends WHERE LEAST(userId, friendId) = 10000 "
                            "AND GREATEST(userId, friendId) = 10001"_s)
                     .toInt(),
                 1);
        // The fixture's own duplicates: the group read cursor keeps its furthest position, the
        // settings their newest row.
        QCOMPARE(db->scalar(u"SELECT COUNT(*) FROM MessageReads WHERE sender = 1 AND "
                            "receiver = 10001"_s)
                     .toInt(),
                 1);
        QCOMPARE(
            db->scalar(u"SELECT lastRead FROM MessageReads WHERE sender = 1 AND "
                       "receiver = 10001"_s)
                .toLongLong(),
            db->scalar(u"SELECT id FROM Messages WHERE msgId = 'fixture-group-2'"_s).toLongLong());
        QCOMPARE(db->scalar(u"SELECT remark FROM FriendSettings WHERE userId = 10002 AND "
                            "friendId = 10000"_s)
                     .toString(),
                 u"work (team lead)"_s);
        verifyPortSchema(*db);
    }
};

QTEST_GUILESS_MAIN(TestMigrationsMariaDb)
#include "tst_migrations_mariadb.moc"
