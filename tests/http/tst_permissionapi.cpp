#include "apiclient.h"
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

int userIdOf(const QJsonObject &session)
{
    return session.value(u"data"_s)[u"id"_s].toInt();
}

} // namespace

//! `/api/v1/permission` through the whole server over HTTP, on SQLite and on MariaDB.
class TestPermissionApi : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ScratchDatabase> m_database;
    std::unique_ptr<QTemporaryDir> m_dataDir;
    std::unique_ptr<InProcessServer> m_server;
    QJsonObject m_admin; //!< a logged-in session of an admin

    TestResponse post(const QString &path, const QJsonObject &body, const Headers &headers = {})
    {
        return sendJson(*m_server, "POST", path, headers, body);
    }

    TestResponse asAdmin(const QString &path, const QJsonObject &body)
    {
        return post(path, body, sessionHeaders(m_admin));
    }

    QJsonObject login(const QString &account)
    {
        return post(u"/api/v1/users/login"_s,
                    { { u"account"_s, account }, { u"pwd"_s, testPassword } })
            .json();
    }

    QJsonObject registerUser(const QString &account) { return registerAccount(*m_server, account); }

    // Registers \a account, makes it admin in the database and logs in again (the login answer
    // carries the role).
    QJsonObject registerAdmin(const QString &account)
    {
        registerUser(account);
        QSqlQuery query(m_database->connection());
        if (!query.exec(u"UPDATE Users SET roleId = (SELECT id FROM Roles WHERE name = 'admin') "
                        "WHERE account = '%1'"_s.arg(account))) {
            qWarning() << "cannot make" << account << "admin";
        }
        return login(account);
    }

    int count(const QString &sql) { return m_database->scalar(sql).toInt(); }

    int permissionId(const QString &name)
    {
        return count(u"SELECT id FROM Permissions WHERE name = '%1'"_s.arg(name));
    }

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
        m_admin = registerAdmin(u"13800000001"_s);
        QCOMPARE(m_admin.value(u"data"_s)[u"roleName"_s].toString(), u"admin"_s);
    }

    void cleanup()
    {
        m_server.reset();
        m_database.reset();
        m_dataDir.reset();
    }

    void createPermission()
    {
        const TestResponse created = asAdmin(u"/api/v1/permission/create"_s,
                                             { { u"name"_s, u"msgSend"_s },
                                               { u"desc"_s, u"Send messages"_s },
                                               { u"unknown"_s, true } });
        QCOMPARE(created.status, 200);
        const QJsonObject body = created.json();
        QCOMPARE(body.value(u"statusCode"_s).toInt(), 200);
        QCOMPARE(body.value(u"message"_s).toString(), u"Successfully."_s);
        const QJsonObject data = body.value(u"data"_s).toObject();
        QCOMPARE(data.keys(),
                 QStringList({ u"createdAt"_s, u"desc"_s, u"id"_s, u"name"_s, u"updatedAt"_s }));
        QCOMPARE(data.value(u"name"_s).toString(), u"msgSend"_s);
        QCOMPARE(data.value(u"desc"_s).toString(), u"Send messages"_s);
        QCOMPARE(data.value(u"createdAt"_s).toString().size(), 19);
        QCOMPARE(data.value(u"createdAt"_s).toString().at(10), u' ');
        QCOMPARE(data.value(u"updatedAt"_s).toString(), data.value(u"createdAt"_s).toString());
        QCOMPARE(data.value(u"id"_s).toInt(), permissionId(u"msgSend"_s));
        QCOMPARE(m_database->scalar(u"SELECT `desc` FROM Permissions WHERE name = 'msgSend'"_s)
                     .toString(),
                 u"Send messages"_s);

        const TestResponse again = asAdmin(u"/api/v1/permission/create"_s,
                                           { { u"name"_s, u"msgSend"_s }, { u"desc"_s, u"x"_s } });
        QCOMPARE(again.status, 409);
        QCOMPARE(again.json().value(u"message"_s).toString(), u"The permission already exists."_s);
        QCOMPARE(count(u"SELECT COUNT(*) FROM Permissions WHERE name = 'msgSend'"_s), 1);
    }

    void createRole()
    {
        const int userGet = permissionId(u"userGet"_s);
        const int userDel = permissionId(u"userDel"_s);
        const TestResponse created =
            asAdmin(u"/api/v1/permission/role/create"_s,
                    { { u"name"_s, u"moderator"_s },
                      { u"desc"_s, u"Moderates"_s },
                      { u"permissions"_s, QJsonArray { userGet, userDel, userGet } } });
        QCOMPARE(created.status, 200);
        QCOMPARE(created.json().value(u"message"_s).toString(), u"Successfully."_s);
        const QJsonObject role = created.json().value(u"data"_s).toObject();
        QCOMPARE(role.keys(),
                 QStringList({ u"createdAt"_s, u"desc"_s, u"id"_s, u"name"_s, u"updatedAt"_s }));
        QCOMPARE(role.value(u"name"_s).toString(), u"moderator"_s);
        QCOMPARE(role.value(u"desc"_s).toString(), u"Moderates"_s);
        QCOMPARE(role.value(u"createdAt"_s).toString().size(), 19);
        QCOMPARE(role.value(u"updatedAt"_s).toString().size(), 19);
        const int roleId = role.value(u"id"_s).toInt();
        QCOMPARE(count(u"SELECT id FROM Roles WHERE name = 'moderator'"_s), roleId);
        QCOMPARE(count(u"SELECT COUNT(*) FROM RolePermissions WHERE roleId = %1"_s.arg(roleId)), 2);
        QCOMPARE(count(u"SELECT COUNT(*) FROM RolePermissions WHERE roleId = %1 AND permId IN "
                       "(%2, %3)"_s.arg(roleId)
                           .arg(userGet)
                           .arg(userDel)),
                 2);

        // `permissions` defaults to none.
        const TestResponse bare = asAdmin(u"/api/v1/permission/role/create"_s,
                                          { { u"name"_s, u"guest"_s }, { u"desc"_s, u"Guest"_s } });
        QCOMPARE(bare.status, 200);
        const int guestId = bare.json().value(u"data"_s)[u"id"_s].toInt();
        QCOMPARE(count(u"SELECT COUNT(*) FROM RolePermissions WHERE roleId = %1"_s.arg(guestId)),
                 0);

        const TestResponse again = asAdmin(u"/api/v1/permission/role/create"_s,
                                           { { u"name"_s, u"moderator"_s },
                                             { u"desc"_s, u"Other"_s },
                                             { u"permissions"_s, QJsonArray { userGet } } });
        QCOMPARE(again.status, 409);
        QCOMPARE(again.json().value(u"message"_s).toString(), u"The role already exists."_s);
        QCOMPARE(count(u"SELECT COUNT(*) FROM RolePermissions WHERE roleId = %1"_s.arg(roleId)), 2);
    }

    void unknownPermissionCreatesNoRole()
    {
        const int links = count(u"SELECT COUNT(*) FROM RolePermissions"_s);
        const TestResponse response =
            asAdmin(u"/api/v1/permission/role/create"_s,
                    { { u"name"_s, u"ghost"_s },
                      { u"desc"_s, u"Ghost"_s },
                      { u"permissions"_s, QJsonArray { permissionId(u"userGet"_s), 999999 } } });
        QCOMPARE(response.status, 400);
        QCOMPARE(response.json().value(u"message"_s).toString(), u"Incorrect request parameter."_s);
        QCOMPARE(count(u"SELECT COUNT(*) FROM Roles WHERE name = 'ghost'"_s), 0);
        QCOMPARE(count(u"SELECT COUNT(*) FROM RolePermissions"_s), links);

        // Nothing half-made blocks the name afterwards.
        QCOMPARE(asAdmin(u"/api/v1/permission/role/create"_s,
                         { { u"name"_s, u"ghost"_s }, { u"desc"_s, u"Ghost"_s } })
                     .status,
                 200);
    }

    void badBodiesAre400_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QJsonObject>("body");
        const QString permission = u"/api/v1/permission/create"_s;
        const QString role = u"/api/v1/permission/role/create"_s;
        const QString set = u"/api/v1/permission/role/set"_s;
        const QString n = u"name"_s;
        const QString d = u"desc"_s;
        const QString p = u"permissions"_s;
        const QString ok = u"ok"_s;

        QTest::newRow("permission: empty body") << permission << QJsonObject {};
        QTest::newRow("permission: no desc") << permission << QJsonObject { { n, ok } };
        QTest::newRow("permission: no name") << permission << QJsonObject { { d, ok } };
        QTest::newRow("permission: empty name")
            << permission << QJsonObject { { n, u""_s }, { d, ok } };
        QTest::newRow("permission: name a number")
            << permission << QJsonObject { { n, 5 }, { d, ok } };
        QTest::newRow("permission: desc a number")
            << permission << QJsonObject { { n, ok }, { d, 5 } };
        QTest::newRow("permission: name null")
            << permission << QJsonObject { { n, QJsonValue::Null }, { d, ok } };
        QTest::newRow("permission: name too long")
            << permission << QJsonObject { { n, QString(256, u'a') }, { d, ok } };
        QTest::newRow("permission: desc too long")
            << permission << QJsonObject { { n, ok }, { d, QString(256, u'a') } };

        QTest::newRow("role: no name") << role << QJsonObject { { d, ok } };
        QTest::newRow("role: empty desc") << role << QJsonObject { { n, ok }, { d, u""_s } };
        QTest::newRow("role: name an array")
            << role << QJsonObject { { n, QJsonArray { ok } }, { d, ok } };
        QTest::newRow("role: permissions a number")
            << role << QJsonObject { { n, ok }, { d, ok }, { p, 1 } };
        QTest::newRow("role: permissions a string")
            << role << QJsonObject { { n, ok }, { d, ok }, { p, u"1"_s } };
        QTest::newRow("role: permission id a string")
            << role << QJsonObject { { n, ok }, { d, ok }, { p, QJsonArray { u"1"_s } } };
        QTest::newRow("role: permission id zero")
            << role << QJsonObject { { n, ok }, { d, ok }, { p, QJsonArray { 1, 0 } } };
        QTest::newRow("role: permission id negative")
            << role << QJsonObject { { n, ok }, { d, ok }, { p, QJsonArray { -1 } } };
        QTest::newRow("role: permission id fractional")
            << role << QJsonObject { { n, ok }, { d, ok }, { p, QJsonArray { 1.5 } } };
        QTest::newRow("role: permission id null")
            << role << QJsonObject { { n, ok }, { d, ok }, { p, QJsonArray { QJsonValue::Null } } };

        QTest::newRow("set: empty body") << set << QJsonObject {};
        QTest::newRow("set: no roleId") << set << QJsonObject { { u"userId"_s, 10000 } };
        QTest::newRow("set: no userId") << set << QJsonObject { { u"roleId"_s, 1 } };
        QTest::newRow("set: userId a string")
            << set << QJsonObject { { u"userId"_s, u"10000"_s }, { u"roleId"_s, 1 } };
        QTest::newRow("set: roleId zero")
            << set << QJsonObject { { u"userId"_s, 10000 }, { u"roleId"_s, 0 } };
        QTest::newRow("set: roleId fractional")
            << set << QJsonObject { { u"userId"_s, 10000 }, { u"roleId"_s, 1.5 } };
        QTest::newRow("set: userId too big")
            << set << QJsonObject { { u"userId"_s, 4294967296.0 }, { u"roleId"_s, 1 } };
        QTest::newRow("set: roleId a boolean")
            << set << QJsonObject { { u"userId"_s, 10000 }, { u"roleId"_s, true } };
    }

    void badBodiesAre400()
    {
        QFETCH(QString, path);
        QFETCH(QJsonObject, body);
        const int roles = count(u"SELECT COUNT(*) FROM Roles"_s);
        const int permissions = count(u"SELECT COUNT(*) FROM Permissions"_s);
        const TestResponse response = asAdmin(path, body);
        QCOMPARE(response.status, 400);
        QCOMPARE(response.json().value(u"statusCode"_s).toInt(), 400);
        QCOMPARE(response.json().value(u"message"_s).toString(), u"Incorrect request parameter."_s);
        QCOMPARE(count(u"SELECT COUNT(*) FROM Roles"_s), roles);
        QCOMPARE(count(u"SELECT COUNT(*) FROM Permissions"_s), permissions);
    }

    void malformedJsonIs400()
    {
        Headers headers = sessionHeaders(m_admin);
        headers.append(jsonType);
        const TestResponse response = httpRequest(
            "POST", m_server->url(u"/api/v1/permission/create"_s), headers, "{not json");
        QCOMPARE(response.status, 400);
    }

    void setRoleTakesEffectAtOnce()
    {
        const QJsonObject plain = registerUser(u"13800000002"_s);
        const int plainId = userIdOf(plain);
        const QUrl byId = m_server->url(u"/api/v1/users/%1"_s.arg(plainId));
        QCOMPARE(httpRequest("GET", byId, sessionHeaders(plain)).status, 403);

        const TestResponse role =
            asAdmin(u"/api/v1/permission/role/create"_s,
                    { { u"name"_s, u"reader"_s },
                      { u"desc"_s, u"Reads users"_s },
                      { u"permissions"_s, QJsonArray { permissionId(u"userGet"_s) } } });
        QCOMPARE(role.status, 200);
        const int roleId = role.json().value(u"data"_s)[u"id"_s].toInt();

        const TestResponse set = asAdmin(u"/api/v1/permission/role/set"_s,
                                         { { u"userId"_s, plainId }, { u"roleId"_s, roleId } });
        QCOMPARE(set.status, 200);
        QCOMPARE(set.body, QByteArray(R"({"message":"Successfully.","statusCode":200})"));
        QCOMPARE(count(u"SELECT roleId FROM Users WHERE id = %1"_s.arg(plainId)), roleId);

        // The open session gets the new role with its next request (the JWT's snapshot taken at
        // login is not what permissions are checked against).
        QCOMPARE(httpRequest("GET", byId, sessionHeaders(plain)).status, 200);

        const QJsonObject again = login(u"13800000002"_s);
        const QJsonObject user = again.value(u"data"_s).toObject();
        QCOMPARE(user.value(u"roleId"_s).toInt(), roleId);
        QCOMPARE(user.value(u"roleName"_s).toString(), u"reader"_s);
        QCOMPARE(user.value(u"roleDesc"_s).toString(), u"Reads users"_s);
        QCOMPARE(user.value(u"permissions"_s).toArray().size(), 1);
        QCOMPARE(httpRequest("GET", byId, sessionHeaders(again)).status, 200);
    }

    void setRoleNotFound()
    {
        const int plainId = userIdOf(registerUser(u"13800000003"_s));
        const int userRole = count(u"SELECT id FROM Roles WHERE name = 'user'"_s);

        const TestResponse noUser = asAdmin(u"/api/v1/permission/role/set"_s,
                                            { { u"userId"_s, 99999 }, { u"roleId"_s, userRole } });
        QCOMPARE(noUser.status, 404);
        QCOMPARE(noUser.json().value(u"message"_s).toString(), u"No user found with id 99999"_s);

        const TestResponse noRole = asAdmin(u"/api/v1/permission/role/set"_s,
                                            { { u"userId"_s, plainId }, { u"roleId"_s, 99999 } });
        QCOMPARE(noRole.status, 404);
        QCOMPARE(noRole.json().value(u"message"_s).toString(), u"No role found with id 99999"_s);
        QCOMPARE(count(u"SELECT roleId FROM Users WHERE id = %1"_s.arg(plainId)), userRole);
    }

    void everyRouteNeedsPermissionManage_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("permission/create") << u"/api/v1/permission/create"_s;
        QTest::newRow("role/create") << u"/api/v1/permission/role/create"_s;
        QTest::newRow("role/set") << u"/api/v1/permission/role/set"_s;
    }

    void everyRouteNeedsPermissionManage()
    {
        QFETCH(QString, path);
        const QJsonObject plain = registerUser(u"13800000004"_s);
        const int userRole = count(u"SELECT id FROM Roles WHERE name = 'user'"_s);
        // A valid body for each route, so only the caller decides the answer.
        const QJsonObject body { { u"name"_s, u"matrix"_s },
                                 { u"desc"_s, u"Matrix"_s },
                                 { u"userId"_s, userIdOf(plain) },
                                 { u"roleId"_s, userRole } };

        const TestResponse anonymous = post(path, body);
        QCOMPARE(anonymous.status, 401);
        QCOMPARE(anonymous.body, QByteArray(R"({"message":"Unauthorized","statusCode":401})"));

        const TestResponse denied = post(path, body, sessionHeaders(plain));
        QCOMPARE(denied.status, 403);
        QCOMPARE(denied.json().value(u"message"_s).toString(), u"Forbidden resource"_s);
        // Asked twice: the second answer comes from the cached permission id.
        QCOMPARE(post(path, body, sessionHeaders(plain)).status, 403);
        QCOMPARE(count(u"SELECT COUNT(*) FROM Permissions WHERE name = 'matrix'"_s), 0);
        QCOMPARE(count(u"SELECT COUNT(*) FROM Roles WHERE name = 'matrix'"_s), 0);

        const TestResponse allowed = asAdmin(path, body);
        QCOMPARE(allowed.status, 200);
        QCOMPARE(allowed.json().value(u"statusCode"_s).toInt(), 200);
    }
};

QTEST_GUILESS_MAIN(TestPermissionApi)
#include "tst_permissionapi.moc"
