#include "http/filedownload.h"

#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Qt::StringLiterals;
using namespace Im::Http;

Q_DECLARE_METATYPE(std::optional<Im::Http::ByteRange>)

namespace {

const std::optional<ByteRange> whole;
const std::optional<ByteRange> unsatisfiable = ByteRange { 1, 0 };

std::optional<ByteRange> range(qint64 first, qint64 last)
{
    return ByteRange { first, last };
}

} // namespace

class TestFileDownload : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;
    QByteArray m_content;

    HttpResponse get(const QByteArray &rangeHeader, const QByteArray &ifRange = {})
    {
        HttpRequest request;
        if (!rangeHeader.isNull())
            request.headers.append({ "Range", rangeHeader });
        if (!ifRange.isNull())
            request.headers.append({ "If-Range", ifRange });
        return fileDownload(request, m_path, "application/zip");
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(u"file"_s);
        for (int i = 0; i < 1000; ++i)
            m_content += char(i % 251);
        QFile file(m_path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(m_content), m_content.size());
    }

    void readsRangeHeaders_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<std::optional<ByteRange>>("expected");
        QTest::newRow("none") << QByteArray() << whole;
        QTest::newRow("closed") << QByteArray("bytes=10-19") << range(10, 19);
        QTest::newRow("open") << QByteArray("bytes=990-") << range(990, 999);
        QTest::newRow("suffix") << QByteArray("bytes=-5") << range(995, 999);
        QTest::newRow("suffix longer than the file") << QByteArray("bytes=-5000") << range(0, 999);
        QTest::newRow("end past the file") << QByteArray("bytes=500-5000") << range(500, 999);
        QTest::newRow("unit in capitals, spaces") << QByteArray(" Bytes= 1 - 2 ") << range(1, 2);
        QTest::newRow("start past the file") << QByteArray("bytes=1000-") << unsatisfiable;
        QTest::newRow("empty suffix") << QByteArray("bytes=-0") << unsatisfiable;
        QTest::newRow("several ranges") << QByteArray("bytes=0-1,5-6") << whole;
        QTest::newRow("other unit") << QByteArray("items=0-1") << whole;
        QTest::newRow("reversed") << QByteArray("bytes=9-3") << whole;
        QTest::newRow("no dash") << QByteArray("bytes=9") << whole;
        QTest::newRow("negative") << QByteArray("bytes=--3") << whole;
        QTest::newRow("letters") << QByteArray("bytes=a-b") << whole;
        QTest::newRow("overflowing") << QByteArray("bytes=99999999999999999999-") << whole;
    }

    void readsRangeHeaders()
    {
        QFETCH(QByteArray, header);
        QFETCH(std::optional<ByteRange>, expected);
        QCOMPARE(requestedRange(header, m_content.size()), expected);
    }

    void nothingOfAnEmptyFileIsARange()
    {
        QCOMPARE(requestedRange("bytes=0-", 0), unsatisfiable);
        QCOMPARE(requestedRange("bytes=-1", 0), unsatisfiable);
    }

    void servesTheWholeFile()
    {
        const HttpResponse response = get({});
        QCOMPARE(response.status, 200);
        QCOMPARE(response.body, m_content);
        QCOMPARE(response.contentType, QByteArray("application/zip"));
        QCOMPARE(response.header("Accept-Ranges"), QByteArray("bytes"));
        QVERIFY(response.header("Content-Range").isEmpty());
    }

    void servesARange()
    {
        const HttpResponse response = get("bytes=100-199");
        QCOMPARE(response.status, 206);
        QCOMPARE(response.body, m_content.sliced(100, 100));
        QCOMPARE(response.header("Content-Range"), QByteArray("bytes 100-199/1000"));
    }

    void refusesARangeOutsideTheFile()
    {
        const HttpResponse response = get("bytes=2000-");
        QCOMPARE(response.status, 416);
        QVERIFY(response.body.isEmpty());
        QCOMPARE(response.header("Content-Range"), QByteArray("bytes */1000"));
    }

    void sendsTheWholeFileForIfRange()
    {
        // No validators are sent, so none can match: the whole file (RFC 9110 §13.1.5).
        const HttpResponse response = get("bytes=100-199", "\"etag\"");
        QCOMPARE(response.status, 200);
        QCOMPARE(response.body, m_content);
    }

    void answersNotFoundForAMissingFile()
    {
        HttpRequest request;
        const HttpResponse response =
            fileDownload(request, m_dir.filePath(u"missing"_s), "text/plain");
        QCOMPARE(response.status, 404);
    }
};

QTEST_GUILESS_MAIN(TestFileDownload)
#include "tst_filedownload.moc"
