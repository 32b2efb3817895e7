#include "http/multipartparser.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Im;
using Im::Http::HttpRequest;
using Im::Http::MultipartLimits;
using Im::Http::parseMultipart;

namespace {

HttpRequest requestWith(const QByteArray &contentType, const QByteArray &body)
{
    HttpRequest request;
    request.method = HttpRequest::Method::Post;
    request.headers = { { "Content-Type", contentType } };
    request.body = body;
    return request;
}

HttpRequest formRequest(const QByteArray &body)
{
    return requestWith("multipart/form-data; boundary=XyZ", body);
}

//! A well-formed body with one text field and one file, in the shape curl and browsers send.
QByteArray sampleBody(const QByteArray &fileBytes = QByteArray("\x89PNG\r\n\x1a\n\0\r\n--Xy", 14))
{
    return "--XyZ\r\n"
           "Content-Disposition: form-data; name=\"platform\"\r\n"
           "\r\n"
           "linux\r\n"
           "--XyZ\r\n"
           "Content-Disposition: form-data; name=\"file\"; filename=\"photo.png\"\r\n"
           "Content-Type: image/png\r\n"
           "\r\n"
        + fileBytes
        + "\r\n"
          "--XyZ--\r\n";
}

} // namespace

class TestMultipartParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesFieldsAndFiles()
    {
        const QByteArray fileBytes("\x89PNG\r\n\x1a\n\0\r\n--Xy", 14);
        const auto parts = parseMultipart(formRequest(sampleBody(fileBytes)), {});
        QVERIFY(parts.isOk());
        QCOMPARE(parts->size(), 2);
        const auto &field = parts->at(0);
        QCOMPARE(field.name, u"platform"_s);
        QVERIFY(!field.isFile());
        QVERIFY(field.fileName.isNull());
        QCOMPARE(field.body, QByteArray("linux"));
        QVERIFY(field.contentType.isEmpty());
        const auto &file = parts->at(1);
        QCOMPARE(file.name, u"file"_s);
        QVERIFY(file.isFile());
        QCOMPARE(file.fileName, u"photo.png"_s);
        QCOMPARE(file.contentType, QByteArray("image/png"));
        // Binary bytes, NULs and a near-boundary survive untouched.
        QCOMPARE(file.body, fileBytes);
    }

    void acceptsPreambleEpilogueQuotedBoundaryAndPadding()
    {
        const QByteArray body = "This is a preamble.\r\n"
                                "--a'b(c)+_,-./:=?\r\n"
                                "content-disposition: FORM-DATA ; name = \"x\"\r\n"
                                "X-Other: ignored\r\n"
                                "\r\n"
                                "1\r\n"
                                "--a'b(c)+_,-./:=? \t\r\n"
                                "Content-Disposition: form-data; name=y\r\n"
                                "\r\n"
                                "\r\n"
                                "--a'b(c)+_,-./:=?--\r\nepilogue";
        const auto parts = parseMultipart(
            requestWith("Multipart/Form-Data; charset=utf-8; boundary=\"a'b(c)+_,-./:=?\"", body),
            {});
        QVERIFY2(parts.isOk(), qPrintable(parts.isOk() ? QString() : parts.error().message));
        QCOMPARE(parts->size(), 2);
        QCOMPARE(parts->at(0).name, u"x"_s);
        QCOMPARE(parts->at(0).body, QByteArray("1"));
        QCOMPARE(parts->at(1).name, u"y"_s);
        QVERIFY(parts->at(1).body.isEmpty());
    }

    void keepsEmptyAndEscapedFileNames()
    {
        const QByteArray body = "--XyZ\r\n"
                                "Content-Disposition: form-data; name=\"a\"; filename=\"\"\r\n"
                                "\r\n"
                                "\r\n"
                                "--XyZ\r\n"
                                "Content-Disposition: form-data; name=\"b\"; "
                                "filename=\"C:\\dir\\say \\\"hi\\\".txt\"\r\n"
                                "\r\n"
                                "x\r\n"
                                "--XyZ\r\n"
                                "Content-Disposition: form-data; name=\"c\"; "
                                "filename=\"\xe5\x9b\xbe.png\"\r\n"
                                "\r\n"
                                "y\r\n"
                                "--XyZ--";
        const auto parts = parseMultipart(formRequest(body), {});
        QVERIFY(parts.isOk());
        QCOMPARE(parts->size(), 3);
        QVERIFY(parts->at(0).isFile());
        QVERIFY(parts->at(0).fileName.isEmpty());
        QCOMPARE(parts->at(1).fileName, u"C:\\dir\\say \"hi\".txt"_s);
        QCOMPARE(parts->at(2).fileName, QString::fromUtf8("\xe5\x9b\xbe.png"));
    }

    void emptyFormIsAnEmptyList()
    {
        const auto parts = parseMultipart(formRequest("--XyZ--\r\n"), {});
        QVERIFY(parts.isOk());
        QVERIFY(parts->isEmpty());
    }

    void extractsTheBoundary()
    {
        QCOMPARE(Http::multipartBoundary("multipart/form-data; boundary=abc"), QByteArray("abc"));
        QCOMPARE(Http::multipartBoundary("multipart/form-data;boundary=\"a b\""),
                 QByteArray("a b"));
        QVERIFY(Http::multipartBoundary("multipart/mixed; boundary=abc").isEmpty());
        QVERIFY(Http::multipartBoundary("multipart/form-data").isEmpty());
        QVERIFY(Http::multipartBoundary("multipart/form-data; boundary=").isEmpty());
        QVERIFY(Http::multipartBoundary("multipart/form-data; boundary=\"ends \"").isEmpty());
        QVERIFY(Http::multipartBoundary("multipart/form-data; boundary=" + QByteArray(71, 'a'))
                    .isEmpty());
        QVERIFY(Http::multipartBoundary("multipart/form-data; boundary=\"a\\\\b\"").isEmpty());
        QVERIFY(Http::multipartBoundary("multipart/form-data; boundary=a; boundary=b").isEmpty());
    }

    void rejectsMalformedInput_data()
    {
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        const QByteArray type = "multipart/form-data; boundary=XyZ";
        const QByteArray disposition = "Content-Disposition: form-data; name=\"f\"\r\n";

        QTest::newRow("not multipart") << QByteArray("application/json") << QByteArray("{}");
        QTest::newRow("no content type") << QByteArray() << sampleBody();
        QTest::newRow("no boundary parameter") << QByteArray("multipart/form-data") << sampleBody();
        QTest::newRow("empty body") << type << QByteArray();
        QTest::newRow("boundary never appears") << type << QByteArray("hello world");
        QTest::newRow("other boundary")
            << QByteArray("multipart/form-data; boundary=Other") << sampleBody();
        QTest::newRow("no close delimiter")
            << type << QByteArray("--XyZ\r\n" + disposition + "\r\nvalue");
        QTest::newRow("truncated after boundary") << type << QByteArray("--XyZ");
        QTest::newRow("garbage after boundary") << type << QByteArray("--XyZjunk\r\n");
        QTest::newRow("unterminated headers") << type << QByteArray("--XyZ\r\n" + disposition);
        QTest::newRow("bare LF line endings")
            << type
            << QByteArray("--XyZ\nContent-Disposition: form-data; name=\"f\"\n\nv\n--XyZ--\n");
        QTest::newRow("part without headers") << type << QByteArray("--XyZ\r\n\r\nv\r\n--XyZ--");
        QTest::newRow("no content-disposition")
            << type << QByteArray("--XyZ\r\nContent-Type: text/plain\r\n\r\nv\r\n--XyZ--");
        QTest::newRow("disposition not form-data")
            << type
            << QByteArray(
                   "--XyZ\r\nContent-Disposition: attachment; name=\"f\"\r\n\r\nv\r\n--XyZ--");
        QTest::newRow("part without name")
            << type
            << QByteArray("--XyZ\r\nContent-Disposition: form-data; filename=\"a\"\r\n\r\nv\r\n"
                          "--XyZ--");
        QTest::newRow("empty name")
            << type
            << QByteArray("--XyZ\r\nContent-Disposition: form-data; name=\"\"\r\n\r\nv\r\n--XyZ--");
        QTest::newRow("unterminated quote")
            << type
            << QByteArray("--XyZ\r\nContent-Disposition: form-data; name=\"f\r\n\r\nv\r\n--XyZ--");
        QTest::newRow("duplicate parameter")
            << type
            << QByteArray("--XyZ\r\nContent-Disposition: form-data; name=a; name=b\r\n\r\nv\r\n"
                          "--XyZ--");
        QTest::newRow("duplicate disposition")
            << type << QByteArray("--XyZ\r\n" + disposition + disposition + "\r\nv\r\n--XyZ--");
        QTest::newRow("header without colon")
            << type << QByteArray("--XyZ\r\n" + disposition + "Broken\r\n\r\nv\r\n--XyZ--");
        QTest::newRow("base64 transfer encoding")
            << type
            << QByteArray("--XyZ\r\n" + disposition
                          + "Content-Transfer-Encoding: base64\r\n\r\ndg==\r\n--XyZ--");
        QTest::newRow("headers too long")
            << type
            << QByteArray("--XyZ\r\n" + disposition
                          + "X-Pad: " + QByteArray(Http::kMaxMultipartHeaderBytes, 'p')
                          + "\r\n\r\nv\r\n--XyZ--");
    }

    void rejectsMalformedInput()
    {
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        const auto parts = parseMultipart(requestWith(contentType, body), {});
        QVERIFY(!parts.isOk());
        QCOMPARE(parts.error().code, ErrorCode::Malformed);
        QVERIFY(!parts.error().message.isEmpty());
    }

    void limitsTheNumberOfParts()
    {
        QByteArray body;
        for (int i = 0; i < 3; ++i)
            body += "--XyZ\r\nContent-Disposition: form-data; name=\"f" + QByteArray::number(i)
                + "\"\r\n\r\nv\r\n";
        body += "--XyZ--";
        MultipartLimits limits;
        limits.maxParts = 3;
        QVERIFY(parseMultipart(formRequest(body), limits).isOk());
        limits.maxParts = 2;
        const auto parts = parseMultipart(formRequest(body), limits);
        QVERIFY(!parts.isOk());
        QCOMPARE(parts.error().code, ErrorCode::Malformed);
    }

    void limitsFileSizeWithTooLarge()
    {
        const QByteArray body = sampleBody(QByteArray(100, 'x'));
        MultipartLimits limits;
        limits.maxFileBytes = 100;
        QVERIFY(parseMultipart(formRequest(body), limits).isOk());
        limits.maxFileBytes = 99;
        const auto parts = parseMultipart(formRequest(body), limits);
        QVERIFY(!parts.isOk());
        QCOMPARE(parts.error().code, ErrorCode::TooLarge);
        limits.maxFileBytes = 0; // no per-file limit
        QVERIFY(parseMultipart(formRequest(body), limits).isOk());
    }

    void limitsFieldSizeWithTooLarge()
    {
        MultipartLimits limits;
        limits.maxFieldBytes = 5; // "linux"
        QVERIFY(parseMultipart(formRequest(sampleBody()), limits).isOk());
        limits.maxFieldBytes = 4;
        const auto parts = parseMultipart(formRequest(sampleBody()), limits);
        QVERIFY(!parts.isOk());
        QCOMPARE(parts.error().code, ErrorCode::TooLarge);
    }
};

QTEST_APPLESS_MAIN(TestMultipartParser)
#include "tst_multipartparser.moc"
