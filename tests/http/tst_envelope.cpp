#include "http/envelope.h"
#include "im/result.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Im;
namespace Envelope = Im::Http::Envelope;

namespace {

QJsonObject bodyOf(const Http::HttpResponse &response)
{
    return QJsonDocument::fromJson(response.body).object();
}

} // namespace

class TestEnvelope : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void successIsAlwaysHttp200WithANumericStatusCode()
    {
        const auto response = Envelope::success(QJsonObject { { u"token"_s, u"t"_s } }, u"Ok"_s);
        QCOMPARE(response.status, 200);
        QVERIFY(response.contentType.startsWith("application/json"));
        const QJsonObject body = bodyOf(response);
        QVERIFY(body.value(u"statusCode"_s).isDouble());
        QCOMPARE(body.value(u"statusCode"_s).toInt(), 200);
        QCOMPARE(body.value(u"message"_s).toString(), u"Ok"_s);
        QCOMPARE(body.value(u"data"_s).toObject().value(u"token"_s).toString(), u"t"_s);
    }

    void successWithoutDataOrMessageOmitsThem()
    {
        const QJsonObject body = bodyOf(Envelope::success());
        QCOMPARE(body.keys(), QStringList { u"statusCode"_s });
    }

    void failuresFollowNestsShape_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QJsonObject>("expected");
        QTest::newRow("reason phrase only")
            << 401 << QString()
            << QJsonObject { { u"statusCode"_s, 401 }, { u"message"_s, u"Unauthorized"_s } };
        QTest::newRow("message equal to the reason")
            << 401 << u"Unauthorized"_s
            << QJsonObject { { u"statusCode"_s, 401 }, { u"message"_s, u"Unauthorized"_s } };
        QTest::newRow("own message")
            << 404 << u"No user found with id 5"_s
            << QJsonObject { { u"statusCode"_s, 404 },
                             { u"message"_s, u"No user found with id 5"_s },
                             { u"error"_s, u"Not Found"_s } };
    }

    void failuresFollowNestsShape()
    {
        QFETCH(int, status);
        QFETCH(QString, message);
        QFETCH(QJsonObject, expected);
        const auto response = Envelope::failure(status, message);
        QCOMPARE(response.status, status);
        QCOMPARE(bodyOf(response), expected);
    }

    void mapsEveryErrorCode_data()
    {
        QTest::addColumn<Im::ErrorCode>("code");
        QTest::addColumn<int>("status");
        QTest::newRow("malformed") << ErrorCode::Malformed << 400;
        QTest::newRow("unauthorized") << ErrorCode::Unauthorized << 401;
        QTest::newRow("permission denied") << ErrorCode::PermissionDenied << 403;
        QTest::newRow("not found") << ErrorCode::NotFound << 404;
        QTest::newRow("duplicate") << ErrorCode::Duplicate << 409;
        QTest::newRow("conflict") << ErrorCode::Conflict << 409;
        QTest::newRow("too large") << ErrorCode::TooLarge << 413;
        QTest::newRow("too many requests") << ErrorCode::TooManyRequests << 429;
        QTest::newRow("unavailable") << ErrorCode::Unavailable << 503;
        QTest::newRow("internal") << ErrorCode::Internal << 500;
    }

    void mapsEveryErrorCode()
    {
        QFETCH(Im::ErrorCode, code);
        QFETCH(int, status);
        const auto response = Envelope::fromError(makeError(code, u"detail"_s));
        QCOMPARE(response.status, status);
        QCOMPARE(bodyOf(response).value(u"statusCode"_s).toInt(), status);
    }

    void internalErrorsHideTheirDetail()
    {
        const auto response = Envelope::fromError(
            makeError(ErrorCode::Internal, u"SELECT secret FROM table failed"_s));
        QCOMPARE(bodyOf(response).value(u"message"_s).toString(), u"Internal server error"_s);
        QVERIFY(!response.body.contains("secret"));
    }
};

QTEST_GUILESS_MAIN(TestEnvelope)
#include "tst_envelope.moc"
