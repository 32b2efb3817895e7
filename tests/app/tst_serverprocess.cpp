#include "auth/passwordhasher.h"
#include "scratchdatabase.h"
#include "serverprocess.h"
#include "store/migration.h"
#include "testhttpclient.h"
#include "testservices.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace Im::Test;

namespace {

QMap<QString, QString> mariaDbSettings(const Im::Store::DatabaseSettings &settings)
{
    return { { u"DB_DRIVER"_s, u"mariadb"_s },
             { u"DB_HOST"_s, settings.host },
             { u"DB_PORT"_s, QString::number(settings.port) },
             { u"DB_USER"_s, settings.user },
             { u"DB_PASS"_s, settings.password },
             { u"DB_NAME"_s, settings.databaseName } };
}

QByteArray readAllFilesUnder(const QString &directory)
{
    QByteArray all;
    QDirIterator it(directory, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly))
            all += file.readAll();
    }
    return all;
}

QJsonObject healthOf(const ServerProcess &server)
{
    return httpRequest("GET", server.url(u"/api/v1/health"_s)).json();
}

} // namespace

class TestServerProcess : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void answersHelloWorldOnTheEmbeddedDefault()
    {
        ServerProcess server;
        QVERIFY2(server.start(), server.output().constData());
        const TestResponse response = httpRequest("GET", server.url(u"/api/v1"_s));
        QCOMPARE(response.status, 200);
        QCOMPARE(response.body, QByteArray("Hello World!"));
        QVERIFY(response.header("Content-Type").startsWith("text/html"));
    }

    void firstStartCreatesTheDataFolder()
    {
        ServerProcess server;
        QVERIFY2(server.start(), server.output().constData());
        const QDir data(server.dataDir());
        QVERIFY(data.exists(u"im-server.sqlite"_s));
        QFile secret(data.filePath(u"secret.key"_s));
        QVERIFY(secret.exists());
        QCOMPARE(secret.permissions() & (QFile::ReadGroup | QFile::ReadOther),
                 QFile::Permissions());
        QVERIFY(!QDir(data.filePath(u"logs"_s)).entryList({ u"log.*.log"_s }).isEmpty());
    }

    void healthReportsTheDatabase()
    {
        ServerProcess server;
        QVERIFY2(server.start(), server.output().constData());
        const TestResponse response = httpRequest("GET", server.url(u"/api/v1/health"_s));
        QCOMPARE(response.status, 200);
        const QJsonObject body = response.json();
        QCOMPARE(body.value(u"statusCode"_s).toInt(), 200);
        const QJsonObject database = body.value(u"data"_s)[u"database"_s].toObject();
        QCOMPARE(database.value(u"status"_s).toString(), u"up"_s);
        QCOMPARE(database.value(u"driver"_s).toString(), u"sqlite"_s);
        QVERIFY(database.value(u"latencyMs"_s).isDouble());
    }

    void corsPreflightAndActualResponses_data()
    {
        QTest::addColumn<QByteArray>("origin");
        QTest::newRow("packaged client") << QByteArray("null");
        QTest::newRow("dev client") << QByteArray("http://localhost:1212");
    }

    void corsPreflightAndActualResponses()
    {
        QFETCH(QByteArray, origin);
        ServerProcess server;
        QVERIFY2(server.start(), server.output().constData());
        const TestResponse preflight = httpRequest(
            "OPTIONS", server.url(u"/api/v1/friends"_s),
            { { "Origin", origin },
              { "Access-Control-Request-Method", "GET" },
              { "Access-Control-Request-Headers", "authorization,userid,content-type" } });
        QCOMPARE(preflight.status, 204);
        QCOMPARE(preflight.header("Access-Control-Allow-Origin"), origin);
        QCOMPARE(preflight.header("Access-Control-Allow-Credentials"), QByteArray("true"));
        QVERIFY(preflight.header("Access-Control-Allow-Headers").contains("authorization"));

        const TestResponse actual =
            httpRequest("GET", server.url(u"/api/v1"_s), { { "Origin", origin } });
        QCOMPARE(actual.status, 200);
        QCOMPARE(actual.header("Access-Control-Allow-Origin"), origin);
        QCOMPARE(actual.header("Access-Control-Allow-Credentials"), QByteArray("true"));
    }

    void shutsDownCleanly_data()
    {
        QTest::addColumn<int>("signalNumber");
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGINT") << int(SIGINT);
    }

    void shutsDownCleanly()
    {
        QFETCH(int, signalNumber);
        ServerProcess server;
        QVERIFY2(server.start(), server.output().constData());
        QCOMPARE(httpRequest("GET", server.url(u"/api/v1"_s)).status, 200);
        QVERIFY(server.stop(signalNumber));
        QCOMPARE(server.exitStatus(), QProcess::NormalExit);
        QCOMPARE(server.exitCode(), 0);
        QVERIFY(server.output().contains("stopped"));
        QCOMPARE(httpRequest("GET", server.url(u"/api/v1"_s), {}, {}, 2000).status, 0);
    }

    void refusesAPortInUse()
    {
        ServerProcess first;
        QVERIFY2(first.start(), first.output().constData());
        QByteArray output;
        const QTemporaryDir data;
        const int code = ServerProcess::runOnce(
            {}, { { u"PORT"_s, QString::number(first.port()) }, { u"DATA_DIR"_s, data.path() } },
            {}, &output);
        QCOMPARE(code, 1);
        QVERIFY2(output.contains("Cannot listen"), output.constData());
    }

    void keepsSecretsOutOfTheLogs()
    {
        const QString secret = u"do-not-log-this-secret-0123456789"_s;
        ServerProcess server({ { u"SECRET_KEY"_s, secret }, { u"LOG_LEVEL"_s, u"debug"_s } });
        QVERIFY2(server.start(), server.output().constData());
        QCOMPARE(
            httpRequest("GET", server.url(u"/api/v1/health"_s),
                        { { "authorization", "token-value-never-logged" }, { "userid", "10000" } })
                .status,
            200);
        QVERIFY(server.stop(SIGTERM));
        const QByteArray everything =
            server.output() + readAllFilesUnder(server.dataDir() + u"/logs"_s);
        QVERIFY(everything.contains("listening")); // the logs are really there
        QVERIFY(!everything.contains(secret.toUtf8()));
        QVERIFY(!everything.contains("token-value-never-logged"));
    }

    void checkConfigReportsEveryProblemAtOnce()
    {
        QByteArray output;
        const QTemporaryDir data;
        const int code = ServerProcess::runOnce({ u"--check-config"_s },
                                                { { u"PORT"_s, u"http"_s },
                                                  { u"DB_DRIVER"_s, u"oracle"_s },
                                                  { u"NODE_ENV"_s, u"production"_s },
                                                  { u"DATA_DIR"_s, data.path() } },
                                                {}, &output);
        QCOMPARE(code, 2);
        QVERIFY2(output.contains("PORT"), output.constData());
        QVERIFY2(output.contains("DB_DRIVER"), output.constData());
        QVERIFY2(output.contains("SECRET_KEY"), output.constData());
    }

    void checkConfigAcceptsAGoodConfiguration()
    {
        QByteArray output;
        const QTemporaryDir data;
        const int code = ServerProcess::runOnce({ u"--check-config"_s, u"--port"_s, u"4000"_s },
                                                { { u"DATA_DIR"_s, data.path() } }, {}, &output);
        QCOMPARE(code, 0);
        QVERIFY(output.contains("Configuration OK."));
    }

    void checkConfigNamesMissingRuntimeFiles()
    {
        QByteArray output;
        const QTemporaryDir data;
        const QString nowhere = data.filePath(u"no-swagger-ui"_s);
        const int code = ServerProcess::runOnce({ u"--check-config"_s },
                                                { { u"DATA_DIR"_s, data.path() },
                                                  { u"SWAGGER_UI_DIR"_s, nowhere },
                                                  { u"FFMPEG_PATH"_s, u"no-such-ffmpeg"_s } },
                                                {}, &output);
        QCOMPARE(code, 1);
        QVERIFY2(
            output.contains("Missing: " + QFile::encodeName(nowhere) + "/swagger-ui-bundle.js"),
            output.constData());
        QVERIFY2(output.contains("Missing: no-such-ffmpeg"), output.constData());
        QVERIFY2(output.contains("Configuration OK, but 5 runtime files are missing."),
                 output.constData());
    }

    void findsSwaggerUiBesideItsOwnExecutable()
    {
        // No SWAGGER_UI_DIR and a working folder elsewhere: <bin>/../share/im-server/swagger-ui.
        ServerProcess server;
        QVERIFY2(server.start(), server.output().constData());
        QCOMPARE(httpRequest("GET", server.url(u"/api/docs"_s)).status, 200);
        QCOMPARE(httpRequest("GET", server.url(u"/api/docs/swagger-ui.css"_s)).status, 200);
        QVERIFY2(!server.output().contains("Swagger UI not found"), server.output().constData());
    }

    void checkConfigExplainsTheDatabaseChoice()
    {
        // GIVEN the original server's .env.prod in the working directory (no DB_DRIVER)
        const QTemporaryDir data;
        QFile env(QDir(data.path()).filePath(u".env.prod"_s));
        QVERIFY(env.open(QIODevice::WriteOnly));
        env.write("PORT=3000\nSECRET_KEY=original-secret-0123456789\nUSER_AUTH_KEY=user_auth\n"
                  "DB_HOST=127.0.0.1\nDB_PORT=3306\nDB_USER=root\nDB_PASS=db-pass-4242\n"
                  "DB_NAME=im_server\nREDIS_HOST=127.0.0.1\nREDIS_PORT=6379\nREDIS_DB=0\n"
                  "MULTER_DEST=upload\nCLIENTORIGIN=http://localhost:1212\n");
        env.close();
        const QMap<QString, QString> settings { { u"NODE_ENV"_s, u"prod"_s },
                                                { u"DATA_DIR"_s, data.path() } };
        QByteArray output;

        QCOMPARE(ServerProcess::runOnce({ u"--check-config"_s }, settings, {}, &output), 0);
        QVERIFY2(output.contains("Database: mariadb, because DB_DRIVER is not set, but DB_HOST ("),
                 output.constData());
        QVERIFY2(
            output.contains("Ignored: REDIS_HOST, REDIS_PORT, REDIS_DB: Redis is not used yet"),
            output.constData());
        QVERIFY2(output.contains("Ignored: USER_AUTH_KEY"), output.constData());
        QVERIFY2(output.contains("Configuration OK."), output.constData());
        QVERIFY(!output.contains("db-pass-4242"));
        QVERIFY(!output.contains("original-secret-0123456789"));

        // WHEN DB_DRIVER says sqlite as well THEN the start is refused, naming both sides.
        QMap<QString, QString> conflicting = settings;
        conflicting.insert(u"DB_DRIVER"_s, u"sqlite"_s);
        QCOMPARE(ServerProcess::runOnce({ u"--check-config"_s }, conflicting, {}, &output), 2);
        QVERIFY2(output.contains("DB_DRIVER=sqlite (environment) contradicts the MariaDB settings "
                                 "DB_HOST ("),
                 output.constData());
        QCOMPARE(ServerProcess::runOnce({}, conflicting, {}, &output), 2);
        QVERIFY2(output.contains("Refusing to start"), output.constData());
    }

    void upgradeDryRunReportsAndChangesNothing()
    {
        IM_REQUIRE_MARIADB();
        auto db = ScratchDatabase::mariaDb();
        const QString loadError = db->loadDump(TestServices::originalFixturePath());
        QVERIFY2(loadError.isEmpty(), qPrintable(loadError));
        const QTemporaryDir data;
        auto settings = mariaDbSettings(db->settings());
        settings.insert(u"DATA_DIR"_s, data.path());
        settings.insert(u"UPGRADE_KEEP_ADMINS"_s, u"13700000005"_s);
        QByteArray output;

        QCOMPARE(ServerProcess::runOnce({ u"--upgrade-dry-run"_s }, settings, {}, &output), 0);

        QVERIFY2(output.contains("Dry run, nothing changed. The database was made by the original "
                                 "server (schema version 0)"),
                 output.constData());
        QVERIFY2(output.contains("1 duplicate friendships"), output.constData());
        QVERIFY2(output.contains("account 13700000001, role admin: would be moved to role user"),
                 output.constData());
        QVERIFY2(output.contains("account 13700000005, role admin: keeps it"), output.constData());
        QCOMPARE(db->scalar(u"SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
                            "DATABASE() AND TABLE_NAME = 'SchemaMigrations'"_s)
                     .toInt(),
                 0);
        QCOMPARE(db->scalar(u"SELECT roleId FROM Users WHERE id = 10000"_s).toInt(), 5);
        QCOMPARE(
            db->scalar(u"SELECT DATA_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA "
                       "= DATABASE() AND TABLE_NAME = 'Messages' AND COLUMN_NAME = 'content'"_s)
                .toString(),
            u"varchar"_s);
    }

    void upgradeDryRunCreatesNoSqliteFile()
    {
        const QTemporaryDir data;
        QByteArray output;
        QCOMPARE(ServerProcess::runOnce({ u"--upgrade-dry-run"_s },
                                        { { u"DATA_DIR"_s, data.path() } }, {}, &output),
                 0);
        QVERIFY2(output.contains("No database at"), output.constData());
        QVERIFY(!QFile::exists(QDir(data.path()).filePath(u"im-server.sqlite"_s)));
    }

    void printsVersionAndHelp()
    {
        QByteArray output;
        QCOMPARE(ServerProcess::runOnce({ u"--version"_s }, {}, {}, &output), 0);
        QVERIFY(output.startsWith("im-server "));
        QCOMPARE(ServerProcess::runOnce({ u"--help"_s }, {}, {}, &output), 0);
        QVERIFY(output.contains("--create-admin"));
        QVERIFY(output.contains("--upgrade-dry-run"));
        QVERIFY(output.contains("SECRET_KEY"));
        QCOMPARE(ServerProcess::runOnce({ u"--no-such-option"_s }, {}, {}, &output), 2);
    }

    void createsAnAdminWithThePasswordFromStdin()
    {
        const QTemporaryDir data;
        const QMap<QString, QString> settings { { u"DATA_DIR"_s, data.path() } };
        QByteArray output;
        QCOMPARE(ServerProcess::runOnce({ u"--create-admin"_s, u"13800000000"_s }, settings,
                                        "admin123\n", &output),
                 0);
        QVERIFY2(output.contains("Created admin account 13800000000."), output.constData());
        QVERIFY(!output.contains("admin123"));

        QString hash;
        QString role;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"admin-check"_s);
            db.setDatabaseName(data.filePath(u"im-server.sqlite"_s));
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(u"SELECT u.pwd, r.name FROM Users u JOIN Roles r ON r.id = u.roleId "
                               "WHERE u.account = '13800000000'"_s));
            QVERIFY(query.next());
            hash = query.value(0).toString();
            role = query.value(1).toString();
        }
        QSqlDatabase::removeDatabase(u"admin-check"_s);
        QCOMPARE(role, u"admin"_s);
        QVERIFY(hash.startsWith(u"$argon2id$"_s));
        QVERIFY(Im::Auth::PasswordHasher::verify(hash, u"admin123"_s));

        // Again for the same account: it keeps the role and takes the new password.
        QCOMPARE(ServerProcess::runOnce({ u"--create-admin"_s, u"13800000000"_s }, settings,
                                        "newpass99\n", &output),
                 0);
        QVERIFY2(output.contains("is now an admin"), output.constData());
    }

    void createAdminRefusesBadInput_data()
    {
        QTest::addColumn<QString>("account");
        QTest::addColumn<QByteArray>("password");
        QTest::newRow("account not a mobile number") << u"admin"_s << QByteArray("admin123\n");
        QTest::newRow("password too short") << u"13800000000"_s << QByteArray("a1\n");
        QTest::newRow("no password at all") << u"13800000000"_s << QByteArray();
    }

    void createAdminRefusesBadInput()
    {
        QFETCH(QString, account);
        QFETCH(QByteArray, password);
        const QTemporaryDir data;
        QByteArray output;
        QCOMPARE(ServerProcess::runOnce({ u"--create-admin"_s, account },
                                        { { u"DATA_DIR"_s, data.path() } }, password, &output),
                 2);
    }

    void upgradesTheOriginalDatabaseOnStart()
    {
        IM_REQUIRE_MARIADB();
        auto db = ScratchDatabase::mariaDb();
        const QString loadError = db->loadDump(TestServices::originalFixturePath());
        QVERIFY2(loadError.isEmpty(), qPrintable(loadError));
        const qint64 messages = db->scalar(u"SELECT COUNT(*) FROM Messages"_s).toLongLong();
        const qint64 users = db->scalar(u"SELECT COUNT(*) FROM Users"_s).toLongLong();

        ServerProcess server(mariaDbSettings(db->settings()));
        QVERIFY2(server.start(), server.output().constData());
        const QJsonObject health = healthOf(server);
        QCOMPARE(health.value(u"data"_s)[u"database"_s][u"driver"_s].toString(), u"mariadb"_s);
        QCOMPARE(health.value(u"data"_s)[u"database"_s][u"status"_s].toString(), u"up"_s);

        QCOMPARE(db->scalar(u"SELECT COUNT(*) FROM Messages"_s).toLongLong(), messages);
        QCOMPARE(db->scalar(u"SELECT COUNT(*) FROM Users"_s).toLongLong(), users);
        QCOMPARE(
            db->scalar(u"SELECT GROUP_CONCAT(version ORDER BY version) FROM SchemaMigrations"_s)
                .toString(),
            Im::Test::versionList(Im::Store::migrationsFor(Im::Store::Dialect::MariaDb)));
        QCOMPARE(
            db->scalar(u"SELECT DATA_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA "
                       "= DATABASE() AND TABLE_NAME = 'Messages' AND COLUMN_NAME = 'content'"_s)
                .toString(),
            u"text"_s);
        QVERIFY(server.stop(SIGTERM));
        QCOMPARE(server.exitCode(), 0);
    }

    void healthFollowsTheDatabaseGoingAwayAndComingBack()
    {
        IM_REQUIRE_MARIADB();
        auto db = ScratchDatabase::mariaDb();
        // A user of its own, so the test can lock it out without touching other tests.
        const QString user = u"im_h_"_s + db->settings().databaseName.right(8);
        QSqlQuery admin(db->connection());
        QVERIFY(admin.exec(u"CREATE USER '%1'@'127.0.0.1' IDENTIFIED BY 'health-pw'"_s.arg(user)));
        QVERIFY(admin.exec(
            u"GRANT ALL ON `%1`.* TO '%2'@'127.0.0.1'"_s.arg(db->settings().databaseName, user)));
        auto settings = mariaDbSettings(db->settings());
        settings.insert(u"DB_USER"_s, user);
        settings.insert(u"DB_PASS"_s, u"health-pw"_s);
        settings.insert(u"DB_CONNECT_TIMEOUT"_s, u"2"_s);
        ServerProcess server(settings);
        QVERIFY2(server.start(), server.output().constData());
        QCOMPARE(httpRequest("GET", server.url(u"/api/v1/health"_s)).status, 200);

        // GIVEN the database drops the server's connections and refuses new ones
        QVERIFY(admin.exec(u"ALTER USER '%1'@'127.0.0.1' ACCOUNT LOCK"_s.arg(user)));
        QVERIFY(admin.exec(
            u"SELECT ID FROM information_schema.PROCESSLIST WHERE USER = '%1'"_s.arg(user)));
        QList<qint64> ids;
        while (admin.next())
            ids.append(admin.value(0).toLongLong());
        QVERIFY(!ids.isEmpty());
        for (qint64 id : ids)
            QSqlQuery(db->connection()).exec(u"KILL %1"_s.arg(id));
        // THEN health says so with 503
        const TestResponse down = httpRequest("GET", server.url(u"/api/v1/health"_s));
        QCOMPARE(down.status, 503);
        QCOMPARE(down.json().value(u"data"_s)[u"database"_s][u"status"_s].toString(), u"down"_s);

        // WHEN the database is back THEN the server reconnects by itself
        QVERIFY(admin.exec(u"ALTER USER '%1'@'127.0.0.1' ACCOUNT UNLOCK"_s.arg(user)));
        QTRY_COMPARE_WITH_TIMEOUT(httpRequest("GET", server.url(u"/api/v1/health"_s)).status, 200,
                                  15000);
        QVERIFY(admin.exec(u"DROP USER '%1'@'127.0.0.1'"_s.arg(user)));
    }
};

QTEST_GUILESS_MAIN(TestServerProcess)
#include "tst_serverprocess.moc"
