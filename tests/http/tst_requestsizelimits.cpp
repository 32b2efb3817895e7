#include "http/requestsizelimits.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Im::Http::RequestSizeLimits;

class TestRequestSizeLimits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pathsGetTheirOwnLimit()
    {
        const RequestSizeLimits limits(
            1000, { { u"/api/v1/events/image"_s, 5000 }, { u"/api/v1/electron/"_s, 9000 } });
        QCOMPARE(limits.defaultMaxBytes(), 1000);
        QCOMPARE(limits.limitForPath(u"/api/v1/events/image"), 5000);
        QCOMPARE(limits.limitForPath(u"/api/v1/events/image/"), 5000);
        QCOMPARE(limits.limitForPath(u"/api/v1/electron/full"), 9000);
        QCOMPARE(limits.limitForPath(u"/api/v1/electron"), 9000);
        // Whole segments only.
        QCOMPARE(limits.limitForPath(u"/api/v1/events/images"), 1000);
        QCOMPARE(limits.limitForPath(u"/api/v1/events"), 1000);
        QCOMPARE(limits.limitForPath(u"/"), 1000);
    }

    void readsThePathFromTheRequestLine()
    {
        const RequestSizeLimits limits(1000, { { u"/api/v1/events/video"_s, 5000 } });
        QCOMPARE(limits.limitForRequestLine("POST /api/v1/events/video HTTP/1.1"), 5000);
        QCOMPARE(limits.limitForRequestLine("POST /api/v1/events/video?x=1 HTTP/1.1\r"), 5000);
        QCOMPARE(limits.limitForRequestLine("POST /api/v1/events/%76ideo HTTP/1.1"), 5000);
        QCOMPARE(limits.limitForRequestLine("POST http://host:3000/api/v1/events/video HTTP/1.1"),
                 5000);
        QCOMPARE(limits.limitForRequestLine("POST /api/v1/users HTTP/1.1"), 1000);
        // Anything unreadable keeps the default.
        QCOMPARE(limits.limitForRequestLine(""), 1000);
        QCOMPARE(limits.limitForRequestLine("POST"), 1000);
        QCOMPARE(limits.limitForRequestLine("POST /api/v1/events/video"), 1000);
        QCOMPARE(limits.limitForRequestLine("\x16\x03\x01 binary"), 1000);
    }
};

QTEST_APPLESS_MAIN(TestRequestSizeLimits)
#include "tst_requestsizelimits.moc"
