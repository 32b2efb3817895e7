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

} // namespace

//! `/api/v1/friends` through the whole server over HTTP, on SQLite and on MariaDB.
class TestFriendsApi : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ScratchDatabase> m_database;
    std::unique_ptr<QTemporaryDir> m_dataDir;
    std::unique_ptr<InProcessServer> m_server;
    User m_alice;
    User m_bob;
    User m_carol;

    TestResponse send(const QByteArray &method, const QString &path, const User &user,
                      const QJsonObject &body = {})
    {
        const bool hasBody = method != "GET" && method != "DELETE";
        return sendJson(*m_server, method, path, user.headers,
                        hasBody ? std::optional(body) : std::nullopt);
    }

    User registerUser(const QString &account)
    {
        const QJsonObject session = registerAccount(*m_server, account);
        return { session.value(u"data"_s)[u"id"_s].toInt(), sessionHeaders(session) };
    }

    int count(const QString &sql) { return m_database->scalar(sql).toInt(); }

    void exec(const QString &sql)
    {
        QSqlQuery query(m_database->connection());
        if (!query.exec(sql))
            qWarning() << "statement failed:" << sql.left(60);
    }

    TestResponse requestFriend(const User &from, const User &to, const QJsonObject &extra = {})
    {
        QJsonObject body = extra;
        body.insert(u"userId"_s, to.id);
        return send("POST", u"/api/v1/friends"_s, from, body);
    }

    //! The newest AddFriend notify from \a from to \a to.
    QString requestId(const User &from, const User &to)
    {
        return m_database
            ->scalar(u"SELECT id FROM Notifies WHERE type = 1 AND sender = %1 AND receiver = %2 "
                     "ORDER BY timer DESC"_s.arg(from.id)
                         .arg(to.id))
            .toString();
    }

    TestResponse answer(const User &user, const QString &notifyId, bool agree)
    {
        return send("POST", agree ? u"/api/v1/friends/agree"_s : u"/api/v1/friends/reject"_s, user,
                    { { u"notifyId"_s, notifyId } });
    }

    void befriend(const User &from, const User &to)
    {
        QCOMPARE(requestFriend(from, to).status, 200);
        QCOMPARE(answer(to, requestId(from, to), true).status, 200);
    }

    QString friendPath(const User &other) { return u"/api/v1/friends/%1"_s.arg(other.id); }

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
        m_alice = registerUser(u"13800000001"_s);
        m_bob = registerUser(u"13800000002"_s);
        m_carol = registerUser(u"13800000003"_s);
        QVERIFY(m_alice.id > 0 && m_bob.id > 0 && m_carol.id > 0);
    }

    void cleanup()
    {
        m_server.reset();
        m_database.reset();
        m_dataDir.reset();
    }

    void requestAgreeListSettingsDelete()
    {
        const TestResponse requested = requestFriend(
            m_alice, m_bob, { { u"remark"_s, u"hi, it's Alice"_s }, { u"ext"_s, u"{\"a\":1}"_s } });
        QCOMPARE(requested.status, 200);
        QCOMPARE(
            requested.json(),
            QJsonObject({ { u"statusCode"_s, 200 },
                          { u"message"_s, u"Seccessed, wait for the other party to agree."_s } }));
        const QString id = requestId(m_alice, m_bob);
        QCOMPARE(id.size(), 36);
        QCOMPARE(
            m_database->scalar(u"SELECT ext FROM Notifies WHERE id = '%1'"_s.arg(id)).toString(),
            u"{\"a\":1}"_s);
        QCOMPARE(count(u"SELECT status FROM Notifies WHERE id = '%1'"_s.arg(id)), 1);

        const TestResponse agreed = answer(m_bob, id, true);
        QCOMPARE(agreed.status, 200);
        QCOMPARE(message(agreed), u"Successfully."_s);
        QCOMPARE(count(u"SELECT status FROM Notifies WHERE id = '%1'"_s.arg(id)), 4);
        QCOMPARE(count(u"SELECT COUNT(*) FROM Notifies"_s), 1); // the answer reuses the row
        QCOMPARE(count(u"SELECT COUNT(*) FROM Friends"_s), 1);
        QCOMPARE(count(u"SELECT COUNT(*) FROM FriendSettings WHERE (userId = %1 AND friendId = %2) "
                       "OR (userId = %2 AND friendId = %1)"_s.arg(m_alice.id)
                           .arg(m_bob.id)),
                 2);

        // The list in exactly the shape the desktop client binds.
        const TestResponse listed = send("GET", u"/api/v1/friends"_s, m_alice);
        QCOMPARE(listed.status, 200);
        QCOMPARE(listed.json().value(u"statusCode"_s).toInt(), 200);
        const QJsonObject data = listed.json().value(u"data"_s).toObject();
        QCOMPARE(sortedKeys(data), QStringList({ u"count"_s, u"friends"_s }));
        QCOMPARE(data.value(u"count"_s).toInt(), 1);
        const QJsonArray friends = data.value(u"friends"_s).toArray();
        QCOMPARE(friends.size(), 1);
        const QJsonObject bob = friends.at(0).toObject();
        QCOMPARE(sortedKeys(bob),
                 QStringList({ u"account"_s, u"astrolabe"_s, u"avatar"_s, u"block"_s,
                               u"createdAt"_s, u"email"_s, u"id"_s, u"regisTime"_s, u"remark"_s,
                               u"roleId"_s, u"updateTime"_s, u"updatedAt"_s }));
        QCOMPARE(bob.value(u"id"_s).toInt(), m_bob.id);
        QCOMPARE(bob.value(u"account"_s).toString(), u"13800000002"_s);
        QVERIFY(bob.value(u"avatar"_s).isNull());
        QVERIFY(bob.value(u"email"_s).isNull());
        QVERIFY(bob.value(u"remark"_s).isNull());
        QVERIFY(bob.value(u"roleId"_s).isDouble());
        QCOMPARE(bob.value(u"astrolabe"_s), QJsonValue(false));
        QCOMPARE(bob.value(u"block"_s), QJsonValue(false));
        for (const auto &key :
             { u"regisTime"_s, u"updateTime"_s, u"createdAt"_s, u"updatedAt"_s }) {
            const QString date = bob.value(key).toString();
            QCOMPARE(date.size(), 19);
            QCOMPARE(date.at(10), u' ');
        }
        QCOMPARE(send("GET", u"/api/v1/friends"_s, m_bob)
                     .json()
                     .value(u"data"_s)[u"friends"_s][0][u"id"_s]
                     .toInt(),
                 m_alice.id);

        // My settings; false values stick (D-18); the other side's row is untouched.
        QCOMPARE(
            send("PUT", friendPath(m_bob), m_alice,
                 { { u"remark"_s, u"Bobby"_s }, { u"astrolabe"_s, true }, { u"block"_s, true } })
                .status,
            200);
        const TestResponse cleared =
            send("PUT", friendPath(m_bob), m_alice, { { u"astrolabe"_s, false } });
        QCOMPARE(cleared.status, 200);
        QCOMPARE(message(cleared), u"Successfully updated."_s);
        const TestResponse mine = send("GET", friendPath(m_bob), m_alice);
        QCOMPARE(mine.status, 200);
        const QJsonObject settings = mine.json().value(u"data"_s).toObject();
        QCOMPARE(sortedKeys(settings),
                 QStringList({ u"astrolabe"_s, u"block"_s, u"createdAt"_s, u"friendId"_s, u"id"_s,
                               u"remark"_s, u"updatedAt"_s, u"userId"_s }));
        QCOMPARE(settings.value(u"userId"_s).toInt(), m_alice.id);
        QCOMPARE(settings.value(u"friendId"_s).toInt(), m_bob.id);
        QCOMPARE(settings.value(u"remark"_s).toString(), u"Bobby"_s);
        QCOMPARE(settings.value(u"astrolabe"_s), QJsonValue(false));
        QCOMPARE(settings.value(u"block"_s), QJsonValue(true));
        const QJsonObject theirs =
            send("GET", friendPath(m_alice), m_bob).json()[u"data"_s].toObject();
        QVERIFY(theirs.value(u"remark"_s).isNull());
        QCOMPARE(theirs.value(u"block"_s), QJsonValue(false));
        QCOMPARE(
            send("PUT", friendPath(m_bob), m_alice, { { u"remark"_s, QJsonValue::Null } }).status,
            200);
        QVERIFY(send("GET", friendPath(m_bob), m_alice).json()[u"data"_s][u"remark"_s].isNull());

        // The requester sees the answer it may have missed (D-44).
        const TestResponse sent = send("GET", u"/api/v1/friends/requests/sent"_s, m_alice);
        QCOMPARE(sent.status, 200);
        const QJsonArray requests = sent.json().value(u"data"_s).toArray();
        QCOMPARE(requests.size(), 1);
        QCOMPARE(sortedKeys(requests.at(0).toObject()),
                 QStringList({ u"createdAt"_s, u"ext"_s, u"id"_s, u"receiver"_s, u"remark"_s,
                               u"status"_s, u"timer"_s, u"type"_s, u"updatedAt"_s }));
        QCOMPARE(requests.at(0)[u"id"_s].toString(), id);
        QCOMPARE(requests.at(0)[u"status"_s].toInt(), 4);
        QCOMPARE(requests.at(0)[u"receiver"_s].toInt(), m_bob.id);
        QCOMPARE(requests.at(0)[u"remark"_s].toString(), u"hi, it's Alice"_s);
        QVERIFY(send("GET", u"/api/v1/friends/requests/sent"_s, m_bob)
                    .json()[u"data"_s]
                    .toArray()
                    .isEmpty());

        // Repeating the request between friends is refused.
        const TestResponse again = requestFriend(m_bob, m_alice);
        QCOMPARE(again.status, 403);
        QCOMPARE(message(again), u"It's already a friend relationship, don't repeat submit."_s);

        const TestResponse removed = send("DELETE", friendPath(m_alice), m_bob);
        QCOMPARE(removed.status, 200);
        QCOMPARE(message(removed), u"Successfully deleted."_s);
        QCOMPARE(count(u"SELECT COUNT(*) FROM Friends"_s), 0);
        QCOMPARE(count(u"SELECT COUNT(*) FROM FriendSettings"_s), 0);
        QCOMPARE(
            count(u"SELECT COUNT(*) FROM Notifies WHERE type = 2 AND status = 1 AND sender = %1 "
                  "AND receiver = %2"_s.arg(m_bob.id)
                      .arg(m_alice.id)),
            1);
        const TestResponse twice = send("DELETE", friendPath(m_alice), m_bob);
        QCOMPARE(twice.status, 403);
        QCOMPARE(message(twice), u"Not yet a friendship."_s);
        QCOMPARE(send("GET", friendPath(m_bob), m_alice).status, 404);
        const TestResponse noRow =
            send("PUT", friendPath(m_bob), m_alice, { { u"block"_s, false } });
        QCOMPARE(noRow.status, 404);
        QCOMPARE(message(noRow), u"No resources are updated."_s);
        QCOMPARE(send("GET", u"/api/v1/friends"_s, m_alice).json()[u"data"_s][u"count"_s].toInt(),
                 0);
    }

    void rejectFlow()
    {
        QCOMPARE(requestFriend(m_alice, m_bob).status, 200);
        const QString id = requestId(m_alice, m_bob);
        const TestResponse pending = requestFriend(m_alice, m_bob);
        QCOMPARE(pending.status, 409);
        QCOMPARE(message(pending), u"A friend request is already pending."_s);
        // Read by the client (status 3) is still pending.
        exec(u"UPDATE Notifies SET status = 3 WHERE id = '%1'"_s.arg(id));
        QCOMPARE(requestFriend(m_alice, m_bob).status, 409);

        const TestResponse rejected = answer(m_bob, id, false);
        QCOMPARE(rejected.status, 200);
        QCOMPARE(message(rejected), u"Successfully."_s);
        QCOMPARE(count(u"SELECT status FROM Notifies WHERE id = '%1'"_s.arg(id)), 5);
        QCOMPARE(count(u"SELECT COUNT(*) FROM Friends"_s), 0);
        for (bool agree : { true, false }) {
            const TestResponse late = answer(m_bob, id, agree);
            QCOMPARE(late.status, 404);
            QCOMPARE(message(late), u"Request has expired."_s);
        }
        QCOMPARE(send("GET", u"/api/v1/friends/requests/sent"_s, m_alice)
                     .json()[u"data"_s][0][u"status"_s]
                     .toInt(),
                 5);
        // Answered, so a new request may go out.
        QCOMPARE(requestFriend(m_alice, m_bob).status, 200);
        QCOMPARE(count(u"SELECT COUNT(*) FROM Notifies WHERE sender = %1"_s.arg(m_alice.id)), 2);
    }

    void requestErrors_data()
    {
        QTest::addColumn<QByteArray>("body"); // %1 = Alice, %2 = Bob
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        const QString bad = u"Incorrect request parameter."_s;
        QTest::newRow("self") << QByteArray(R"({"userId":%1})") << 400 << bad;
        QTest::newRow("missing") << QByteArray(R"({})") << 400 << bad;
        QTest::newRow("string id") << QByteArray(R"({"userId":"%2"})") << 400 << bad;
        QTest::newRow("zero") << QByteArray(R"({"userId":0})") << 400 << bad;
        QTest::newRow("fraction") << QByteArray(R"({"userId":1.5})") << 400 << bad;
        QTest::newRow("not json") << QByteArray(R"({"userId":)") << 400 << bad;
        QTest::newRow("numeric ext") << QByteArray(R"({"userId":%2,"ext":5})") << 400 << bad;
        QTest::newRow("long remark")
            << QByteArray(R"({"userId":%2,"remark":")" + QByteArray(256, 'x') + R"("})") << 400
            << bad;
        QTest::newRow("unknown user")
            << QByteArray(R"({"userId":99999})") << 404 << u"No user found with id 99999"_s;
    }

    void requestErrors()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, message);
        Headers headers = m_alice.headers;
        headers.append(std::pair<QByteArray, QByteArray>("Content-Type", "application/json"));
        body.replace("%1", QByteArray::number(m_alice.id))
            .replace("%2", QByteArray::number(m_bob.id));
        const TestResponse response =
            httpRequest("POST", m_server->url(u"/api/v1/friends"_s), headers, body);
        QCOMPARE(response.status, status);
        QCOMPARE(::message(response), message);
        QCOMPARE(count(u"SELECT COUNT(*) FROM Notifies"_s), 0);
    }

    void answerErrors()
    {
        QCOMPARE(requestFriend(m_alice, m_bob).status, 200);
        const QString id = requestId(m_alice, m_bob);
        for (bool agree : { true, false }) {
            for (const QJsonObject &body :
                 { QJsonObject {}, QJsonObject { { u"notifyId"_s, 5 } },
                   QJsonObject { { u"notifyId"_s, u""_s } },
                   QJsonObject { { u"notifyId"_s, QString(65, u'a') } } }) {
                QCOMPARE(send("POST",
                              agree ? u"/api/v1/friends/agree"_s : u"/api/v1/friends/reject"_s,
                              m_bob, body)
                             .status,
                         400);
            }
            const TestResponse unknown = answer(m_bob, u"no-such-request"_s, agree);
            QCOMPARE(unknown.status, 404);
            QCOMPARE(message(unknown), u"Request has expired."_s);
            // Neither a third user nor the requester may answer (D-23).
            for (const User *other : { &m_carol, &m_alice }) {
                const TestResponse forbidden = answer(*other, id, agree);
                QCOMPARE(forbidden.status, 403);
                QCOMPARE(message(forbidden), u"Forbidden resource"_s);
            }
        }
        QCOMPARE(count(u"SELECT status FROM Notifies WHERE id = '%1'"_s.arg(id)), 1);
        QCOMPARE(count(u"SELECT COUNT(*) FROM Friends"_s), 0);

        // Already friends (made behind the API's back): agreeing is refused as in the original.
        exec(u"INSERT INTO Friends (userId, friendId) VALUES (%1, %2)"_s.arg(m_bob.id).arg(
            m_alice.id));
        const TestResponse already = answer(m_bob, id, true);
        QCOMPARE(already.status, 403);
        QCOMPARE(message(already), u"It's already a friend relationship, don't repeat submit."_s);
        exec(u"DELETE FROM Friends"_s);

        // Still pending, so Bob can agree; the DelFriend notify that follows is not a request.
        QCOMPARE(answer(m_bob, id, true).status, 200);
        QCOMPARE(send("DELETE", friendPath(m_bob), m_alice).status, 200);
        const QString deletion =
            m_database->scalar(u"SELECT id FROM Notifies WHERE type = 2"_s).toString();
        QCOMPARE(answer(m_bob, deletion, true).status, 403);
        QCOMPARE(count(u"SELECT status FROM Notifies WHERE type = 2"_s), 1);
    }

    void settingsErrorsAndOwnership()
    {
        befriend(m_alice, m_bob);
        for (const QJsonObject &body :
             { QJsonObject {}, QJsonObject { { u"unknown"_s, true } },
               QJsonObject { { u"astrolabe"_s, u"yes"_s } }, QJsonObject { { u"block"_s, 1 } },
               QJsonObject { { u"remark"_s, 5 } },
               QJsonObject { { u"remark"_s, QString(256, u'x') } } }) {
            const TestResponse response = send("PUT", friendPath(m_bob), m_alice, body);
            QCOMPARE(response.status, 400);
            QCOMPARE(message(response), u"Incorrect request parameter."_s);
        }
        QCOMPARE(send("GET", u"/api/v1/friends/abc"_s, m_alice).status, 400);
        QCOMPARE(send("DELETE", u"/api/v1/friends/0"_s, m_alice).status, 400);
        QCOMPARE(httpRequest("GET", m_server->url(u"/api/v1/friends"_s)).status, 401);
        QCOMPARE(httpRequest("GET", m_server->url(friendPath(m_bob))).status, 401);

        // Carol, a stranger to both, sees and changes nothing of theirs.
        QCOMPARE(send("GET", friendPath(m_bob), m_carol).status, 404);
        QCOMPARE(send("GET", friendPath(m_alice), m_carol).status, 404);
        QCOMPARE(send("PUT", friendPath(m_bob), m_carol, { { u"block"_s, true } }).status, 404);
        QCOMPARE(send("DELETE", friendPath(m_bob), m_carol).status, 403);
        QCOMPARE(send("GET", u"/api/v1/friends"_s, m_carol).json()[u"data"_s][u"count"_s].toInt(),
                 0);
        QCOMPARE(count(u"SELECT COUNT(*) FROM FriendSettings WHERE block = 1"_s), 0);
        QCOMPARE(count(u"SELECT COUNT(*) FROM Friends"_s), 1);

        // Alice's list shows her settings, never Bob's for the same pair (D-22).
        QCOMPARE(
            send("PUT", friendPath(m_alice), m_bob, { { u"remark"_s, u"Bob's name"_s } }).status,
            200);
        QVERIFY(send("GET", u"/api/v1/friends"_s, m_alice)
                    .json()[u"data"_s][u"friends"_s][0][u"remark"_s]
                    .isNull());
    }

    // The list is kept in memory per user (issue #12): every change shows in the very next read.
    void theListFollowsEveryChange()
    {
        const auto list = [this](const User &user) {
            return send("GET", u"/api/v1/friends"_s, user).json().value(u"data"_s).toObject();
        };
        const auto firstFriend = [&](const User &user) {
            return list(user).value(u"friends"_s).toArray().at(0).toObject();
        };
        QCOMPARE(list(m_alice).value(u"count"_s).toInt(), 0);
        befriend(m_alice, m_bob);
        QCOMPARE(list(m_alice).value(u"count"_s).toInt(), 1);
        QCOMPARE(list(m_bob).value(u"count"_s).toInt(), 1);

        // My settings for the friend.
        QCOMPARE(send("PUT", friendPath(m_bob), m_alice, { { u"remark"_s, u"Bobby"_s } }).status,
                 200);
        QCOMPARE(firstFriend(m_alice).value(u"remark"_s).toString(), u"Bobby"_s);
        // The friend's public fields.
        QCOMPARE(send("PUT", u"/api/v1/users"_s, m_bob,
                      { { u"userId"_s, m_bob.id }, { u"avatar"_s, u"/uploads/bob.png"_s } })
                     .status,
                 200);
        QCOMPARE(firstFriend(m_alice).value(u"avatar"_s).toString(), u"/uploads/bob.png"_s);
        // The friendship ending, from either side.
        QCOMPARE(send("DELETE", friendPath(m_alice), m_bob).status, 200);
        QCOMPARE(list(m_alice).value(u"count"_s).toInt(), 0);
        QCOMPARE(list(m_bob).value(u"count"_s).toInt(), 0);
        // The friend's account going.
        befriend(m_carol, m_alice);
        QCOMPARE(list(m_alice).value(u"count"_s).toInt(), 1);
        QCOMPARE(httpRequest("DELETE", m_server->url(u"/api/v1/users"_s), m_carol.headers).status,
                 200);
        QCOMPARE(list(m_alice).value(u"count"_s).toInt(), 0);
    }

    void listOfManyFriends()
    {
        // 200 friends in both directions, with each side's own settings rows.
        QStringList users;
        for (int i = 0; i < 200; ++i) {
            users.append(u"('139%1', 'x', '2024-01-01 00:00:00', '2024-01-01 00:00:00')"_s.arg(
                i, 8, 10, QChar(u'0')));
        }
        exec(u"INSERT INTO Users (account, pwd, regisTime, updateTime) VALUES "_s
             + users.join(u','));
        exec(u"INSERT INTO Friends (userId, friendId) SELECT id, %1 FROM Users WHERE account LIKE "
             "'139%' AND id % 2 = 0"_s.arg(m_alice.id));
        exec(u"INSERT INTO Friends (userId, friendId) SELECT %1, id FROM Users WHERE account LIKE "
             "'139%' AND id % 2 = 1"_s.arg(m_alice.id));
        exec(u"INSERT INTO FriendSettings (userId, friendId, remark, astrolabe, block) SELECT %1, "
             "id, 'mine', 1, 0 FROM Users WHERE account LIKE '139%'"_s.arg(m_alice.id));
        exec(u"INSERT INTO FriendSettings (userId, friendId, remark, astrolabe, block) SELECT id, "
             "%1, 'theirs', 0, 1 FROM Users WHERE account LIKE '139%'"_s.arg(m_alice.id));
        QCOMPARE(count(u"SELECT COUNT(*) FROM Users WHERE account LIKE '139%'"_s), 200);
        QCOMPARE(count(u"SELECT COUNT(*) FROM Friends"_s), 200);

        const TestResponse listed = send("GET", u"/api/v1/friends"_s, m_alice);
        QCOMPARE(listed.status, 200);
        const QJsonObject data = listed.json().value(u"data"_s).toObject();
        QCOMPARE(data.value(u"count"_s).toInt(), 200);
        const QJsonArray friends = data.value(u"friends"_s).toArray();
        QCOMPARE(friends.size(), 200);
        QSet<int> ids;
        for (const QJsonValue &entry : friends) {
            ids.insert(entry[u"id"_s].toInt());
            QCOMPARE(entry[u"remark"_s].toString(), u"mine"_s);
            QCOMPARE(entry[u"astrolabe"_s], QJsonValue(true));
            QCOMPARE(entry[u"block"_s], QJsonValue(false));
            QVERIFY(entry[u"createdAt"_s].isNull() || entry[u"createdAt"_s].isString());
        }
        QCOMPARE(ids.size(), 200);
    }
};

QTEST_GUILESS_MAIN(TestFriendsApi)
#include "tst_friendsapi.moc"
