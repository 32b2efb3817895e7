#include "apiclient.h"
#include "auth/passwordhasher.h"
#include "inprocessserver.h"
#include "scratchdatabase.h"
#include "testhttpclient.h"
#include "testservices.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace Im;
using namespace Im::Test;

namespace {

const Headers jsonType { { "Content-Type", "application/json" } };

} // namespace

//! `/api/v1/users` through the whole server over HTTP, on SQLite and on MariaDB.
class TestUsersApi : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ScratchDatabase> m_database;
    std::unique_ptr<QTemporaryDir> m_dataDir;
    std::unique_ptr<InProcessServer> m_server;

    TestResponse post(const QString &path, const QJsonObject &body, const Headers &headers = {})
    {
        return sendJson(*m_server, "POST", path, headers, body);
    }

    QJsonObject registerUser(const QString &account) { return registerAccount(*m_server, account); }

    void startServer()
    {
        m_dataDir = std::make_unique<QTemporaryDir>();
        m_server = InProcessServer::launch(m_database->settings(), m_dataDir->path());
        QVERIFY(m_server);
    }

private Q_SLOTS:
    void initTestCase_data() { ScratchDatabase::addBackendRows(); }

    void init()
    {
        QFETCH_GLOBAL(bool, mariadb);
        if (mariadb)
            IM_REQUIRE_MARIADB();
        m_database = ScratchDatabase::create(mariadb);
        startServer();
    }

    void cleanup()
    {
        m_server.reset();
        m_database.reset();
        m_dataDir.reset();
    }

    void registerLoginLogout()
    {
        // Registration answers like a login, with the `user` role whatever the client asked.
        const TestResponse created = post(u"/api/v1/users/create"_s,
                                          { { u"account"_s, u"13900000001"_s },
                                            { u"pwd"_s, u"secret123"_s },
                                            { u"email"_s, u"a@example.com"_s },
                                            { u"roleId"_s, 5 } });
        QCOMPARE(created.status, 200);
        const QJsonObject body = created.json();
        QCOMPARE(body.value(u"statusCode"_s).toInt(), 200);
        QCOMPARE(body.value(u"message"_s).toString(), u"successfully."_s);
        const QJsonObject user = body.value(u"data"_s).toObject();
        QVERIFY(user.value(u"id"_s).toInt() >= 10000);
        QCOMPARE(user.value(u"account"_s).toString(), u"13900000001"_s);
        QCOMPARE(user.value(u"email"_s).toString(), u"a@example.com"_s);
        QVERIFY(user.value(u"avatar"_s).isNull());
        QCOMPARE(user.value(u"roleName"_s).toString(), u"user"_s);
        QVERIFY(!user.contains(u"pwd"_s));
        QCOMPARE(user.value(u"token"_s).toString().size(), 36);
        QCOMPARE(user.value(u"regisTime"_s).toString().size(), 19);

        // Login: HTTP 200, token inside data, the shape the desktop client stores.
        const TestResponse login =
            post(u"/api/v1/users/login"_s,
                 { { u"account"_s, u"13900000001"_s }, { u"pwd"_s, u"secret123"_s } });
        QCOMPARE(login.status, 200);
        const QJsonObject session = login.json();
        QVERIFY(!session.contains(u"message"_s));
        QVERIFY(session.value(u"data"_s)[u"token"_s].toString()
                != user.value(u"token"_s).toString());

        // Logout ends this session only.
        const TestResponse out = post(u"/api/v1/users/logout"_s, {}, sessionHeaders(session));
        QCOMPARE(out.status, 200);
        QCOMPARE(out.json().value(u"message"_s).toString(), u"Logout successed."_s);
        QCOMPARE(post(u"/api/v1/users/logout"_s, {}, sessionHeaders(session)).status, 401);
        QCOMPARE(post(u"/api/v1/users/logout"_s, {}, sessionHeaders(body)).status, 200);
    }

    void unknownAccountAndWrongPasswordLookAlike()
    {
        registerUser(u"13900000002"_s);
        const TestResponse wrong =
            post(u"/api/v1/users/login"_s,
                 { { u"account"_s, u"13900000002"_s }, { u"pwd"_s, u"nope1234"_s } });
        const TestResponse unknown =
            post(u"/api/v1/users/login"_s,
                 { { u"account"_s, u"13900000099"_s }, { u"pwd"_s, u"secret123"_s } });
        QCOMPARE(wrong.status, 401);
        QCOMPARE(unknown.status, 401);
        QCOMPARE(wrong.body, unknown.body);
        QCOMPARE(wrong.json().value(u"message"_s).toString(), u"Unauthorized"_s);
        const TestResponse missing = post(u"/api/v1/users/login"_s, { { u"account"_s, u"x"_s } });
        QCOMPARE(missing.status, 401);
    }

    void repeatedFailuresAreThrottled()
    {
        registerUser(u"13900000003"_s);
        for (int attempt = 0; attempt < 5; ++attempt) {
            QCOMPARE(post(u"/api/v1/users/login"_s,
                          { { u"account"_s, u"13900000003"_s }, { u"pwd"_s, u"wrong123"_s } })
                         .status,
                     401);
        }
        const TestResponse blocked =
            post(u"/api/v1/users/login"_s,
                 { { u"account"_s, u"13900000003"_s }, { u"pwd"_s, u"secret123"_s } });
        QCOMPARE(blocked.status, 429);
        QCOMPARE(blocked.json().value(u"statusCode"_s).toInt(), 429);
    }

    void registrationValidatesEveryField_data()
    {
        QTest::addColumn<QJsonObject>("body");
        const QString pwd = u"secret123"_s;
        QTest::newRow("account not a mobile number")
            << QJsonObject { { u"account"_s, u"admin"_s }, { u"pwd"_s, pwd } };
        QTest::newRow("account as a number")
            << QJsonObject { { u"account"_s, 13900000004LL }, { u"pwd"_s, pwd } };
        QTest::newRow("password without digit")
            << QJsonObject { { u"account"_s, u"13900000004"_s }, { u"pwd"_s, u"secretsecret"_s } };
        QTest::newRow("password too long")
            << QJsonObject { { u"account"_s, u"13900000004"_s },
                             { u"pwd"_s, QString(40, u'a') + u"1"_s } };
        QTest::newRow("missing password") << QJsonObject { { u"account"_s, u"13900000004"_s } };
        QTest::newRow("bad e-mail") << QJsonObject { { u"account"_s, u"13900000004"_s },
                                                     { u"pwd"_s, pwd },
                                                     { u"email"_s, u"not-mail"_s } };
        QTest::newRow("e-mail not a string") << QJsonObject { { u"account"_s, u"13900000004"_s },
                                                              { u"pwd"_s, pwd },
                                                              { u"email"_s, 7 } };
        QTest::newRow("avatar too long") << QJsonObject { { u"account"_s, u"13900000004"_s },
                                                          { u"pwd"_s, pwd },
                                                          { u"avatar"_s, QString(300, u'x') } };
    }

    void registrationValidatesEveryField()
    {
        QFETCH(QJsonObject, body);
        const TestResponse response = post(u"/api/v1/users/create"_s, body);
        QCOMPARE(response.status, 400);
        QCOMPARE(response.json().value(u"message"_s).toString(), u"Incorrect request parameter."_s);
    }

    void malformedBodyIs400()
    {
        const TestResponse response =
            httpRequest("POST", m_server->url(u"/api/v1/users/create"_s), jsonType, "{not json");
        QCOMPARE(response.status, 400);
    }

    void duplicateAccountIs409()
    {
        registerUser(u"13900000005"_s);
        const TestResponse again =
            post(u"/api/v1/users/create"_s,
                 { { u"account"_s, u"13900000005"_s }, { u"pwd"_s, u"other123"_s } });
        QCOMPARE(again.status, 409);
        QCOMPARE(again.json().value(u"message"_s).toString(), u"The account already exists."_s);
    }

    void protectedRoutesNeedBothHeaders_data()
    {
        QTest::addColumn<bool>("sendUserId");
        QTest::addColumn<bool>("sendToken");
        QTest::addColumn<bool>("otherUserId");
        QTest::newRow("no headers") << false << false << false;
        QTest::newRow("token without userid") << false << true << false;
        QTest::newRow("userid without token") << true << false << false;
        QTest::newRow("token of another user") << true << true << true;
    }

    void protectedRoutesNeedBothHeaders()
    {
        QFETCH(bool, sendUserId);
        QFETCH(bool, sendToken);
        QFETCH(bool, otherUserId);
        const QJsonObject session = registerUser(u"13900000006"_s);
        const Headers valid = sessionHeaders(session);
        Headers headers;
        if (sendUserId)
            headers.append({ "userid", otherUserId ? QByteArray("10001") : valid[0].second });
        if (sendToken)
            headers.append(valid[1]);
        const TestResponse response = post(u"/api/v1/users/logout"_s, {}, headers);
        QCOMPARE(response.status, 401);
        QCOMPARE(response.body, QByteArray(R"({"message":"Unauthorized","statusCode":401})"));
    }

    void readingAUserNeedsPermissionOne()
    {
        const QJsonObject plain = registerUser(u"13900000007"_s);
        const int plainId = plain.value(u"data"_s)[u"id"_s].toInt();
        const QUrl byId = m_server->url(u"/api/v1/users/%1"_s.arg(plainId));
        QCOMPARE(httpRequest("GET", byId, sessionHeaders(plain)).status, 403);

        // Make a second user admin in the database, then log in again: the role is in the JWT.
        registerUser(u"13900000008"_s);
        QVERIFY(QSqlQuery(m_database->connection())
                    .exec(u"UPDATE Users SET roleId = (SELECT id FROM Roles WHERE name = "
                          "'admin') WHERE account = '13900000008'"_s));
        const QJsonObject admin =
            post(u"/api/v1/users/login"_s,
                 { { u"account"_s, u"13900000008"_s }, { u"pwd"_s, u"secret123"_s } })
                .json();
        const TestResponse read = httpRequest("GET", byId, sessionHeaders(admin));
        QCOMPARE(read.status, 200);
        QCOMPARE(read.json().value(u"message"_s).toString(), u"Successed."_s);
        const QJsonObject data = read.json().value(u"data"_s).toObject();
        QCOMPARE(data.value(u"id"_s).toInt(), plainId);
        QVERIFY(!data.contains(u"pwd"_s));
        QVERIFY(!data.contains(u"permissions"_s));

        const TestResponse missing =
            httpRequest("GET", m_server->url(u"/api/v1/users/99999"_s), sessionHeaders(admin));
        QCOMPARE(missing.status, 404);
        QCOMPARE(missing.json().value(u"message"_s).toString(), u"No user found with id 99999"_s);
    }

    void usersUpdateOnlyTheirOwnProfileFields()
    {
        const QJsonObject alice = registerUser(u"13900000010"_s);
        const int aliceId = alice.value(u"data"_s)[u"id"_s].toInt();
        const QJsonObject bob = registerUser(u"13900000011"_s);
        const auto put = [this](const QJsonObject &body, const Headers &auth) {
            return sendJson(*m_server, "PUT", u"/api/v1/users"_s, auth, body);
        };

        // Mass assignment is ignored: only e-mail and avatar change (D-11).
        const TestResponse updated = put({ { u"userId"_s, aliceId },
                                           { u"email"_s, u"alice@example.com"_s },
                                           { u"avatar"_s, u"/uploads/a.png"_s },
                                           { u"pwd"_s, u"hacked123"_s },
                                           { u"account"_s, u"13911111111"_s },
                                           { u"roleId"_s, 2 } },
                                         sessionHeaders(alice));
        QCOMPARE(updated.status, 200);
        QCOMPARE(updated.json().value(u"message"_s).toString(), u"Update successfully."_s);
        const QJsonObject data = updated.json().value(u"data"_s).toObject();
        QCOMPARE(data.value(u"email"_s).toString(), u"alice@example.com"_s);
        QCOMPARE(data.value(u"account"_s).toString(), u"13900000010"_s);
        QVERIFY(!data.contains(u"pwd"_s)); // D-12
        QCOMPARE(m_database
                     ->scalar(u"SELECT r.name FROM Users u JOIN Roles r ON r.id = u.roleId "
                              "WHERE u.id = %1"_s.arg(aliceId))
                     .toString(),
                 u"user"_s);
        QCOMPARE(post(u"/api/v1/users/login"_s,
                      { { u"account"_s, u"13900000010"_s }, { u"pwd"_s, u"hacked123"_s } })
                     .status,
                 401);

        // Bob cannot edit Alice (D-10); a taken e-mail is a conflict; bad values are refused.
        QCOMPARE(put({ { u"userId"_s, aliceId }, { u"email"_s, u"bob@example.com"_s } },
                     sessionHeaders(bob))
                     .status,
                 403);
        const int bobId = bob.value(u"data"_s)[u"id"_s].toInt();
        QCOMPARE(put({ { u"userId"_s, bobId }, { u"email"_s, u"alice@example.com"_s } },
                     sessionHeaders(bob))
                     .status,
                 409);
        QCOMPARE(
            put({ { u"userId"_s, bobId }, { u"email"_s, u"nope"_s } }, sessionHeaders(bob)).status,
            400);
        QCOMPARE(put({ { u"email"_s, u"x@example.com"_s } }, sessionHeaders(bob)).status, 400);
        // null clears a field.
        const TestResponse cleared = put(
            { { u"userId"_s, aliceId }, { u"avatar"_s, QJsonValue::Null } }, sessionHeaders(alice));
        QCOMPARE(cleared.status, 200);
        QVERIFY(cleared.json().value(u"data"_s)[u"avatar"_s].isNull());
    }

    void deletingAnAccountEndsEverySessionAndKeepsItsMessages()
    {
        const QJsonObject first = registerUser(u"13900000012"_s);
        const int id = first.value(u"data"_s)[u"id"_s].toInt();
        const QJsonObject second =
            post(u"/api/v1/users/login"_s,
                 { { u"account"_s, u"13900000012"_s }, { u"pwd"_s, u"secret123"_s } })
                .json();
        const QJsonObject peer = registerUser(u"13900000013"_s);
        const int peerId = peer.value(u"data"_s)[u"id"_s].toInt();
        QSqlQuery sql(m_database->connection());
        QVERIFY(sql.exec(u"INSERT INTO Messages (msgId, type, sender, receiver, content, timer) "
                         "VALUES ('kept-1', 'text', %1, %2, 'hello', 1)"_s.arg(id)
                             .arg(peerId)));
        QVERIFY(sql.exec(
            u"INSERT INTO Friends (userId, friendId) VALUES (%1, %2)"_s.arg(id).arg(peerId)));

        const TestResponse deleted =
            httpRequest("DELETE", m_server->url(u"/api/v1/users"_s), sessionHeaders(first));
        QCOMPARE(deleted.status, 200);
        QCOMPARE(deleted.json().value(u"message"_s).toString(), u"Successfully."_s);

        // Both sessions are gone, the account cannot log in or be registered... by itself again.
        QCOMPARE(post(u"/api/v1/users/logout"_s, {}, sessionHeaders(second)).status, 401);
        QCOMPARE(post(u"/api/v1/users/login"_s,
                      { { u"account"_s, u"13900000012"_s }, { u"pwd"_s, u"secret123"_s } })
                     .status,
                 401);
        QCOMPARE(
            m_database->scalar(u"SELECT COUNT(*) FROM Friends WHERE userId = %1"_s.arg(id)).toInt(),
            0);
        QCOMPARE(
            m_database->scalar(u"SELECT sender FROM Messages WHERE msgId = 'kept-1'"_s).toInt(),
            id);
        // The number can sign up afresh.
        QCOMPARE(post(u"/api/v1/users/create"_s,
                      { { u"account"_s, u"13900000012"_s }, { u"pwd"_s, u"secret456"_s } })
                     .status,
                 200);
    }

    void originalUsersLogInAndTheirHashIsUpgraded()
    {
        QFETCH_GLOBAL(bool, mariadb);
        if (mariadb) {
            // The original's own database (in a database of its own: init() made the other one
            // the server's already), migrated by a fresh start that keeps one of the two
            // accounts that picked the admin role at sign-up (10005) and demotes the other.
            m_server.reset();
            m_database = ScratchDatabase::mariaDb();
            const QString loadError = m_database->loadDump(TestServices::originalFixturePath());
            QVERIFY2(loadError.isEmpty(), qPrintable(loadError));
            Config::ServerConfig config =
                InProcessServer::configFor(m_database->settings(), m_dataDir->path());
            config.keepAdmins.accounts = QStringList { u"13700000005"_s };
            m_server = std::make_unique<InProcessServer>(config);
            QVERIFY(m_server->start());
        } else {
            // SQLite never held the original's data: plant one of its users with its bcrypt hash.
            QVERIFY(QSqlQuery(m_database->connection())
                        .exec(u"INSERT INTO Users (id, account, pwd, regisTime, updateTime, "
                              "roleId) VALUES (10000, '13700000001', "
                              "'$2b$10$CQxvPhU3hpumduqygMULf.EgxtLhb0IdCxcplqAKevpgJgkZScAKS', "
                              "'2026-11-27 15:59:12', '2026-11-27 15:59:12', "
                              "(SELECT id FROM Roles WHERE name = 'admin'))"_s));
        }

        const TestResponse login =
            post(u"/api/v1/users/login"_s,
                 { { u"account"_s, u"13700000001"_s }, { u"pwd"_s, u"peer-load-pw"_s } });
        QCOMPARE(login.status, 200);
        const QJsonObject user = login.json().value(u"data"_s).toObject();
        QCOMPARE(user.value(u"id"_s).toInt(), 10000);
        // The upgrade moved the original's self-chosen admin to `user` (SQLite upgrades nothing).
        QCOMPARE(user.value(u"roleName"_s).toString(), mariadb ? u"user"_s : u"admin"_s);
        QCOMPARE(user.value(u"permissions"_s).toArray().isEmpty(), mariadb);
        const QString hash =
            m_database->scalar(u"SELECT pwd FROM Users WHERE id = 10000"_s).toString();
        QVERIFY(hash.startsWith(u"$argon2id$"_s));
        QVERIFY(Auth::PasswordHasher::verify(hash, u"peer-load-pw"_s));
        if (mariadb) {
            const TestResponse kept =
                post(u"/api/v1/users/login"_s,
                     { { u"account"_s, u"13700000005"_s }, { u"pwd"_s, u"peer-load-pw"_s } });
            QCOMPARE(kept.status, 200);
            const QJsonObject keptUser = kept.json().value(u"data"_s).toObject();
            QCOMPARE(keptUser.value(u"roleName"_s).toString(), u"admin"_s);
            QVERIFY(keptUser.value(u"permissions"_s).toArray().size() >= 2);
        }
    }
};

QTEST_GUILESS_MAIN(TestUsersApi)
#include "tst_usersapi.moc"
