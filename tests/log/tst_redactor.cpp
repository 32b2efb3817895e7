#include "log/redactor.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Im::Log::redactSecrets;

class TestRedactor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void masksSecrets_data();
    void masksSecrets();
    void leavesOtherMessagesAlone_data();
    void leavesOtherMessagesAlone();
    void messageWithoutTriggerIsTheSameString();
};

void TestRedactor::masksSecrets_data()
{
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("expected");

    const QString jwt = u"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJlX2hlcmU"_s;

    QTest::newRow("colon form") << u"login pwd: hunter2 ok"_s << u"login pwd: *** ok"_s;
    QTest::newRow("equals form") << u"user=bob password=hunter2"_s << u"user=bob password=***"_s;
    QTest::newRow("equals form with spaces") << u"token = abc123, next"_s << u"token = ***, next"_s;
    QTest::newRow("json form") << uR"({"name":"bob","password":"hunter2"})"_s
                               << uR"({"name":"bob","password":"***"})"_s;
    QTest::newRow("json form with spaces and escaped quote")
        << uR"({"secret" : "a\"b c", "x": 1})"_s << uR"({"secret" : "***", "x": 1})"_s;
    QTest::newRow("json number value")
        << uR"({"pwd":123456,"id":7})"_s << uR"({"pwd":***,"id":7})"_s;
    QTest::newRow("escaped json inside a string")
        << uR"(body="{\"token\":\"abc\"}")"_s << uR"(body="{\"token\":\"***\"}")"_s;
    QTest::newRow("single-quoted value") << u"password='two words'"_s << u"password='***'"_s;
    QTest::newRow("key is case-insensitive") << u"PassWord: hunter2"_s << u"PassWord: ***"_s;
    QTest::newRow("authorization header with scheme")
        << u"Authorization: Bearer abc.def.ghi"_s << u"Authorization: ***"_s;
    QTest::newRow("SECRET_KEY") << u"SECRET_KEY=s3cr3t"_s << u"SECRET_KEY=***"_s;
    QTest::newRow("DB_PASS") << u"env DB_PASS=dbpw and more"_s << u"env DB_PASS=*** and more"_s;
    QTest::newRow("REDIS_PWD") << u"REDIS_PWD: r3d1s"_s << u"REDIS_PWD: ***"_s;
    QTest::newRow("key ending in token")
        << u"GET /api?accessToken=abc&page=2"_s << u"GET /api?accessToken=***&page=2"_s;
    QTest::newRow("several secrets in one message")
        << u"pwd=a; token=b; user=c"_s << u"pwd=***; token=***; user=c"_s;
    QTest::newRow("bare jwt") << u"session "_s + jwt + u" expired"_s << u"session *** expired"_s;
    QTest::newRow("jwt in a json value of another key")
        << u"{\"data\":\""_s + jwt + u"\"}"_s << u"{\"data\":\"***\"}"_s;
    QTest::newRow("url password") << u"connecting to mysql://root:pw@db:3306/im"_s
                                  << u"connecting to mysql://root:***@db:3306/im"_s;
}

void TestRedactor::masksSecrets()
{
    QFETCH(QString, message);
    QFETCH(QString, expected);
    QCOMPARE(redactSecrets(message), expected);
}

void TestRedactor::leavesOtherMessagesAlone_data()
{
    QTest::addColumn<QString>("message");

    QTest::newRow("plain message") << u"user 42 joined room 7"_s;
    QTest::newRow("empty message") << QString();
    QTest::newRow("trigger word without a value") << u"invalid token, please log in"_s;
    QTest::newRow("key only contains a trigger word") << u"tokens=3 passes=2"_s;
    QTest::newRow("token_type is not a token") << u"token_type=Bearer"_s;
    QTest::newRow("url without password") << u"listening on http://127.0.0.1:3000/"_s;
    QTest::newRow("two base64 segments are not a jwt")
        << u"header eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ only"_s;
    QTest::newRow("non-ascii text") << u"用户 42 加入了群组"_s;
}

void TestRedactor::leavesOtherMessagesAlone()
{
    QFETCH(QString, message);
    QCOMPARE(redactSecrets(message), message);
}

// The fast path must hand back the caller's string without touching it (no copy, no detach).
void TestRedactor::messageWithoutTriggerIsTheSameString()
{
    // Built at run time: a literal has no shared header to compare.
    const QString message = QString::fromUtf8("user 42 sent a message to room 7");
    const QString redacted = redactSecrets(message);
    QCOMPARE(redacted, message);
    QVERIFY(redacted.isSharedWith(message));
}

QTEST_GUILESS_MAIN(TestRedactor)
#include "tst_redactor.moc"
