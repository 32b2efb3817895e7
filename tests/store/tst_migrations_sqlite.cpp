#include "scratchdatabase.h"
#include "store/dbexecutor.h"
#include "store/migration.h"
#include "store/migrator.h"
#include "store/schemapreparation.h"

#include <QSqlQuery>
#include <QSqlRecord>
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

Result<Store::MigrationReport> migrateAndSeed(DbExecutor &executor)
{
    return executor.run<Store::MigrationReport>(Store::prepareSchema).result();
}

QStringList columnsOf(QSqlDatabase database, const QString &table)
{
    QStringList names;
    const QSqlRecord record = database.record(table);
    for (int i = 0; i < record.count(); ++i)
        names.append(record.fieldName(i));
    return names;
}

bool executes(QSqlDatabase database, const QString &sql)
{
    return QSqlQuery(database).exec(sql);
}

} // namespace

class TestMigrationsSqlite : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void freshDatabaseGetsTheWholeSchema()
    {
        auto scratch = ScratchDatabase::sqlite();
        DbExecutor executor(scratch->settings());
        auto report = migrateAndSeed(executor);
        QVERIFY(report);
        QCOMPARE(report->versionBefore, 0);
        QCOMPARE(report->applied, versionsOf(migrationsFor(Dialect::Sqlite)));

        QSqlDatabase db = scratch->connection();
        const QStringList tables = db.tables();
        for (const QString &table :
             { u"Users"_s, u"Roles"_s, u"Permissions"_s, u"RolePermissions"_s, u"Friends"_s,
               u"FriendSettings"_s, u"Groups"_s, u"Members"_s, u"Messages"_s, u"MessageAcks"_s,
               u"MessageReads"_s, u"Notifies"_s, u"Electrons"_s, u"Sessions"_s,
               u"SchemaMigrations"_s }) {
            QVERIFY2(tables.contains(table), qPrintable(table));
        }
        QCOMPARE(columnsOf(db, u"Users"_s),
                 (QStringList { u"id"_s, u"account"_s, u"pwd"_s, u"avatar"_s, u"email"_s,
                                u"regisTime"_s, u"updateTime"_s, u"roleId"_s }));
        QCOMPARE(columnsOf(db, u"Messages"_s),
                 (QStringList { u"id"_s, u"msgId"_s, u"type"_s, u"sender"_s, u"groupId"_s,
                                u"receiver"_s, u"content"_s, u"timer"_s, u"ext"_s, u"createdAt"_s,
                                u"updatedAt"_s, u"conversationId"_s, u"seq"_s }));
        for (const QString &table : { u"Conversations"_s, u"DeliveryCursors"_s })
            QVERIFY2(tables.contains(table), qPrintable(table));
    }

    void rerunIsANoOp()
    {
        auto scratch = ScratchDatabase::sqlite();
        DbExecutor executor(scratch->settings());
        QVERIFY(migrateAndSeed(executor));
        const QVariant rolesBefore = scratch->scalar(u"SELECT COUNT(*) FROM RolePermissions"_s);
        auto again = migrateAndSeed(executor);
        QVERIFY(again);
        QVERIFY(again->applied.isEmpty());
        const QList<int> versions = versionsOf(migrationsFor(Dialect::Sqlite));
        QCOMPARE(again->versionAfter, versions.last());
        QCOMPARE(scratch->scalar(u"SELECT COUNT(*) FROM SchemaMigrations"_s).toInt(),
                 versions.size());
        QCOMPARE(scratch->scalar(u"SELECT COUNT(*) FROM RolePermissions"_s), rolesBefore);
    }

    void seedsRolesAndPermissions()
    {
        auto scratch = ScratchDatabase::sqlite();
        DbExecutor executor(scratch->settings());
        QVERIFY(migrateAndSeed(executor));
        // The original's permission ids are kept: userGet is 1 and userDel 2.
        QCOMPARE(scratch->scalar(u"SELECT id FROM Permissions WHERE name = 'userGet'"_s).toInt(),
                 1);
        QCOMPARE(scratch->scalar(u"SELECT id FROM Permissions WHERE name = 'userDel'"_s).toInt(),
                 2);
        QCOMPARE(scratch->scalar(u"SELECT COUNT(*) FROM Roles WHERE name IN ('user', 'admin')"_s)
                     .toInt(),
                 2);
        // admin holds every permission, user none.
        QCOMPARE(scratch->scalar(u"SELECT COUNT(*) FROM RolePermissions rp JOIN Roles r ON "
                                 "r.id = rp.roleId WHERE r.name = 'admin'"_s),
                 scratch->scalar(u"SELECT COUNT(*) FROM Permissions"_s));
        QCOMPARE(scratch
                     ->scalar(u"SELECT COUNT(*) FROM RolePermissions rp JOIN Roles r ON "
                              "r.id = rp.roleId WHERE r.name = 'user'"_s)
                     .toInt(),
                 0);
    }

    void enforcesTheUniqueKeysOfTheFixedSchema()
    {
        auto scratch = ScratchDatabase::sqlite();
        DbExecutor executor(scratch->settings());
        QVERIFY(migrateAndSeed(executor));
        QSqlDatabase db = scratch->connection();
        QVERIFY(executes(db, u"PRAGMA foreign_keys = ON"_s));
        QVERIFY(executes(db,
                         u"INSERT INTO Users (account, pwd) VALUES ('13700000001', 'x'), "
                         "('13700000002', 'y')"_s));
        QCOMPARE(scratch->scalar(u"SELECT MIN(id) FROM Users"_s).toInt(), 10000);
        QVERIFY(executes(db, u"INSERT INTO Friends (userId, friendId) VALUES (10000, 10001)"_s));
        // The same friendship the other way round is the same pair.
        QVERIFY(!executes(db, u"INSERT INTO Friends (userId, friendId) VALUES (10001, 10000)"_s));
        QVERIFY(
            executes(db, u"INSERT INTO FriendSettings (userId, friendId) VALUES (10000, 10001)"_s));
        QVERIFY(!executes(
            db, u"INSERT INTO FriendSettings (userId, friendId) VALUES (10000, 10001)"_s));
        QVERIFY(executes(
            db, u"INSERT INTO MessageReads (sender, receiver, lastRead) VALUES (1, 10000, 5)"_s));
        QVERIFY(!executes(
            db, u"INSERT INTO MessageReads (sender, receiver, lastRead) VALUES (1, 10000, 6)"_s));
        // Friends point at Users: no friendship with a user who does not exist.
        QVERIFY(!executes(db, u"INSERT INTO Friends (userId, friendId) VALUES (10000, 99999)"_s));
        // Content is TEXT: far beyond the original's 255 characters, emoji included.
        const QString longContent = QString(300, u'x') + u"😀"_s;
        QSqlQuery insert(db);
        QVERIFY(insert.prepare(u"INSERT INTO Messages (msgId, type, sender, receiver, content, "
                               "timer, ext) VALUES ('m1', 'text', 10000, 10001, ?, 1, 'json')"_s));
        insert.addBindValue(longContent);
        QVERIFY(insert.exec());
        QCOMPARE(scratch->scalar(u"SELECT content FROM Messages WHERE msgId = 'm1'"_s).toString(),
                 longContent);
    }

    void refusesADatabaseNewerThanTheServer()
    {
        auto scratch = ScratchDatabase::sqlite();
        DbExecutor executor(scratch->settings());
        QVERIFY(migrateAndSeed(executor));
        QVERIFY(executes(scratch->connection(),
                         u"INSERT INTO SchemaMigrations VALUES (99, 'future', 'x')"_s));
        auto report = migrateAndSeed(executor);
        QVERIFY(!report);
        QCOMPARE(report.error().code, ErrorCode::Conflict);
    }

    void failedStepIsRolledBackAndNotRecorded()
    {
        auto scratch = ScratchDatabase::sqlite();
        DbExecutor executor(scratch->settings());
        const QList<Store::Migration> steps = {
            { 1, u"good"_s, [](DbSession &s) { return s.run(u"CREATE TABLE a (x INT)"_s); } },
            { 2, u"bad"_s,
              [](DbSession &s) -> Result<void> {
                  if (auto made = s.run(u"CREATE TABLE b (x INT)"_s); !made)
                      return made;
                  return s.run(u"THIS IS NOT SQL"_s);
              } },
        };
        auto report = executor
                          .run<Store::MigrationReport>([&steps](DbSession &session) {
                              return Store::Migrator(session).migrate(steps);
                          })
                          .result();
        QVERIFY(!report);
        QSqlDatabase db = scratch->connection();
        QVERIFY(db.tables().contains(u"a"_s));
        QVERIFY(!db.tables().contains(u"b"_s)); // the failed step left nothing behind
        QCOMPARE(scratch->scalar(u"SELECT MAX(version) FROM SchemaMigrations"_s).toInt(), 1);
    }
};

QTEST_GUILESS_MAIN(TestMigrationsSqlite)
#include "tst_migrations_sqlite.moc"
