#include "scratchdatabase.h"
#include "store/dbexecutor.h"
#include "store/schemapreparation.h"
#include "testservices.h"

#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Im;
using Im::Store::OriginalAdmin;
using Im::Store::Tally;
using Im::Store::UpgradeOptions;
using Im::Store::UpgradeReport;
using Im::Test::ScratchDatabase;

namespace {

Result<UpgradeReport> runJob(const Store::DatabaseSettings &settings,
                             const std::function<Result<UpgradeReport>(Store::DbSession &)> &job)
{
    Store::DbExecutor executor(settings);
    auto outcome = executor.run<UpgradeReport>(job).result();
    executor.stop();
    return outcome;
}

Result<UpgradeReport> upgrade(const Store::DatabaseSettings &settings, UpgradeOptions options)
{
    return runJob(settings, [options = std::move(options)](Store::DbSession &session) {
        return Store::upgradeSchema(session, options);
    });
}

Result<UpgradeReport> preview(const Store::DatabaseSettings &settings, UpgradeOptions options)
{
    return runJob(settings, [options = std::move(options)](Store::DbSession &session) {
        return Store::previewUpgrade(session, options);
    });
}

std::unique_ptr<ScratchDatabase> originalDatabase()
{
    auto db = ScratchDatabase::mariaDb();
    const QString loadError = db->loadDump(Test::TestServices::originalFixturePath());
    if (!loadError.isEmpty()) {
        qWarning().noquote() << loadError;
        return nullptr;
    }
    return db;
}

qint64 countIn(const QList<Tally> &tallies, const QString &what)
{
    for (const Tally &tally : tallies) {
        if (tally.what == what)
            return tally.count;
    }
    return -1;
}

QString roleOf(ScratchDatabase &db, int userId)
{
    return db
        .scalar(u"SELECT r.name FROM Users u JOIN Roles r ON r.id = u.roleId WHERE u.id = %1"_s.arg(
            userId))
        .toString();
}

// Everything a dry run could touch: the tables and their character sets, the rows per table,
// each user's role, and the column types the upgrade changes.
QStringList databaseState(ScratchDatabase &db)
{
    QStringList state;
    QSqlQuery tables(db.connection());
    tables.exec(u"SELECT TABLE_NAME, TABLE_COLLATION FROM information_schema.TABLES WHERE "
                "TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME"_s);
    QStringList names;
    while (tables.next()) {
        names.append(tables.value(0).toString());
        state.append(names.last() + u' ' + tables.value(1).toString());
    }
    for (const QString &table : std::as_const(names))
        state.append(table + u" rows "_s
                     + db.scalar(u"SELECT COUNT(*) FROM `%1`"_s.arg(table)).toString());
    state.append(db.scalar(u"SELECT GROUP_CONCAT(CONCAT(id, ':', COALESCE(roleId, '-')) ORDER BY "
                           "id) FROM Users"_s)
                     .toString());
    state.append(db.scalar(u"SELECT GROUP_CONCAT(CONCAT(TABLE_NAME, '.', COLUMN_NAME, ' ', "
                           "COLUMN_TYPE) ORDER BY TABLE_NAME, COLUMN_NAME) FROM "
                           "information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"_s)
                     .toString());
    return state;
}

UpgradeOptions keeping(Config::AdminKeepList keep)
{
    UpgradeOptions options;
    options.keepAdmins = std::move(keep);
    return options;
}

} // namespace

//! The upgrade of a database made by the original server (tests/fixtures): its report, the
//! admin accounts chosen at sign-up, and the dry run that changes nothing.
class TestOriginalUpgrade : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { IM_REQUIRE_MARIADB(); }

    void reportsWhatItFoundAndDid()
    {
        auto db = originalDatabase();
        QVERIFY(db);
        const qint64 usersBefore = db->scalar(u"SELECT COUNT(*) FROM Users"_s).toLongLong();
        const qint64 friendsBefore = db->scalar(u"SELECT COUNT(*) FROM Friends"_s).toLongLong();
        QList<bool> filesCalls;
        UpgradeOptions options;
        options.files = [&filesCalls](bool dryRun) {
            filesCalls.append(dryRun);
            return QList<Tally> { { u"chat media files moved to chat/"_s, 2 } };
        };

        auto report = upgrade(db->settings(), options);
        QVERIFY2(report, report ? "" : qPrintable(report.error().message));

        QVERIFY(report->fromOriginal);
        QVERIFY(!report->dryRun);
        QCOMPARE(report->migration.versionBefore, 0);
        QCOMPARE(report->migration.applied,
                 Store::versionsOf(Store::migrationsFor(Store::Dialect::MariaDb)));
        QCOMPARE(filesCalls, QList<bool> { false });
        QCOMPARE(report->files.size(), 1);
        // Rows per table, before and after: the fixture's one duplicate of each kind is merged.
        QCOMPARE(report->rowsBefore.size(), 13);
        QCOMPARE(countIn(report->rowsBefore, u"Users"_s), usersBefore);
        QCOMPARE(countIn(report->rowsBefore, u"Friends"_s), friendsBefore);
        QCOMPARE(countIn(report->rowsAfter, u"Users"_s), usersBefore);
        QCOMPARE(countIn(report->rowsAfter, u"Friends"_s), friendsBefore - 1);
        QCOMPARE(countIn(report->rowsAfter, u"Friends"_s),
                 db->scalar(u"SELECT COUNT(*) FROM Friends"_s).toLongLong());
        QCOMPARE(countIn(report->cleanups, u"duplicate friendships"_s), 1);
        QCOMPARE(countIn(report->cleanups, u"duplicate friend settings"_s), 1);
        QCOMPARE(countIn(report->cleanups, u"duplicate read cursors"_s), 1);
        QCOMPARE(countIn(report->cleanups, u"friendships of deleted users"_s), 0);
        QCOMPARE(countIn(report->cleanups, u"friend settings of deleted users"_s), 0);
        // The two accounts that picked the admin role at sign-up are listed and moved to `user`.
        QCOMPARE(report->admins.size(), 2);
        QCOMPARE(report->admins.at(0).userId, 10000);
        QCOMPARE(report->admins.at(0).account, u"13700000001"_s);
        QCOMPARE(report->admins.at(0).role, u"admin"_s);
        QVERIFY(!report->admins.at(0).kept);
        QCOMPARE(report->admins.at(1).userId, 10005);
        QCOMPARE(roleOf(*db, 10000), u"user"_s);
        QCOMPARE(roleOf(*db, 10005), u"user"_s);
        QCOMPARE(roleOf(*db, 10001), u"user"_s);
        QCOMPARE(db->scalar(u"SELECT COUNT(*) FROM Users u JOIN Roles r ON r.id = u.roleId WHERE "
                            "r.name = 'admin'"_s)
                     .toInt(),
                 0);

        const QString text = report->lines().join(u'\n');
        QVERIFY2(text.contains(u"made by the original server"_s), qPrintable(text));
        QVERIFY2(text.contains(u"Friends: %1 -> %2"_s.arg(friendsBefore).arg(friendsBefore - 1)),
                 qPrintable(text));
        QVERIFY2(text.contains(u"1 duplicate friendships"_s), qPrintable(text));
        QVERIFY2(
            text.contains(u"user 10000, account 13700000001, role admin: moved to role user"_s),
            qPrintable(text));
        QVERIFY2(text.contains(u"2 chat media files moved to chat/"_s), qPrintable(text));

        // A second start finds the server's own database: nothing of the original's to report,
        // the files are not looked at again.
        auto again = upgrade(db->settings(), options);
        QVERIFY(again);
        QVERIFY(!again->fromOriginal);
        QVERIFY(again->migration.applied.isEmpty());
        QCOMPARE(filesCalls.size(), 1);
    }

    void keepsTheAdminsTheSettingNames_data()
    {
        QTest::addColumn<QString>("setting");
        QTest::addColumn<QString>("role10000");
        QTest::addColumn<QString>("role10005");
        QTest::newRow("nobody kept") << QString() << u"user"_s << u"user"_s;
        QTest::newRow("an account kept") << u"13700000005"_s << u"user"_s << u"admin"_s;
        QTest::newRow("a user id kept") << u"10000"_s << u"admin"_s << u"user"_s;
        QTest::newRow("both kept") << u"10000, 13700000005"_s << u"admin"_s << u"admin"_s;
        QTest::newRow("all kept") << u"all"_s << u"admin"_s << u"admin"_s;
        QTest::newRow("a user who was no admin") << u"10001"_s << u"user"_s << u"user"_s;
    }

    void keepsTheAdminsTheSettingNames()
    {
        QFETCH(QString, setting);
        QFETCH(QString, role10000);
        QFETCH(QString, role10005);
        auto keep = Config::AdminKeepList::parse(setting);
        QVERIFY(keep);
        auto db = originalDatabase();
        QVERIFY(db);

        auto report = upgrade(db->settings(), keeping(keep.value()));
        QVERIFY2(report, report ? "" : qPrintable(report.error().message));

        QCOMPARE(roleOf(*db, 10000), role10000);
        QCOMPARE(roleOf(*db, 10005), role10005);
        QCOMPARE(roleOf(*db, 10001), u"user"_s);
        QCOMPARE(report->admins.size(), 2);
        QCOMPARE(report->admins.at(0).kept, role10000 == u"admin"_s);
        QCOMPARE(report->admins.at(1).kept, role10005 == u"admin"_s);
        const QString text = report->lines().join(u'\n');
        if (role10005 == u"admin"_s) {
            QVERIFY2(text.contains(u"account 13700000005, role admin: keeps it"_s),
                     qPrintable(text));
        }
    }

    void anyRoleHoldingAPermissionCounts()
    {
        // GIVEN a role of the operator's own that holds a permission, and one that holds none
        auto db = originalDatabase();
        QVERIFY(db);
        QSqlQuery sql(db->connection());
        QVERIFY(sql.exec(u"INSERT INTO Roles (id, name, createdAt, updatedAt) VALUES "
                         "(7, 'moderator', NOW(), NOW()), (8, 'guest', NOW(), NOW())"_s));
        QVERIFY(sql.exec(u"INSERT INTO RolePermissions VALUES (7, 1, NOW(), NOW())"_s));
        QVERIFY(sql.exec(u"UPDATE Users SET roleId = 7 WHERE id = 10002"_s));
        QVERIFY(sql.exec(u"UPDATE Users SET roleId = 8 WHERE id = 10003"_s));

        auto report = upgrade(db->settings(), {});
        QVERIFY(report);

        QCOMPARE(report->admins.size(), 3);
        QCOMPARE(report->admins.at(1).userId, 10002);
        QCOMPARE(report->admins.at(1).role, u"moderator"_s);
        QCOMPARE(roleOf(*db, 10002), u"user"_s);
        QCOMPARE(roleOf(*db, 10003), u"guest"_s);
    }

    void dryRunChangesNothingAndForeseesTheUpgrade()
    {
        auto db = originalDatabase();
        QVERIFY(db);
        const QStringList stateBefore = databaseState(*db);
        QList<bool> filesCalls;
        UpgradeOptions options = keeping(Config::AdminKeepList::parse(u"13700000005").value());
        options.files = [&filesCalls](bool dryRun) {
            filesCalls.append(dryRun);
            return QList<Tally>();
        };

        auto foreseen = preview(db->settings(), options);
        QVERIFY2(foreseen, foreseen ? "" : qPrintable(foreseen.error().message));

        QCOMPARE(databaseState(*db), stateBefore);
        QCOMPARE(filesCalls, QList<bool> { true });
        QVERIFY(foreseen->dryRun);
        QVERIFY(foreseen->fromOriginal);
        QCOMPARE(foreseen->migration.applied,
                 Store::versionsOf(Store::migrationsFor(Store::Dialect::MariaDb)));
        const QString text = foreseen->lines().join(u'\n');
        QVERIFY2(text.startsWith(u"Dry run, nothing changed."_s), qPrintable(text));
        QVERIFY2(text.contains(u"account 13700000001, role admin: would be moved to role user"_s),
                 qPrintable(text));

        // WHEN the upgrade runs for real THEN it does what the dry run said.
        auto done = upgrade(db->settings(), options);
        QVERIFY(done);
        QCOMPARE(done->cleanups, foreseen->cleanups);
        QCOMPARE(done->rowsBefore, foreseen->rowsBefore);
        QCOMPARE(done->admins.size(), foreseen->admins.size());
        for (qsizetype i = 0; i < done->admins.size(); ++i) {
            QCOMPARE(done->admins.at(i).userId, foreseen->admins.at(i).userId);
            QCOMPARE(done->admins.at(i).kept, foreseen->admins.at(i).kept);
        }
        // Except for the roles and permissions seeded afterwards, the rows are as foreseen.
        for (const Tally &expected : std::as_const(foreseen->rowsAfter)) {
            if (expected.what == u"Permissions"_s || expected.what == u"RolePermissions"_s)
                continue;
            QCOMPARE(countIn(done->rowsAfter, expected.what), expected.count);
        }
    }

    void dryRunOnTheServersOwnDatabase()
    {
        auto db = ScratchDatabase::mariaDb();
        QVERIFY(upgrade(db->settings(), {}));
        const QStringList stateBefore = databaseState(*db);

        auto foreseen = preview(db->settings(), {});
        QVERIFY(foreseen);
        QVERIFY(!foreseen->fromOriginal);
        QVERIFY(foreseen->migration.applied.isEmpty());
        QCOMPARE(databaseState(*db), stateBefore);
        QVERIFY(foreseen->lines().join(u'\n').contains(u"not one the original server made"_s));
    }

    void dryRunOnAnEmptyDatabaseCreatesNothing()
    {
        auto db = ScratchDatabase::mariaDb();
        auto foreseen = preview(db->settings(), {});
        QVERIFY(foreseen);
        QVERIFY(!foreseen->fromOriginal);
        QCOMPARE(foreseen->migration.versionBefore, 0);
        QCOMPARE(db->scalar(u"SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
                            "DATABASE()"_s)
                     .toInt(),
                 0);
    }
};

QTEST_GUILESS_MAIN(TestOriginalUpgrade)
#include "tst_originalupgrade.moc"
