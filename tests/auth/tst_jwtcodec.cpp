#include "auth/jwtcodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using Im::ErrorCode;
using Im::Auth::JwtCodec;

namespace {

const QByteArray secret = QByteArrayLiteral("test-secret-key-0123456789abcdef");
const QDateTime issuedAt = QDateTime(QDate(2024, 5, 1), QTime(8, 0), Qt::UTC);

QByteArray base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// A token put together by hand, as any other JWT library (or an attacker) could write it.
QString craft(const QJsonObject &header, const QByteArray &payload, const QByteArray &key,
              QCryptographicHash::Algorithm hmac = QCryptographicHash::Sha256)
{
    const QByteArray signingInput = base64Url(json(header)) + '.' + base64Url(payload);
    const QByteArray signature = key.isEmpty()
        ? QByteArray()
        : base64Url(QMessageAuthenticationCode::hash(signingInput, key, hmac));
    return QString::fromLatin1(signingInput + '.' + signature);
}

QJsonObject hs256Header()
{
    return QJsonObject { { u"alg"_s, u"HS256"_s }, { u"typ"_s, u"JWT"_s } };
}

QJsonObject futurePayload()
{
    return QJsonObject { { u"id"_s, 10000 },
                         { u"roleName"_s, u"admin"_s },
                         { u"exp"_s, issuedAt.toSecsSinceEpoch() + 3600 } };
}

// The original's JWT payload: the user-info snapshot (§5.3).
QJsonObject userInfo()
{
    return QJsonObject {
        { u"id"_s, 10000 },
        { u"account"_s, u"13700000001"_s },
        { u"avatar"_s, QJsonValue::Null },
        { u"email"_s, u"ü@example.com"_s },
        { u"regisTime"_s, u"2024-05-01 16:00:00"_s },
        { u"roleId"_s, 5 },
        { u"roleName"_s, u"admin"_s },
        { u"roleDesc"_s, u"管理员 😀"_s },
        { u"permissions"_s,
          QJsonArray { QJsonObject { { u"id"_s, 1 },
                                     { u"name"_s, u"userGet"_s },
                                     { u"desc"_s, u"read users"_s } },
                       QJsonObject { { u"id"_s, 2 },
                                     { u"name"_s, u"userDel"_s },
                                     { u"desc"_s, QJsonValue::Null } } } },
        { u"flags"_s, QJsonObject { { u"muted"_s, true }, { u"ratio"_s, 0.5 } } },
    };
}

} // namespace

class TestJwtCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripKeepsNestedClaimsAndTheirTypes()
    {
        const JwtCodec codec(secret);
        auto token = codec.sign(userInfo(), 12h, issuedAt);
        QVERIFY(token);
        QCOMPARE(token->count(u'.'), 2);

        auto payload = codec.verify(*token, issuedAt.addSecs(60));
        QVERIFY(payload);
        QJsonObject expected = userInfo();
        expected.insert(u"iat"_s, issuedAt.toSecsSinceEpoch());
        expected.insert(u"exp"_s, issuedAt.toSecsSinceEpoch() + 12 * 3600);
        QCOMPARE(payload.value(), expected);
    }

    void writesTheStandardHeader()
    {
        auto token = JwtCodec(secret).sign(userInfo(), 1h, issuedAt);
        QVERIFY(token);
        const QByteArray head = QByteArray::fromBase64(token->section(u'.', 0, 0).toLatin1(),
                                                       QByteArray::Base64UrlEncoding);
        const QJsonObject header = QJsonDocument::fromJson(head).object();
        QCOMPARE(header.value(u"alg"_s).toString(), u"HS256"_s);
        QCOMPARE(header.value(u"typ"_s).toString(), u"JWT"_s);
    }

    void acceptsAStandardHs256TokenFromElsewhere()
    {
        // What jsonwebtoken writes verifies here too (the original's sessions stay readable).
        const QString token = craft(hs256Header(), json(futurePayload()), secret);
        auto payload = JwtCodec(secret).verify(token, issuedAt);
        QVERIFY(payload);
        QCOMPARE(payload->value(u"roleName"_s).toString(), u"admin"_s);
    }

    void signOverwritesIatAndExp()
    {
        QJsonObject claims = userInfo();
        claims.insert(u"iat"_s, 1);
        claims.insert(u"exp"_s, 2);
        auto token = JwtCodec(secret).sign(claims, 10s, issuedAt);
        QVERIFY(token);
        auto payload = JwtCodec(secret).verify(*token, issuedAt);
        QVERIFY(payload);
        QCOMPARE(payload->value(u"iat"_s).toInteger(), issuedAt.toSecsSinceEpoch());
        QCOMPARE(payload->value(u"exp"_s).toInteger(), issuedAt.toSecsSinceEpoch() + 10);
    }

    void refusesAnotherSecret()
    {
        auto token = JwtCodec(secret).sign(userInfo(), 1h, issuedAt);
        QVERIFY(token);
        auto payload = JwtCodec(QByteArrayLiteral("another-secret")).verify(*token, issuedAt);
        QVERIFY(!payload);
        QCOMPARE(payload.error().code, ErrorCode::Unauthorized);
        QCOMPARE(payload.error().message, u"Unauthorized"_s);
    }

    void refusesATamperedPayload()
    {
        const JwtCodec codec(secret);
        auto token = codec.sign(userInfo(), 1h, issuedAt);
        QVERIFY(token);
        QStringList parts = token->split(u'.');
        auto payload = codec.verify(*token, issuedAt);
        QVERIFY(payload);
        QJsonObject promoted = payload.value();
        promoted.insert(u"id"_s, 10001);
        parts[1] = QString::fromLatin1(base64Url(json(promoted)));
        auto forged = codec.verify(parts.join(u'.'), issuedAt);
        QVERIFY(!forged);
        QCOMPARE(forged.error().code, ErrorCode::Unauthorized);
    }

    void refusesATamperedSignature()
    {
        const JwtCodec codec(secret);
        auto token = codec.sign(userInfo(), 1h, issuedAt);
        QVERIFY(token);
        QString broken = *token;
        const qsizetype last = broken.size() - 2; // not the final, partly used base64 character
        broken[last] = broken[last] == u'A' ? u'B' : u'A';
        QVERIFY(!codec.verify(broken, issuedAt));
        QVERIFY(!codec.verify(token->left(token->lastIndexOf(u'.') + 1), issuedAt));
    }

    void expiresAtExp()
    {
        const JwtCodec codec(secret);
        auto token = codec.sign(userInfo(), 60s, issuedAt);
        QVERIFY(token);
        QVERIFY(codec.verify(*token, issuedAt.addSecs(59))); // the last valid second
        auto expired = codec.verify(*token, issuedAt.addSecs(60));
        QVERIFY(!expired);
        QCOMPARE(expired.error().code, ErrorCode::Unauthorized);
        QVERIFY(!codec.verify(*token, issuedAt.addDays(1)));
    }

    void refusesATokenWithoutNumericExp()
    {
        QJsonObject payload = futurePayload();
        payload.remove(u"exp"_s);
        QVERIFY(!JwtCodec(secret).verify(craft(hs256Header(), json(payload), secret), issuedAt));
        payload.insert(u"exp"_s, u"99999999999"_s);
        QVERIFY(!JwtCodec(secret).verify(craft(hs256Header(), json(payload), secret), issuedAt));
    }

    void refusesAlgNone()
    {
        const QJsonObject none { { u"alg"_s, u"none"_s }, { u"typ"_s, u"JWT"_s } };
        const QString unsigned_ = craft(none, json(futurePayload()), QByteArray());
        QVERIFY(unsigned_.endsWith(u'.'));
        auto payload = JwtCodec(secret).verify(unsigned_, issuedAt);
        QVERIFY(!payload);
        QCOMPARE(payload.error().code, ErrorCode::Unauthorized);
        // Nor with a signature that would be valid for HS256.
        QVERIFY(!JwtCodec(secret).verify(craft(none, json(futurePayload()), secret), issuedAt));
        const QJsonObject noneUpper { { u"alg"_s, u"None"_s } };
        QVERIFY(!JwtCodec(secret).verify(craft(noneUpper, json(futurePayload()), QByteArray()),
                                         issuedAt));
    }

    void refusesOtherAlgorithms()
    {
        // Correctly signed with the same secret, but not the one algorithm the server uses.
        const QJsonObject hs512 { { u"alg"_s, u"HS512"_s }, { u"typ"_s, u"JWT"_s } };
        QVERIFY(!JwtCodec(secret).verify(
            craft(hs512, json(futurePayload()), secret, QCryptographicHash::Sha512), issuedAt));
        const QJsonObject rs256 { { u"alg"_s, u"RS256"_s }, { u"typ"_s, u"JWT"_s } };
        QVERIFY(!JwtCodec(secret).verify(craft(rs256, json(futurePayload()), secret), issuedAt));
    }

    void refusesGarbage_data()
    {
        QTest::addColumn<QString>("token");
        const QString valid = craft(hs256Header(), json(futurePayload()), secret);
        QTest::newRow("empty") << QString();
        QTest::newRow("one word") << u"garbage"_s;
        QTest::newRow("dots only") << u".."_s;
        QTest::newRow("two parts") << valid.section(u'.', 0, 1);
        QTest::newRow("four parts") << valid + u".x"_s;
        QTest::newRow("not base64") << u"a b.c d.e f"_s;
        QTest::newRow("non-ASCII") << u"€€€.€€€.€€€"_s;
        QTest::newRow("NUL inside") << valid.left(10) + QChar(0) + valid.mid(10);
        QTest::newRow("bearer prefix") << u"Bearer "_s + valid;
        QTest::newRow("huge") << QString(200000, u'a') + u".b.c"_s;
        QTest::newRow("payload not JSON") << craft(hs256Header(), "not json", secret);
        QTest::newRow("payload an array") << craft(hs256Header(), "[1,2,3]", secret);
        QTest::newRow("header not JSON")
            << QString::fromLatin1("bm9wZQ." + base64Url(json(futurePayload())) + ".c2ln");
    }

    void refusesGarbage()
    {
        QFETCH(QString, token);
        auto payload = JwtCodec(secret).verify(token, issuedAt);
        QVERIFY(!payload);
        QCOMPARE(payload.error().code, ErrorCode::Unauthorized);
    }

    void emptySecretSignsAndVerifiesNothing()
    {
        const JwtCodec codec { QByteArray() };
        auto token = codec.sign(userInfo(), 1h, issuedAt);
        QVERIFY(!token);
        QCOMPARE(token.error().code, ErrorCode::Internal);
        QVERIFY(!codec.verify(craft(hs256Header(), json(futurePayload()), "x"), issuedAt));
    }

    void refusesANonPositiveLifetime()
    {
        auto token = JwtCodec(secret).sign(userInfo(), 0s, issuedAt);
        QVERIFY(!token);
        QCOMPARE(token.error().code, ErrorCode::Malformed);
    }
};

QTEST_GUILESS_MAIN(TestJwtCodec)
#include "tst_jwtcodec.moc"
