#include "apiclient.h"
#include "inprocessserver.h"
#include "scratchdatabase.h"
#include "testhttpclient.h"
#include "testservices.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;
using namespace Im;
using namespace Im::Test;

namespace {

//! A registered, logged-in user.
struct User
{
    int id = 0;
    Headers headers;
};

QList<int> memberIds(const QJsonObject &group)
{
    QList<int> ids;
    for (const QJsonValue &member : group.value(u"members"_s).toArray())
        ids.append(member.toObject().value(u"id"_s).toInt());
    std::sort(ids.begin(), ids.end());
    return ids;
}

QJsonObject memberOf(const QJsonObject &group, int userId)
{
    for (const QJsonValue &member : group.value(u"members"_s).toArray()) {
        if (member.toObject().value(u"id"_s).toInt() == userId)
            return member.toObject();
    }
    return {};
}

} // namespace

//! The API cache through the whole server (spec §7.1, D-20), on SQLite and on MariaDB: answers
//! are served from the cache (a change made behind the server's back stays unseen), and every
//! change through the API evicts what it makes stale, so nobody reads an old answer after it.
class TestApiCache : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ScratchDatabase> m_database;
    std::unique_ptr<QTemporaryDir> m_dataDir;
    std::unique_ptr<InProcessServer> m_server;
    User m_admin; // holds userGet, reads users
    User m_bob;
    User m_carol;

    TestResponse send(const QByteArray &method, const QString &path, const User &user,
                      const std::optional<QJsonObject> &body = std::nullopt)
    {
        return sendJson(*m_server, method, path, user.headers, body);
    }

    User registerUser(const QString &account)
    {
        const QJsonObject session = registerAccount(*m_server, account);
        return { session.value(u"data"_s)[u"id"_s].toInt(), sessionHeaders(session) };
    }

    //! Changes the database directly, unseen by the server and its cache.
    void behindTheServersBack(const QString &sql)
    {
        QSqlQuery query(m_database->connection());
        QVERIFY2(query.exec(sql), qPrintable(sql));
    }

    bool startServer(qint64 cacheBytes)
    {
        Config::ServerConfig config =
            InProcessServer::configFor(m_database->settings(), m_dataDir->path());
        config.apiCacheMaxBytes = cacheBytes;
        config.groupRequireFriendship = false; // groups of strangers keep these tests short
        m_server = std::make_unique<InProcessServer>(config);
        return m_server->start();
    }

    QJsonObject readUser(int id)
    {
        const TestResponse read = send("GET", u"/api/v1/users/%1"_s.arg(id), m_admin);
        if (read.status != 200)
            qWarning() << "GET user" << id << read.status << read.body;
        return read.json().value(u"data"_s).toObject();
    }

    //! Bob's group with Carol; returns its id.
    int createGroup()
    {
        const TestResponse created =
            send("POST", u"/api/v1/groups"_s, m_bob,
                 QJsonObject { { u"name"_s, u"team"_s },
                               { u"type"_s, 1 },
                               { u"members"_s, QJsonArray { m_carol.id } } });
        if (created.status != 200)
            qWarning() << "group creation failed:" << created.body;
        return created.json().value(u"data"_s)[u"id"_s].toInt();
    }

    QJsonObject readGroup(int id, const User &as)
    {
        return send("GET", u"/api/v1/groups/%1"_s.arg(id), as).json().value(u"data"_s).toObject();
    }

private Q_SLOTS:
    void initTestCase_data() { ScratchDatabase::addBackendRows(); }

    void init()
    {
        QFETCH_GLOBAL(bool, mariadb);
        if (mariadb)
            IM_REQUIRE_MARIADB();
        m_database = ScratchDatabase::create(mariadb);
        m_dataDir = std::make_unique<QTemporaryDir>();
        QVERIFY(startServer(64 * 1024 * 1024));
        registerUser(u"13700000001"_s);
        // The admin role (permission userGet) comes with the next login: it is in the JWT.
        behindTheServersBack(u"UPDATE Users SET roleId = (SELECT id FROM Roles WHERE name = "
                             "'admin') WHERE account = '13700000001'"_s);
        const QJsonObject login =
            sendJson(*m_server, "POST", u"/api/v1/users/login"_s, {},
                     QJsonObject { { u"account"_s, u"13700000001"_s }, { u"pwd"_s, testPassword } })
                .json();
        m_admin = { login.value(u"data"_s)[u"id"_s].toInt(), sessionHeaders(login) };
        m_bob = registerUser(u"13700000002"_s);
        m_carol = registerUser(u"13700000003"_s);
        QVERIFY(m_admin.id > 0 && m_bob.id > 0 && m_carol.id > 0);
    }

    void cleanup()
    {
        m_server.reset();
        m_database.reset();
        m_dataDir.reset();
    }

    void aUserIsServedFromTheCache()
    {
        QCOMPARE(readUser(m_bob.id).value(u"avatar"_s), QJsonValue(QJsonValue::Null));
        behindTheServersBack(
            u"UPDATE Users SET avatar = 'sneaky.png' WHERE id = %1"_s.arg(m_bob.id));
        QCOMPARE(readUser(m_bob.id).value(u"avatar"_s), QJsonValue(QJsonValue::Null));
        // Other users have entries of their own.
        QCOMPARE(readUser(m_carol.id).value(u"id"_s).toInt(), m_carol.id);
    }

    void updatingAUserEvictsIt()
    {
        QCOMPARE(readUser(m_bob.id).value(u"email"_s), QJsonValue(QJsonValue::Null));
        behindTheServersBack(
            u"UPDATE Users SET avatar = 'sneaky.png' WHERE id = %1"_s.arg(m_bob.id));
        const TestResponse updated =
            send("PUT", u"/api/v1/users"_s, m_bob,
                 QJsonObject { { u"userId"_s, m_bob.id }, { u"email"_s, u"bob@example.com"_s } });
        QCOMPARE(updated.status, 200);
        const QJsonObject bob = readUser(m_bob.id);
        QCOMPARE(bob.value(u"email"_s).toString(), u"bob@example.com"_s);
        // Read again from the database, not patched: the change behind the back shows too.
        QCOMPARE(bob.value(u"avatar"_s).toString(), u"sneaky.png"_s);
    }

    void deletingAUserEvictsIt()
    {
        QCOMPARE(readUser(m_bob.id).value(u"id"_s).toInt(), m_bob.id);
        QCOMPARE(send("DELETE", u"/api/v1/users"_s, m_bob).status, 200);
        QCOMPARE(send("GET", u"/api/v1/users/%1"_s.arg(m_bob.id), m_admin).status, 404);
    }

    void aRoleChangeEvictsTheUser()
    {
        const QJsonValue before = readUser(m_bob.id).value(u"roleId"_s);
        const int adminRole =
            m_database->scalar(u"SELECT id FROM Roles WHERE name = 'admin'"_s).toInt();
        QVERIFY(before.toInt() != adminRole);
        const TestResponse set =
            send("POST", u"/api/v1/permission/role/set"_s, m_admin,
                 QJsonObject { { u"userId"_s, m_bob.id }, { u"roleId"_s, adminRole } });
        QCOMPARE(set.status, 200);
        QCOMPARE(readUser(m_bob.id).value(u"roleId"_s).toInt(), adminRole);
    }

    void aGroupIsServedFromTheCacheToEveryMember()
    {
        const int id = createGroup();
        QCOMPARE(readGroup(id, m_carol).value(u"name"_s).toString(), u"team"_s);
        behindTheServersBack(u"UPDATE `Groups` SET name = 'sneaky' WHERE id = %1"_s.arg(id));
        QCOMPARE(readGroup(id, m_carol).value(u"name"_s).toString(), u"team"_s);
        QCOMPARE(readGroup(id, m_bob).value(u"name"_s).toString(), u"team"_s);
        // One entry for all, but the membership is checked on every request.
        QCOMPARE(send("GET", u"/api/v1/groups/%1"_s.arg(id), m_admin).status, 403);
    }

    void groupChangesEvictTheGroup()
    {
        const int id = createGroup();
        QCOMPARE(memberIds(readGroup(id, m_carol)), QList<int>({ m_bob.id, m_carol.id }));

        // Renamed.
        QCOMPARE(send("PUT", u"/api/v1/groups"_s, m_bob,
                      QJsonObject { { u"id"_s, id }, { u"name"_s, u"renamed"_s } })
                     .status,
                 200);
        QCOMPARE(readGroup(id, m_carol).value(u"name"_s).toString(), u"renamed"_s);

        // A member added: they can read it, and everyone sees them.
        const QJsonObject addAdmin { { u"id"_s, id }, { u"members"_s, QJsonArray { m_admin.id } } };
        QCOMPARE(send("POST", u"/api/v1/groups/members"_s, m_bob, addAdmin).status, 200);
        const QJsonObject withAdmin = readGroup(id, m_carol);
        QCOMPARE(memberIds(withAdmin), QList<int>({ m_admin.id, m_bob.id, m_carol.id }));
        QCOMPARE(withAdmin.value(u"count"_s).toInt(), 3);
        QCOMPARE(send("GET", u"/api/v1/groups/%1"_s.arg(id), m_admin).status, 200);

        // A member removed: gone from the list, and locked out at once.
        const QJsonObject removeCarol { { u"id"_s, id },
                                        { u"members"_s, QJsonArray { m_carol.id } } };
        QCOMPARE(send("DELETE", u"/api/v1/groups/members"_s, m_bob, removeCarol).status, 200);
        QCOMPARE(memberIds(readGroup(id, m_admin)), QList<int>({ m_admin.id, m_bob.id }));
        QCOMPARE(send("GET", u"/api/v1/groups/%1"_s.arg(id), m_carol).status, 403);

        // Deleted.
        QCOMPARE(send("DELETE", u"/api/v1/groups/%1"_s.arg(id), m_bob).status, 200);
        QCOMPARE(send("GET", u"/api/v1/groups/%1"_s.arg(id), m_bob).status, 404);
    }

    void aMembersProfileChangeEvictsTheirGroups()
    {
        const int id = createGroup();
        QCOMPARE(memberOf(readGroup(id, m_bob), m_carol.id).value(u"avatar"_s),
                 QJsonValue(QJsonValue::Null));
        QCOMPARE(send("PUT", u"/api/v1/users"_s, m_carol,
                      QJsonObject { { u"userId"_s, m_carol.id }, { u"avatar"_s, u"c.png"_s } })
                     .status,
                 200);
        QCOMPARE(memberOf(readGroup(id, m_bob), m_carol.id).value(u"avatar"_s).toString(),
                 u"c.png"_s);

        // A member who deletes their account leaves the list.
        QCOMPARE(send("DELETE", u"/api/v1/users"_s, m_carol).status, 200);
        QCOMPARE(memberIds(readGroup(id, m_bob)), QList<int>({ m_bob.id }));
    }

    void errorsAreNotCached()
    {
        // Ask for the next user and group before they exist: the 404s must not stick.
        const int nextUser =
            m_database->scalar(u"SELECT COALESCE(MAX(id), 0) + 1 FROM Users"_s).toInt();
        const int nextGroup =
            m_database->scalar(u"SELECT COALESCE(MAX(id), 0) + 1 FROM `Groups`"_s).toInt();
        QCOMPARE(send("GET", u"/api/v1/users/%1"_s.arg(nextUser), m_admin).status, 404);
        QCOMPARE(send("GET", u"/api/v1/groups/%1"_s.arg(nextGroup), m_bob).status, 404);
        QCOMPARE(registerUser(u"13700000004"_s).id, nextUser);
        QCOMPARE(createGroup(), nextGroup);
        QCOMPARE(readUser(nextUser).value(u"id"_s).toInt(), nextUser);
        QCOMPARE(send("GET", u"/api/v1/groups/%1"_s.arg(nextGroup), m_bob).status, 200);
    }

    void aZeroBudgetTurnsTheCacheOff()
    {
        m_server.reset();
        QVERIFY(startServer(0));
        QCOMPARE(readUser(m_bob.id).value(u"avatar"_s), QJsonValue(QJsonValue::Null));
        behindTheServersBack(
            u"UPDATE Users SET avatar = 'direct.png' WHERE id = %1"_s.arg(m_bob.id));
        QCOMPARE(readUser(m_bob.id).value(u"avatar"_s).toString(), u"direct.png"_s);
    }
};

QTEST_GUILESS_MAIN(TestApiCache)
#include "tst_apicache.moc"
