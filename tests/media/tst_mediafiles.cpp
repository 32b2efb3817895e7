#include "media/imagefiles.h"
#include "media/uploadstore.h"
#include "media/videoposter.h"
#include "media/videosignature.h"
#include "pngheader.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Im;
using namespace Im::Media;

namespace {

QByteArray encoded(const QImage &image, const char *format)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format);
    return bytes;
}

QImage filled(int width, int height)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(Qt::darkCyan);
    return image;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QByteArray ftyp(const QByteArray &brand)
{
    return QByteArray("\x00\x00\x00\x18", 4) + "ftyp" + brand + QByteArray("\x00\x00\x02\x00", 4)
        + "isomiso2";
}

} // namespace

class TestMediaFiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void detectsVideoContainersBySignature_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<QString>("suffix");
        QTest::newRow("mp4 isom") << ftyp("isom") << u".mp4"_s;
        QTest::newRow("mp4 avc1") << ftyp("avc1") << u".mp4"_s;
        QTest::newRow("quicktime") << ftyp("qt  ") << u".mov"_s;
        QTest::newRow("3gp") << ftyp("3gp5") << u".3gp"_s;
        QTest::newRow("m4v") << ftyp("M4V ") << u".m4v"_s;
        QTest::newRow("webm") << QByteArray("\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm")
                              << u".webm"_s;
        QTest::newRow("mkv") << QByteArray("\x1a\x45\xdf\xa3\xa3\x42\x82\x88matroska") << u".mkv"_s;
        // Not videos, or not accepted.
        QTest::newRow("audio m4a") << ftyp("M4A ") << QString();
        QTest::newRow("heic image") << ftyp("heic") << QString();
        QTest::newRow("ebml other doctype") << QByteArray("\x1a\x45\xdf\xa3\x9f\x42\x82\x84"
                                                          "abcd")
                                            << QString();
        QTest::newRow("avi") << QByteArray("RIFF\x10\x00\x00\x00"
                                           "AVI LIST",
                                           16)
                             << QString();
        QTest::newRow("png") << encoded(filled(4, 4), "PNG") << QString();
        QTest::newRow("text") << QByteArray("#EXTM3U\nfile:///etc/passwd\n") << QString();
        QTest::newRow("short") << QByteArray("\x00\x00\x00", 3) << QString();
        QTest::newRow("huge ftyp box") << QByteArray("\x7f\x00\x00\x00"
                                                     "ftypisom",
                                                     12)
                                       << QString();
    }

    void detectsVideoContainersBySignature()
    {
        QFETCH(QByteArray, head);
        QFETCH(QString, suffix);
        const auto container = detectVideoContainer(head);
        QCOMPARE(container ? QString(container->suffix) : QString(), suffix);
    }

    void readsFfmpegDurations()
    {
        QCOMPARE(parseFfmpegDuration("  Duration: 00:00:01.00, start: 0.000000, bitrate: 37 kb/s"),
                 1.0);
        QCOMPARE(parseFfmpegDuration("Duration: 01:02:03.50, start"), 3723.5);
        QVERIFY(parseFfmpegDuration("Duration: N/A, start: 0") < 0);
        QVERIFY(parseFfmpegDuration("") < 0);
    }

    void checksImagesAndMakesThumbnails()
    {
        const auto png = checkImage(encoded(filled(300, 150), "PNG"));
        QVERIFY(png.isOk());
        QCOMPARE(png->suffix, u".png"_s);
        QCOMPARE(QImage::fromData(png->thumbnailPng, "PNG").size(), QSize(20, 10));

        const auto jpeg = checkImage(encoded(filled(10, 40), "JPEG"));
        QVERIFY(jpeg.isOk());
        QCOMPARE(jpeg->suffix, u".jpg"_s);
        QCOMPARE(QImage::fromData(jpeg->thumbnailPng, "PNG").size(), QSize(20, 80));

        // Very wide: the height never drops to zero.
        const auto wide = checkImage(encoded(filled(4000, 10), "PNG"));
        QVERIFY(wide.isOk());
        QCOMPARE(QImage::fromData(wide->thumbnailPng, "PNG").size(), QSize(20, 1));
    }

    void refusesWhatIsNotAnAcceptedImage_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("why");
        const QByteArray png = encoded(filled(50, 50), "PNG");
        const QString notAnImage = u"not a supported image"_s;
        QTest::newRow("empty") << QByteArray() << notAnImage;
        QTest::newRow("text") << QByteArray("hello") << notAnImage;
        QTest::newRow("truncated png") << png.first(png.size() / 2) << notAnImage;
        QTest::newRow("svg") << QByteArray("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" "
                                           "height=\"10\"><script>alert(1)</script></svg>")
                             << notAnImage;
        // A valid header (with its checksum) that declares a canvas far beyond the limit.
        QTest::newRow("huge canvas") << Test::withDeclaredSize(png, 65536, 65536) << u"too large"_s;
    }

    void refusesAnOversizedCanvasBeforeDecoding()
    {
        // 6000 x 6000 is within Qt's own limits but over ours: refused from the header, with the
        // size in the message rather than Qt's misleading "not a supported image".
        QImage image(6000, 6000, QImage::Format_RGB32);
        image.fill(Qt::white);
        const auto refused = checkImage(encoded(image, "PNG"), qint64(25) * 1000 * 1000);
        QVERIFY(!refused.isOk());
        QCOMPARE(refused.error().code, ErrorCode::TooLarge);
        QVERIFY2(refused.error().message.contains(u"6000 x 6000"_s),
                 qPrintable(refused.error().message));
        // A higher limit decodes it.
        QVERIFY(checkImage(encoded(image, "PNG"), qint64(40) * 1000 * 1000).isOk());
    }

    void refusesWhatIsNotAnAcceptedImage()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, why);
        const auto image = checkImage(bytes);
        QVERIFY(!image.isOk());
        QCOMPARE(image.error().code,
                 why == u"too large"_s ? ErrorCode::TooLarge : ErrorCode::Malformed);
        QVERIFY2(image.error().message.contains(why), qPrintable(image.error().message));
    }

    void storeWritesUniqueNamesAndNeverOverwrites()
    {
        QTemporaryDir dir;
        const UploadStore store(QDir(dir.path()).filePath(u"chat"_s));
        const auto first = store.newBaseName(7);
        const auto second = store.newBaseName(7);
        QVERIFY(first.isOk() && second.isOk());
        QVERIFY(first->startsWith(u"7/"_s));
        QVERIFY(*first != *second);
        QVERIFY(store.write(*first + u".png"_s, "one").isOk());
        const auto again = store.write(*first + u".png"_s, "two");
        QVERIFY(!again.isOk());
        QCOMPARE(again.error().code, ErrorCode::Internal);
        QFile file(store.absolutePath(*first + u".png"_s));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("one"));
        QVERIFY(!QFile::exists(store.absolutePath(*first + u".png.part"_s)));

        store.remove({ *first + u".png"_s, u"7/never-written.png"_s });
        QVERIFY(!QFile::exists(store.absolutePath(*first + u".png"_s)));
    }

    void resolvesOnlyRegularFilesBelowTheRoot()
    {
        QTemporaryDir dir;
        const QDir base(dir.path());
        QVERIFY(base.mkpath(u"chat/7/sub"_s));
        const UploadStore store(base.filePath(u"chat"_s));
        QVERIFY(writeFile(base.filePath(u"chat/7/a.png"_s), "a"));
        QVERIFY(writeFile(base.filePath(u"chat/7/sub/b.png"_s), "b"));
        QVERIFY(writeFile(base.filePath(u"chat/7/.hidden"_s), "h"));
        QVERIFY(writeFile(base.filePath(u"chat/7/c.png.part"_s), "p"));
        QVERIFY(writeFile(base.filePath(u"secret.txt"_s), "s"));
        QVERIFY(QFile::link(base.filePath(u"secret.txt"_s), base.filePath(u"chat/7/out.png"_s)));
        QVERIFY(QFile::link(base.filePath(u"chat/7/a.png"_s), base.filePath(u"chat/7/in.png"_s)));

        QCOMPARE(store.resolve(u"7/a.png"_s).value(),
                 QFileInfo(base.filePath(u"chat/7/a.png"_s)).canonicalFilePath());
        QVERIFY(store.resolve(u"7/sub/b.png"_s).isOk());
        QVERIFY(store.resolve(u"7/in.png"_s).isOk()); // a link that stays inside
        for (const QString &refused :
             { u"7/out.png"_s, u"../secret.txt"_s, u"7/../../secret.txt"_s, u"7/./a.png"_s,
               u"/etc/passwd"_s, u"7"_s, u"7/sub"_s, u"7/.hidden"_s, u"7/c.png.part"_s,
               u"7\\a.png"_s, u"7/missing.png"_s, u""_s, u"7//a.png"_s,
               base.filePath(u"secret.txt"_s) }) {
            const auto resolved = store.resolve(refused);
            QVERIFY2(!resolved.isOk(), qPrintable(refused));
            QCOMPARE(resolved.error().code, ErrorCode::NotFound);
        }
    }
};

QTEST_GUILESS_MAIN(TestMediaFiles)
#include "tst_mediafiles.moc"
