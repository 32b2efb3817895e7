#include "apiclient.h"
#include "inprocessserver.h"
#include "scratchdatabase.h"
#include "testhttpclient.h"
#include "testservices.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;
using namespace Im;
using namespace Im::Test;

namespace {

const QString bad = u"Incorrect request parameter."_s;
const QString forbidden = u"Forbidden resource"_s;
const QString updated = u"Update successed."_s;
const QString invalidMember = u"The params members contains an invalid user id."_s;

//! A registered, logged-in user.
struct User
{
    int id = 0;
    Headers headers;
};

QString message(const TestResponse &response)
{
    return response.json().value(u"message"_s).toString();
}

QStringList sortedKeys(const QJsonObject &object)
{
    QStringList keys = object.keys();
    keys.sort();
    return keys;
}

QJsonArray ids(std::initializer_list<int> values)
{
    QJsonArray array;
    for (int value : values)
        array.append(value);
    return array;
}

QList<int> memberIds(const QJsonObject &group)
{
    QList<int> result;
    for (const QJsonValue &member : group.value(u"members"_s).toArray())
        result.append(member.toObject().value(u"id"_s).toInt());
    std::sort(result.begin(), result.end());
    return result;
}

bool isWireDate(const QJsonValue &value)
{
    static const QRegularExpression pattern(u"^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$"_s);
    return pattern.match(value.toString()).hasMatch();
}

const QStringList groupKeys { u"avatar"_s, u"count"_s, u"createdAt"_s, u"creator"_s,
                              u"id"_s,     u"name"_s,  u"type"_s,      u"updatedAt"_s };
const QStringList groupWithMembersKeys { u"avatar"_s,  u"count"_s, u"createdAt"_s,
                                         u"creator"_s, u"id"_s,    u"members"_s,
                                         u"name"_s,    u"type"_s,  u"updatedAt"_s };
const QStringList userPublicKeys { u"account"_s,   u"avatar"_s, u"email"_s,     u"id"_s,
                                   u"regisTime"_s, u"roleId"_s, u"updateTime"_s };

} // namespace

//! `/api/v1/groups` through the whole server over HTTP, on SQLite and on MariaDB.
class TestGroupsApi : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ScratchDatabase> m_database;
    std::unique_ptr<QTemporaryDir> m_dataDir;
    std::unique_ptr<InProcessServer> m_server;
    User m_alice; // creates the groups
    User m_bob; // a member
    User m_carol; // a member in some tests
    User m_dave; // never a member

    TestResponse send(const QByteArray &method, const QString &path, const User &user,
                      const QJsonObject &body = {})
    {
        // DELETE /groups/members carries a body; the other DELETEs and GETs do not.
        const bool hasBody = method != "GET" && !(method == "DELETE" && body.isEmpty());
        return sendJson(*m_server, method, path, user.headers,
                        hasBody ? std::optional(body) : std::nullopt);
    }

    User registerUser(const QString &account)
    {
        const QJsonObject session = registerAccount(*m_server, account);
        return { session.value(u"data"_s)[u"id"_s].toInt(), sessionHeaders(session) };
    }

    int count(const QString &sql) { return m_database->scalar(sql).toInt(); }

    bool startServer(bool groupRequireFriendship)
    {
        Config::ServerConfig config =
            InProcessServer::configFor(m_database->settings(), m_dataDir->path());
        config.groupRequireFriendship = groupRequireFriendship;
        m_server = std::make_unique<InProcessServer>(config);
        return m_server->start();
    }

    //! A friend request from \a from, agreed by \a to.
    bool befriend(const User &from, const User &to)
    {
        if (send("POST", u"/api/v1/friends"_s, from, { { u"userId"_s, to.id } }).status != 200)
            return false;
        const QJsonArray sent =
            send("GET", u"/api/v1/friends/requests/sent"_s, from).json()[u"data"_s].toArray();
        for (const QJsonValue &notify : sent) {
            if (notify[u"receiver"_s].toInt() == to.id) {
                return send("POST", u"/api/v1/friends/agree"_s, to,
                            { { u"notifyId"_s, notify[u"id"_s] } })
                           .status
                    == 200;
            }
        }
        return false;
    }

    //! A group of Alice's with Bob as the other member; returns its id.
    int createGroup(const QString &name = u"team"_s, int type = 1)
    {
        const TestResponse response =
            send("POST", u"/api/v1/groups"_s, m_alice,
                 { { u"name"_s, name }, { u"type"_s, type }, { u"members"_s, ids({ m_bob.id }) } });
        if (response.status != 200)
            qWarning() << "group creation failed:" << response.body;
        return response.json().value(u"data"_s).toObject().value(u"id"_s).toInt();
    }

    QString groupPath(int id) { return u"/api/v1/groups/%1"_s.arg(id); }

    int members(int groupId)
    {
        return count(u"SELECT COUNT(*) FROM Members WHERE groupId = %1"_s.arg(groupId));
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
        // Groups of strangers keep most tests short; onlyFriendsJoinAndMembersLeave() checks the
        // default.
        QVERIFY(startServer(false));
        m_alice = registerUser(u"13800000001"_s);
        m_bob = registerUser(u"13800000002"_s);
        m_carol = registerUser(u"13800000003"_s);
        m_dave = registerUser(u"13800000004"_s);
        QVERIFY(m_alice.id > 0 && m_bob.id > 0 && m_carol.id > 0 && m_dave.id > 0);
    }

    void cleanup()
    {
        m_server.reset();
        m_database.reset();
        m_dataDir.reset();
    }

    void createReadAndDelete()
    {
        // Bob twice: the duplicates and the creator are merged into one link each.
        const TestResponse created =
            send("POST", u"/api/v1/groups"_s, m_alice,
                 { { u"name"_s, u"team"_s },
                   { u"avatar"_s, u"a.png"_s },
                   { u"type"_s, 2 },
                   { u"members"_s, ids({ m_bob.id, m_carol.id, m_bob.id }) } });
        QCOMPARE(created.status, 200);
        QCOMPARE(created.json().value(u"statusCode"_s).toInt(), 200);
        QCOMPARE(message(created), u"Create a group successed."_s);
        const QJsonObject group = created.json().value(u"data"_s).toObject();
        QCOMPARE(sortedKeys(group), groupWithMembersKeys);
        const int id = group.value(u"id"_s).toInt();
        QVERIFY(id > 0);
        QCOMPARE(group.value(u"name"_s).toString(), u"team"_s);
        QCOMPARE(group.value(u"avatar"_s).toString(), u"a.png"_s);
        QCOMPARE(group.value(u"type"_s).toInt(), 2);
        QCOMPARE(group.value(u"creator"_s).toInt(), m_alice.id);
        QCOMPARE(group.value(u"count"_s).toInt(), 3);
        QVERIFY(isWireDate(group.value(u"createdAt"_s)));
        QVERIFY(isWireDate(group.value(u"updatedAt"_s)));
        QCOMPARE(memberIds(group), QList<int>({ m_alice.id, m_bob.id, m_carol.id }));
        const QJsonObject alice = group.value(u"members"_s).toArray().at(0).toObject();
        QCOMPARE(sortedKeys(alice), userPublicKeys);
        QCOMPARE(alice.value(u"account"_s).toString(), u"13800000001"_s);
        QVERIFY(isWireDate(alice.value(u"regisTime"_s)));
        QVERIFY(isWireDate(alice.value(u"updateTime"_s)));
        QCOMPARE(members(id), 3);

        // A member reads the same shape.
        const TestResponse read = send("GET", groupPath(id), m_bob);
        QCOMPARE(read.status, 200);
        const QJsonObject readGroup = read.json().value(u"data"_s).toObject();
        QCOMPARE(readGroup, group);

        const TestResponse deleted = send("DELETE", groupPath(id), m_alice);
        QCOMPARE(deleted.status, 200);
        QCOMPARE(deleted.json(),
                 QJsonObject({ { u"statusCode"_s, 200 },
                               { u"message"_s, u"Successed to delete group."_s } }));
        QCOMPARE(count(u"SELECT COUNT(*) FROM `Groups`"_s), 0);
        QCOMPARE(count(u"SELECT COUNT(*) FROM Members"_s), 0);
        QCOMPARE(send("GET", groupPath(id), m_alice).status, 404);
    }

    void lists()
    {
        const int beta = createGroup(u"beta"_s);
        const int alpha = createGroup(u"alpha"_s, 2);
        // Carol's own group, which Alice is not in.
        QCOMPARE(send("POST", u"/api/v1/groups"_s, m_carol,
                      { { u"name"_s, u"gamma"_s },
                        { u"type"_s, 1 },
                        { u"members"_s, ids({ m_dave.id }) } })
                     .status,
                 200);

        const TestResponse plain = send("GET", u"/api/v1/groups"_s, m_alice);
        QCOMPARE(plain.status, 200);
        const QJsonArray descending = plain.json().value(u"data"_s).toArray();
        QCOMPARE(descending.size(), 2);
        QCOMPARE(descending.at(0).toObject().value(u"id"_s).toInt(), beta);
        QCOMPARE(descending.at(1).toObject().value(u"id"_s).toInt(), alpha);
        for (const QJsonValue &group : descending) {
            QCOMPARE(sortedKeys(group.toObject()), groupKeys);
            QCOMPARE(group.toObject().value(u"count"_s).toInt(), 2);
            QVERIFY(isWireDate(group.toObject().value(u"createdAt"_s)));
        }

        const TestResponse full = send("GET", u"/api/v1/groups/withMembers"_s, m_bob);
        QCOMPARE(full.status, 200);
        const QJsonArray ascending = full.json().value(u"data"_s).toArray();
        QCOMPARE(ascending.size(), 2);
        QCOMPARE(ascending.at(0).toObject().value(u"id"_s).toInt(), alpha);
        QCOMPARE(ascending.at(1).toObject().value(u"id"_s).toInt(), beta);
        for (const QJsonValue &value : ascending) {
            const QJsonObject group = value.toObject();
            QCOMPARE(sortedKeys(group), groupWithMembersKeys);
            QCOMPARE(group.value(u"count"_s).toInt(), 2);
            QCOMPARE(memberIds(group), QList<int>({ m_alice.id, m_bob.id }));
            QCOMPARE(sortedKeys(group.value(u"members"_s).toArray().at(0).toObject()),
                     userPublicKeys);
        }

        const TestResponse none = send("GET", u"/api/v1/groups/withMembers"_s, m_dave);
        QCOMPARE(none.status, 200);
        QCOMPARE(none.json().value(u"data"_s).toArray().size(), 1);
        QCOMPARE(send("GET", u"/api/v1/groups"_s, m_dave).json().value(u"data"_s).toArray().size(),
                 1);
    }

    void updateAddRemove()
    {
        const int id = createGroup();
        const QString before =
            m_database->scalar(u"SELECT type FROM `Groups` WHERE id = %1"_s.arg(id)).toString();

        // type and creator are not writable (D-11): ignored.
        const TestResponse renamed = send("PUT", u"/api/v1/groups"_s, m_alice,
                                          { { u"id"_s, id },
                                            { u"name"_s, u"renamed"_s },
                                            { u"avatar"_s, u"b.png"_s },
                                            { u"type"_s, 2 },
                                            { u"creator"_s, m_bob.id } });
        QCOMPARE(renamed.status, 200);
        QCOMPARE(renamed.json(),
                 QJsonObject({ { u"statusCode"_s, 200 }, { u"message"_s, updated } }));
        QCOMPARE(
            m_database->scalar(u"SELECT name FROM `Groups` WHERE id = %1"_s.arg(id)).toString(),
            u"renamed"_s);
        QCOMPARE(
            m_database->scalar(u"SELECT avatar FROM `Groups` WHERE id = %1"_s.arg(id)).toString(),
            u"b.png"_s);
        QCOMPARE(
            m_database->scalar(u"SELECT type FROM `Groups` WHERE id = %1"_s.arg(id)).toString(),
            before);
        QCOMPARE(count(u"SELECT creator FROM `Groups` WHERE id = %1"_s.arg(id)), m_alice.id);

        // null clears the avatar; the name stays.
        QCOMPARE(send("PUT", u"/api/v1/groups"_s, m_alice,
                      { { u"id"_s, id }, { u"avatar"_s, QJsonValue::Null } })
                     .status,
                 200);
        QVERIFY(
            m_database->scalar(u"SELECT avatar FROM `Groups` WHERE id = %1"_s.arg(id)).isNull());

        // Bob is in already: only Carol is added.
        const TestResponse added =
            send("POST", u"/api/v1/groups/members"_s, m_alice,
                 { { u"id"_s, id }, { u"members"_s, ids({ m_bob.id, m_carol.id }) } });
        QCOMPARE(added.status, 200);
        QCOMPARE(added.json(),
                 QJsonObject({ { u"statusCode"_s, 200 }, { u"message"_s, updated } }));
        QCOMPARE(members(id), 3);
        QCOMPARE(send("GET", groupPath(id), m_carol).status, 200);

        // Dave is not in: ignored.
        const TestResponse removed =
            send("DELETE", u"/api/v1/groups/members"_s, m_alice,
                 { { u"id"_s, id }, { u"members"_s, ids({ m_bob.id, m_dave.id }) } });
        QCOMPARE(removed.status, 200);
        QCOMPARE(removed.json(),
                 QJsonObject({ { u"statusCode"_s, 200 }, { u"message"_s, updated } }));
        QCOMPARE(members(id), 2);
        QCOMPARE(send("GET", groupPath(id), m_bob).status, 403);
        const QJsonObject group =
            send("GET", groupPath(id), m_alice).json().value(u"data"_s).toObject();
        QCOMPARE(group.value(u"count"_s).toInt(), 2);
        QCOMPARE(memberIds(group), QList<int>({ m_alice.id, m_carol.id }));
    }

    void createErrors_data()
    {
        QTest::addColumn<QJsonObject>("body"); // members -1 = Bob, -2 = an unknown user
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        const QJsonArray bob { -1 };
        QTest::newRow("no name") << QJsonObject { { u"type"_s, 1 }, { u"members"_s, bob } } << 400
                                 << bad;
        QTest::newRow("empty name")
            << QJsonObject { { u"name"_s, u""_s }, { u"type"_s, 1 }, { u"members"_s, bob } } << 400
            << bad;
        QTest::newRow("long name") << QJsonObject {
            { u"name"_s, QString(256, u'x') }, { u"type"_s, 1 }, { u"members"_s, bob }
        } << 400 << bad;
        QTest::newRow("numeric avatar") << QJsonObject {
            { u"name"_s, u"n"_s }, { u"avatar"_s, 5 }, { u"type"_s, 1 }, { u"members"_s, bob }
        } << 400 << bad;
        QTest::newRow("long avatar") << QJsonObject { { u"name"_s, u"n"_s },
                                                      { u"avatar"_s, QString(256, u'x') },
                                                      { u"type"_s, 1 },
                                                      { u"members"_s, bob } }
                                     << 400 << bad;
        QTest::newRow("type 3") << QJsonObject {
            { u"name"_s, u"n"_s }, { u"type"_s, 3 }, { u"members"_s, bob }
        } << 400 << bad;
        QTest::newRow("type string")
            << QJsonObject { { u"name"_s, u"n"_s }, { u"type"_s, u"1"_s }, { u"members"_s, bob } }
            << 400 << bad;
        QTest::newRow("no members")
            << QJsonObject { { u"name"_s, u"n"_s }, { u"type"_s, 1 } } << 400 << bad;
        QTest::newRow("empty members") << QJsonObject {
            { u"name"_s, u"n"_s }, { u"type"_s, 1 }, { u"members"_s, QJsonArray() }
        } << 400 << bad;
        QTest::newRow("string member") << QJsonObject {
            { u"name"_s, u"n"_s }, { u"type"_s, 1 }, { u"members"_s, QJsonArray { u"2"_s } }
        } << 400 << bad;
        QTest::newRow("zero member") << QJsonObject {
            { u"name"_s, u"n"_s }, { u"type"_s, 1 }, { u"members"_s, QJsonArray { 0 } }
        } << 400 << bad;
        QJsonArray basicTooMany;
        for (int i = 0; i < 200; ++i)
            basicTooMany.append(100000 + i); // 201 with the creator
        QTest::newRow("basic over 200") << QJsonObject {
            { u"name"_s, u"n"_s }, { u"type"_s, 1 }, { u"members"_s, basicTooMany }
        } << 400 << u"A group of type 1 holds at most 200 members."_s;
        QJsonArray bigTooMany;
        for (int i = 0; i < 2001; ++i)
            bigTooMany.append(100000 + i);
        QTest::newRow("big over 2000")
            << QJsonObject { { u"name"_s, u"n"_s }, { u"type"_s, 2 }, { u"members"_s, bigTooMany } }
            << 400 << bad;
        QTest::newRow("unknown user") << QJsonObject {
            { u"name"_s, u"n"_s }, { u"type"_s, 1 }, { u"members"_s, QJsonArray { -1, -2 } }
        } << 403 << invalidMember;
    }

    void createErrors()
    {
        QFETCH(QJsonObject, body);
        QFETCH(int, status);
        QFETCH(QString, message);
        QJsonArray members = body.value(u"members"_s).toArray();
        for (auto item = members.begin(); item != members.end(); ++item) {
            if (item->toInt() == -1)
                *item = m_bob.id;
            else if (item->toInt() == -2)
                *item = 99999;
        }
        if (body.contains(u"members"_s))
            body.insert(u"members"_s, members);
        const TestResponse response = send("POST", u"/api/v1/groups"_s, m_alice, body);
        QCOMPARE(response.status, status);
        QCOMPARE(::message(response), message);
        QCOMPARE(count(u"SELECT COUNT(*) FROM `Groups`"_s), 0);
        QCOMPARE(count(u"SELECT COUNT(*) FROM Members"_s), 0);
    }

    void changeErrors()
    {
        const int id = createGroup();
        const QJsonArray carol = ids({ m_carol.id });
        // Missing or wrong groups.
        QCOMPARE(send("DELETE", groupPath(99999), m_alice).status, 404);
        QCOMPARE(message(send("DELETE", groupPath(99999), m_alice)),
                 u"No group found with id 99999"_s);
        QCOMPARE(send("GET", groupPath(99999), m_alice).status, 404);
        QCOMPARE(
            send("PUT", u"/api/v1/groups"_s, m_alice, { { u"id"_s, 99999 }, { u"name"_s, u"x"_s } })
                .status,
            404);
        QCOMPARE(send("POST", u"/api/v1/groups/members"_s, m_alice,
                      { { u"id"_s, 99999 }, { u"members"_s, carol } })
                     .status,
                 404);
        QCOMPARE(send("DELETE", u"/api/v1/groups/members"_s, m_alice,
                      { { u"id"_s, 99999 }, { u"members"_s, carol } })
                     .status,
                 404);
        QCOMPARE(send("GET", u"/api/v1/groups/abc"_s, m_alice).status, 400);
        QCOMPARE(send("DELETE", u"/api/v1/groups/0"_s, m_alice).status, 400);

        // Invalid update and member bodies.
        for (const QJsonObject &body :
             { QJsonObject { { u"id"_s, id } }, QJsonObject { { u"name"_s, u"x"_s } },
               QJsonObject { { u"id"_s, u"1"_s }, { u"name"_s, u"x"_s } },
               QJsonObject { { u"id"_s, id }, { u"name"_s, u""_s } },
               QJsonObject { { u"id"_s, id }, { u"name"_s, QJsonValue::Null } },
               QJsonObject { { u"id"_s, id }, { u"avatar"_s, 5 } },
               QJsonObject { { u"id"_s, id }, { u"type"_s, 2 } } }) {
            const TestResponse response = send("PUT", u"/api/v1/groups"_s, m_alice, body);
            QCOMPARE(response.status, 400);
            QCOMPARE(message(response), bad);
        }
        for (const QByteArray &method : { QByteArray("POST"), QByteArray("DELETE") }) {
            for (const QJsonObject &body :
                 { QJsonObject { { u"id"_s, id } }, QJsonObject { { u"members"_s, carol } },
                   QJsonObject { { u"id"_s, id }, { u"members"_s, QJsonArray() } },
                   QJsonObject { { u"id"_s, id }, { u"members"_s, QJsonArray { 1.5 } } } }) {
                const TestResponse response =
                    send(method, u"/api/v1/groups/members"_s, m_alice, body);
                QCOMPARE(response.status, 400);
                QCOMPARE(message(response), bad);
            }
        }

        // An unknown user is refused and nothing is added.
        const TestResponse unknown =
            send("POST", u"/api/v1/groups/members"_s, m_alice,
                 { { u"id"_s, id }, { u"members"_s, ids({ m_carol.id, 99999 }) } });
        QCOMPARE(unknown.status, 403);
        QCOMPARE(message(unknown), invalidMember);
        QCOMPARE(members(id), 2);

        // The type's limit counts the members already in: 2 + 199 > 200.
        QJsonArray many;
        for (int i = 0; i < 199; ++i)
            many.append(100000 + i);
        const TestResponse full = send("POST", u"/api/v1/groups/members"_s, m_alice,
                                       { { u"id"_s, id }, { u"members"_s, many } });
        QCOMPARE(full.status, 400);
        QCOMPARE(message(full), u"A group of type 1 holds at most 200 members."_s);
        QCOMPARE(members(id), 2);

        // The creator cannot leave their own group.
        const TestResponse self = send("DELETE", u"/api/v1/groups/members"_s, m_alice,
                                       { { u"id"_s, id }, { u"members"_s, ids({ m_alice.id }) } });
        QCOMPARE(self.status, 400);
        QCOMPARE(members(id), 2);
    }

    void authorization()
    {
        const int id = createGroup();
        const QJsonArray carol = ids({ m_carol.id });
        // Bob is a member but not the creator; Dave is neither.
        for (const User &user : { m_bob, m_dave }) {
            const TestResponse deleted = send("DELETE", groupPath(id), user);
            QCOMPARE(deleted.status, 403);
            QCOMPARE(message(deleted), forbidden);
            const TestResponse renamed = send("PUT", u"/api/v1/groups"_s, user,
                                              { { u"id"_s, id }, { u"name"_s, u"mine"_s } });
            QCOMPARE(renamed.status, 403);
            QCOMPARE(message(renamed), forbidden);
            const TestResponse added = send("POST", u"/api/v1/groups/members"_s, user,
                                            { { u"id"_s, id }, { u"members"_s, carol } });
            QCOMPARE(added.status, 403);
            QCOMPARE(message(added), forbidden);
            const TestResponse removed =
                send("DELETE", u"/api/v1/groups/members"_s, user,
                     { { u"id"_s, id }, { u"members"_s, ids({ m_alice.id }) } });
            QCOMPARE(removed.status, 403);
            QCOMPARE(message(removed), forbidden);
        }
        QCOMPARE(send("GET", groupPath(id), m_bob).status, 200);
        const TestResponse stranger = send("GET", groupPath(id), m_dave);
        QCOMPARE(stranger.status, 403);
        QCOMPARE(message(stranger), forbidden);
        QCOMPARE(
            m_database->scalar(u"SELECT name FROM `Groups` WHERE id = %1"_s.arg(id)).toString(),
            u"team"_s);
        QCOMPARE(members(id), 2);

        // No session at all.
        for (const auto &[method, path] :
             { std::pair { QByteArray("GET"), u"/api/v1/groups"_s },
               std::pair { QByteArray("GET"), u"/api/v1/groups/withMembers"_s },
               std::pair { QByteArray("GET"), groupPath(id) },
               std::pair { QByteArray("DELETE"), groupPath(id) },
               std::pair { QByteArray("POST"), u"/api/v1/groups"_s },
               std::pair { QByteArray("PUT"), u"/api/v1/groups"_s },
               std::pair { QByteArray("POST"), u"/api/v1/groups/members"_s },
               std::pair { QByteArray("DELETE"), u"/api/v1/groups/members"_s } }) {
            QCOMPARE(httpRequest(method, m_server->url(path)).status, 401);
        }
        QCOMPARE(count(u"SELECT COUNT(*) FROM `Groups`"_s), 1);
    }

    void onlyFriendsJoinAndMembersLeave()
    {
        // GIVEN the default rules, and Alice a friend of Bob only
        m_server.reset();
        QVERIFY(startServer(true));
        QVERIFY(befriend(m_alice, m_bob));

        // WHEN she creates a group with a stranger THEN nothing is created
        const TestResponse withStranger = send("POST", u"/api/v1/groups"_s, m_alice,
                                               { { u"name"_s, u"team"_s },
                                                 { u"type"_s, 1 },
                                                 { u"members"_s, ids({ m_bob.id, m_dave.id }) } });
        QCOMPARE(withStranger.status, 403);
        QCOMPARE(message(withStranger), u"Only your friends can be added to a group."_s);
        QCOMPARE(count(u"SELECT COUNT(*) FROM `Groups`"_s), 0);

        // With her friend only it works, and adding a stranger later is refused as well
        const int id = createGroup();
        QVERIFY(id > 0);
        const TestResponse addStranger =
            send("POST", u"/api/v1/groups/members"_s, m_alice,
                 { { u"id"_s, id }, { u"members"_s, ids({ m_carol.id }) } });
        QCOMPARE(addStranger.status, 403);
        QCOMPARE(members(id), 2);

        // WHEN Bob leaves THEN he is no member any more
        const QString leavePath = groupPath(id) + u"/members/me"_s;
        const TestResponse left = send("DELETE", leavePath, m_bob);
        QCOMPARE(left.status, 200);
        QCOMPARE(message(left), u"Left the group."_s);
        QCOMPARE(members(id), 1);
        QCOMPARE(send("GET", groupPath(id), m_bob).status, 403);
        // Leaving twice, a group one is not in, or a missing group: 404; the creator deletes.
        QCOMPARE(send("DELETE", leavePath, m_bob).status, 404);
        QCOMPARE(send("DELETE", leavePath, m_dave).status, 404);
        QCOMPARE(send("DELETE", groupPath(id + 1000) + u"/members/me"_s, m_bob).status, 404);
        QCOMPARE(send("DELETE", leavePath, m_alice).status, 400);
        QCOMPARE(httpRequest("DELETE", m_server->url(leavePath)).status, 401);
        QCOMPARE(members(id), 1);
    }
};

QTEST_GUILESS_MAIN(TestGroupsApi)
#include "tst_groupsapi.moc"
