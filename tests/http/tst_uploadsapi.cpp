#include "apiclient.h"
#include "inprocessserver.h"
#include "pngheader.h"
#include "scratchdatabase.h"
#include "testhttpclient.h"
#include "testservices.h"

#include <QBuffer>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace Im;
using namespace Im::Test;

namespace {

constexpr qint64 maxImageBytes = 2 * 1024 * 1024; // above the 1 MiB default request limit
constexpr qint64 maxVideoBytes = 4 * 1024 * 1024;
const QByteArray boundary = "----im-test-boundary";

struct User
{
    int id = 0;
    Headers headers;
};

//! One part of a multipart body; a null fileName makes it a plain field.
struct Part
{
    QByteArray name;
    QByteArray fileName;
    QByteArray contentType;
    QByteArray body;
};

QByteArray multipart(const QList<Part> &parts)
{
    QByteArray body;
    for (const Part &part : parts) {
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.name + '"';
        if (!part.fileName.isNull())
            body += "; filename=\"" + part.fileName + '"';
        body += "\r\n";
        if (!part.contentType.isEmpty())
            body += "Content-Type: " + part.contentType + "\r\n";
        body += "\r\n" + part.body + "\r\n";
    }
    return body + "--" + boundary + "--\r\n";
}

QByteArray fileForm(const QByteArray &bytes, const QByteArray &fileName = "photo.png")
{
    return multipart({ { "file", fileName, "application/octet-stream", bytes } });
}

QByteArray encoded(const QImage &image, const char *format)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format);
    return bytes;
}

//! A gradient of \a width x \a height, so the thumbnail has something to scale.
QImage gradient(int width, int height)
{
    QImage image(width, height, QImage::Format_RGB32);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x)
            image.setPixel(x, y, qRgb(x * 255 / width, y * 255 / height, 128));
    }
    return image;
}

//! A PNG of one colour: a small file whose decoding still inflates and scales every pixel.
QByteArray plainPng(int width, int height)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(qRgb(90, 140, 200));
    return encoded(image, "PNG");
}

//! Random pixels: a PNG that does not compress, to make a large upload.
QByteArray noisePng(int width, int height)
{
    QImage image(width, height, QImage::Format_RGB888);
    QRandomGenerator random(42);
    for (int y = 0; y < height; ++y) {
        uchar *line = image.scanLine(y);
        for (int x = 0; x < width * 3; ++x)
            line[x] = uchar(random.bounded(256));
    }
    return encoded(image, "PNG");
}

QString message(const TestResponse &response)
{
    return response.json().value(u"message"_s).toString();
}

//! One raw HTTP/1.1 exchange, for requests QNetworkAccessManager would normalise or refuse to
//! send (dot segments, no Host, oversized bodies). Spins the event loop: the server runs in this
//! thread.
struct RawAnswer
{
    int status = 0;
    QByteArray head;
    QByteArray body;
    bool closed = false;
};

RawAnswer rawExchange(quint16 port, const QByteArray &request, bool headOnly = false)
{
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, port);
    if (!QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, 5000))
        return {};
    socket.write(request);
    QByteArray data;
    RawAnswer answer;
    const auto complete = [&] {
        data += socket.readAll();
        const qsizetype end = data.indexOf("\r\n\r\n");
        if (end < 0)
            return socket.state() == QAbstractSocket::UnconnectedState;
        answer.head = data.left(end);
        qsizetype length = 0;
        for (const QByteArray &line : answer.head.split('\n')) {
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        }
        return headOnly || data.size() >= end + 4 + length;
    };
    (void)QTest::qWaitFor(complete, 15000);
    if (answer.head.isEmpty())
        return answer;
    answer.status = answer.head.mid(9, 3).toInt();
    answer.body = data.mid(answer.head.size() + 4);
    answer.closed =
        QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::UnconnectedState; }, 2000);
    return answer;
}

QByteArray requestBytes(const QByteArray &method, const QByteArray &target, const Headers &headers,
                        const QByteArray &body = {})
{
    QByteArray request = method + ' ' + target + " HTTP/1.1\r\n";
    for (const auto &[name, value] : headers)
        request += name + ": " + value + "\r\n";
    if (!body.isEmpty() || method == "POST")
        request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    return request + "Connection: close\r\n\r\n" + body;
}

QSize pngSize(const QByteArray &bytes)
{
    return QImage::fromData(bytes, "PNG").size();
}

bool ffmpegInstalled()
{
    return !QStandardPaths::findExecutable(u"ffmpeg"_s).isEmpty();
}

} // namespace

//! `POST /api/v1/events/image|video` and `GET|HEAD /uploads/...` through the whole server over
//! HTTP, on SQLite and on MariaDB.
class TestUploadsApi : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ScratchDatabase> m_database;
    std::unique_ptr<QTemporaryDir> m_dataDir;
    std::unique_ptr<InProcessServer> m_server;
    User m_alice;

    Config::ServerConfig config() const
    {
        Config::ServerConfig config =
            InProcessServer::configFor(m_database->settings(), m_dataDir->path());
        config.uploadMaxImageBytes = maxImageBytes;
        config.uploadMaxVideoBytes = maxVideoBytes;
        return config;
    }

    //! Starts a server on the test's database; registers Alice unless she exists already (her
    //! session lives in the database and outlives a server).
    bool startServer(const Config::ServerConfig &config)
    {
        m_server = std::make_unique<InProcessServer>(config);
        if (!m_server->start())
            return false;
        if (m_alice.id > 0)
            return true;
        const QJsonObject session = registerAccount(*m_server, u"13800000001"_s);
        m_alice = { session.value(u"data"_s)[u"id"_s].toInt(), sessionHeaders(session) };
        return m_alice.id > 0;
    }

    quint16 port() const { return quint16(m_server->url(u"/"_s).port()); }

    QString chatRoot() const { return QDir(m_dataDir->path()).filePath(u"uploads/chat"_s); }

    //! Every file under the chat media root, relative to it, sorted.
    QStringList storedFiles() const
    {
        QStringList files;
        QDirIterator it(chatRoot(), QDir::Files | QDir::Hidden | QDir::System,
                        QDirIterator::Subdirectories);
        while (it.hasNext())
            files.append(QDir(chatRoot()).relativeFilePath(it.next()));
        files.sort();
        return files;
    }

    TestResponse upload(const QString &kind, const QByteArray &body,
                        const QByteArray &contentType = "multipart/form-data; boundary=" + boundary,
                        const std::optional<Headers> &headers = std::nullopt)
    {
        Headers all = headers.value_or(m_alice.headers);
        all.append(std::pair<QByteArray, QByteArray>("Content-Type", contentType));
        return httpRequest("POST", m_server->url(u"/api/v1/events/"_s + kind), all, body, 60000);
    }

    TestResponse fetch(const QString &url, const Headers &headers = {},
                       const QByteArray &method = "GET")
    {
        return httpRequest(method, QUrl(url), headers);
    }

    //! The answer's `data` after checking that it is a 200 envelope with exactly \a keys, each
    //! an absolute URL on this server under /uploads/<alice>/.
    QJsonObject uploadedUrls(const TestResponse &response, const QStringList &keys)
    {
        if (response.status != 200) {
            qWarning() << "upload answered" << response.status << response.body;
            return {};
        }
        const QJsonObject data = response.json().value(u"data"_s).toObject();
        QStringList actual = data.keys();
        actual.sort();
        QStringList expected = keys;
        expected.sort();
        if (actual != expected) {
            qWarning() << "keys" << actual << "expected" << expected;
            return {};
        }
        const QString prefix = m_server->url(u"/uploads/%1/"_s.arg(m_alice.id)).toString();
        for (const QString &key : keys) {
            if (!data.value(key).toString().startsWith(prefix)) {
                qWarning() << key << data.value(key).toString() << "is not under" << prefix;
                return {};
            }
        }
        return data;
    }

    void requireFfmpeg()
    {
        if (ffmpegInstalled())
            return;
        if (TestServices::servicesRequired())
            QFAIL("ffmpeg is not installed but IM_TEST_REQUIRE_SERVICES=1");
        QSKIP("ffmpeg is not installed (scripts/install-deps.sh --with-test installs it)");
    }

    //! A one-second test video made by ffmpeg, in the container of \a suffix.
    QByteArray testVideo(const QString &suffix)
    {
        const QString path = QDir(m_dataDir->path()).filePath(u"sample"_s + suffix);
        QProcess ffmpeg;
        ffmpeg.start(u"ffmpeg"_s,
                     { u"-v"_s, u"error"_s, u"-y"_s, u"-f"_s, u"lavfi"_s, u"-i"_s,
                       u"testsrc=duration=1:size=64x48:rate=10"_s, u"-c:v"_s, u"mpeg4"_s,
                       u"-pix_fmt"_s, u"yuv420p"_s, path });
        if (!ffmpeg.waitForFinished(60000) || ffmpeg.exitCode() != 0) {
            qWarning() << "ffmpeg failed:" << ffmpeg.readAllStandardError();
            return {};
        }
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
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
        QVERIFY(startServer(config()));
    }

    void cleanup()
    {
        m_alice = {};
        m_server.reset();
        m_database.reset();
        m_dataDir.reset();
    }

    void imageIsStoredWithItsThumbnailAndServed()
    {
        const QByteArray png = encoded(gradient(200, 100), "PNG");
        // The client's name never reaches the disk.
        const TestResponse response = upload(u"image"_s, fileForm(png, "../../evil.png"));
        const QJsonObject data = uploadedUrls(response, { u"path"_s, u"smallPath"_s });
        QVERIFY(!data.isEmpty());
        const QString path = data.value(u"path"_s).toString();
        const QString smallPath = data.value(u"smallPath"_s).toString();
        QVERIFY(path.endsWith(u".png"_s));
        QCOMPARE(smallPath, path.chopped(4) + u"-small.png"_s);
        QVERIFY(!path.contains(u"evil"_s));

        const TestResponse original = fetch(path);
        QCOMPARE(original.status, 200);
        QCOMPARE(original.body, png);
        QCOMPARE(original.header("content-type"), QByteArray("image/png"));
        QCOMPARE(original.header("accept-ranges"), QByteArray("bytes"));
        QVERIFY(!original.header("etag").isEmpty());
        QVERIFY(!original.header("last-modified").isEmpty());
        const TestResponse small = fetch(smallPath);
        QCOMPARE(small.status, 200);
        QCOMPARE(pngSize(small.body), QSize(20, 10));

        const QString base = path.section(u'/', -1).chopped(4);
        QCOMPARE(storedFiles(),
                 QStringList({ u"%1/%2-small.png"_s.arg(m_alice.id).arg(base),
                               u"%1/%2.png"_s.arg(m_alice.id).arg(base) }));
        QVERIFY(!QFile::exists(QDir(m_dataDir->path()).filePath(u"evil.png"_s)));
    }

    void imageTypeComesFromTheContent()
    {
        // A JPEG named .png is stored as .jpg; the thumbnail keeps the aspect ratio.
        const QByteArray jpeg = encoded(gradient(60, 90), "JPEG");
        const QJsonObject data = uploadedUrls(upload(u"image"_s, fileForm(jpeg, "a.b.png")),
                                              { u"path"_s, u"smallPath"_s });
        QVERIFY(!data.isEmpty());
        QVERIFY(data.value(u"path"_s).toString().endsWith(u".jpg"_s));
        const TestResponse original = fetch(data.value(u"path"_s).toString());
        QCOMPARE(original.header("content-type"), QByteArray("image/jpeg"));
        QCOMPARE(pngSize(fetch(data.value(u"smallPath"_s).toString()).body), QSize(20, 30));
    }

    void largeUploadsPassTheFrontDoorOnTheirPathOnly()
    {
        // Over the default 1 MiB request limit, under the image limit.
        const QByteArray png = noisePng(800, 600);
        QVERIFY(png.size() > 1024 * 1024 && png.size() < maxImageBytes);
        const QJsonObject data =
            uploadedUrls(upload(u"image"_s, fileForm(png)), { u"path"_s, u"smallPath"_s });
        QVERIFY(!data.isEmpty());
        QCOMPARE(fetch(data.value(u"path"_s).toString()).body, png);

        // Elsewhere the default limit still applies.
        const RawAnswer elsewhere = rawExchange(
            port(),
            requestBytes("POST", "/api/v1/users/login",
                         { { "Host", "127.0.0.1" }, { "Content-Type", "application/json" } },
                         QByteArray(png.size(), ' ')));
        QCOMPARE(elsewhere.status, 413);
    }

    void rangesAndConditionalRequests()
    {
        const QByteArray png = encoded(gradient(64, 64), "PNG");
        const QJsonObject data =
            uploadedUrls(upload(u"image"_s, fileForm(png)), { u"path"_s, u"smallPath"_s });
        QVERIFY(!data.isEmpty());
        const QString path = data.value(u"path"_s).toString();
        const QByteArray size = QByteArray::number(png.size());

        // HEAD: GET's headers and length, no body (the connection closes right after them).
        const RawAnswer head = rawExchange(
            port(), requestBytes("HEAD", QUrl(path).path().toUtf8(), { { "Host", "127.0.0.1" } }),
            true);
        QCOMPARE(head.status, 200);
        QVERIFY(head.head.contains("\r\nContent-Length: " + size + "\r\n"));
        QVERIFY(head.head.contains("\r\nContent-Type: image/png\r\n"));
        QVERIFY(head.closed);
        QVERIFY(head.body.isEmpty());

        const TestResponse first = fetch(path, { { "Range", "bytes=0-9" } });
        QCOMPARE(first.status, 206);
        QCOMPARE(first.body, png.first(10));
        QCOMPARE(first.header("content-range"), "bytes 0-9/" + size);

        const TestResponse tail = fetch(path, { { "Range", "bytes=-5" } });
        QCOMPARE(tail.status, 206);
        QCOMPARE(tail.body, png.last(5));

        const TestResponse rest = fetch(path, { { "Range", "bytes=10-" } });
        QCOMPARE(rest.status, 206);
        QCOMPARE(rest.body, png.sliced(10));

        const TestResponse outside = fetch(path, { { "Range", "bytes=" + size + "-" } });
        QCOMPARE(outside.status, 416);
        QCOMPARE(outside.header("content-range"), "bytes */" + size);

        // Several ranges are not split up: the whole file.
        const TestResponse several = fetch(path, { { "Range", "bytes=0-1,4-5" } });
        QCOMPARE(several.status, 200);
        QCOMPARE(several.body, png);

        const QByteArray etag = first.header("etag");
        QVERIFY(!etag.isEmpty());
        QCOMPARE(fetch(path, { { "If-None-Match", etag } }).status, 304);
        QCOMPARE(fetch(path, { { "If-None-Match", "\"other\"" } }).status, 200);
        QCOMPARE(fetch(path, { { "If-Modified-Since", first.header("last-modified") } }).status,
                 304);
    }

    void traversalAndHiddenFilesAreRefused()
    {
        const QByteArray png = encoded(gradient(30, 30), "PNG");
        const QJsonObject data =
            uploadedUrls(upload(u"image"_s, fileForm(png)), { u"path"_s, u"smallPath"_s });
        QVERIFY(!data.isEmpty());
        const QByteArray secret = "top secret";
        const QDir dataDir(m_dataDir->path());
        const auto writeFile = [](const QString &path, const QByteArray &bytes) {
            QFile file(path);
            return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
        };
        QVERIFY(writeFile(dataDir.filePath(u"uploads/secret.txt"_s), secret));
        QVERIFY(writeFile(dataDir.filePath(u"outside.txt"_s), secret));
        const QString userDir = QDir(chatRoot()).filePath(QString::number(m_alice.id));
        QVERIFY(writeFile(QDir(userDir).filePath(u".hidden.png"_s), secret));
        QVERIFY(writeFile(QDir(userDir).filePath(u"partial.png.part"_s), secret));
        QVERIFY(
            QFile::link(dataDir.filePath(u"outside.txt"_s), QDir(userDir).filePath(u"link.png"_s)));

        const QByteArray user = QByteArray::number(m_alice.id);
        const QList<QByteArray> targets {
            "/uploads/../secret.txt",
            "/uploads/../../outside.txt",
            "/uploads/%2e%2e/secret.txt",
            "/uploads/%2E%2E%2Fsecret.txt",
            "/uploads/..%2f..%2foutside.txt",
            "/uploads/" + user + "/../../secret.txt",
            "/uploads/" + user + "/%2e%2e/%2e%2e/outside.txt",
            "/uploads/%2f" + dataDir.filePath(u"outside.txt"_s).toUtf8().toPercentEncoding(),
            "/uploads//etc/passwd",
            "/uploads/..\\secret.txt",
            "/uploads/" + user,
            "/uploads/" + user + "/",
            "/uploads/" + user + "/.hidden.png",
            "/uploads/" + user + "/partial.png.part",
            "/uploads/" + user + "/link.png",
            "/uploads/" + user + "/missing.png",
        };
        for (const QByteArray &target : targets) {
            const RawAnswer answer =
                rawExchange(port(), requestBytes("GET", target, { { "Host", "127.0.0.1" } }));
            QVERIFY2(answer.status == 404 || answer.status == 400,
                     qPrintable(QString::fromLatin1(target) + u" answered "_s
                                + QString::number(answer.status)));
            QVERIFY2(!answer.body.contains(secret), target.constData());
        }
    }

    void uploadsNeedASession()
    {
        const QByteArray png = encoded(gradient(10, 10), "PNG");
        for (const QString &kind : { u"image"_s, u"video"_s }) {
            const TestResponse anonymous = upload(
                kind, fileForm(png), "multipart/form-data; boundary=" + boundary, Headers {});
            QCOMPARE(anonymous.status, 401);
            QCOMPARE(anonymous.json().value(u"statusCode"_s).toInt(), 401);
            Headers forged = m_alice.headers;
            forged[1].second = "00000000-0000-0000-0000-000000000000";
            QCOMPARE(
                upload(kind, fileForm(png), "multipart/form-data; boundary=" + boundary, forged)
                    .status,
                401);
        }
        QVERIFY(storedFiles().isEmpty());
    }

    void badUploadsAre400_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        const QByteArray form = "multipart/form-data; boundary=" + boundary;
        const QByteArray png = encoded(gradient(10, 10), "PNG");

        QTest::newRow("text file") << u"image"_s << form << fileForm("just some text", "a.png");
        QTest::newRow("svg") << u"image"_s << form
                             << fileForm("<svg xmlns=\"http://www.w3.org/2000/svg\"/>", "a.svg");
        QTest::newRow("truncated png") << u"image"_s << form << fileForm(png.first(40));
        QTest::newRow("empty file") << u"image"_s << form << fileForm({});
        QTest::newRow("no file field")
            << u"image"_s << form << multipart({ { "file", {}, {}, "not a file" } });
        QTest::newRow("other field name")
            << u"image"_s << form << multipart({ { "image", "a.png", "image/png", png } });
        QTest::newRow("two files") << u"image"_s << form
                                   << multipart({ { "file", "a.png", "image/png", png },
                                                  { "file", "b.png", "image/png", png } });
        QTest::newRow("malformed multipart")
            << u"image"_s << form << QByteArray("--" + boundary + "\r\nno headers here");
        QTest::newRow("no boundary")
            << u"image"_s << QByteArray("multipart/form-data") << fileForm(png);
        QTest::newRow("json body")
            << u"image"_s << QByteArray("application/json") << QByteArray("{\"file\":\"x\"}");
        QTest::newRow("png as video") << u"video"_s << form << fileForm(png, "a.mp4");
        QTest::newRow("text as video") << u"video"_s << form << fileForm("hello", "a.mp4");
        QTest::newRow("missing video") << u"video"_s << form << multipart({});
    }

    void badUploadsAre400()
    {
        QFETCH(QString, kind);
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        const TestResponse response = upload(kind, body, contentType);
        QCOMPARE(response.status, 400);
        QCOMPARE(response.json().value(u"statusCode"_s).toInt(), 400);
        QVERIFY(!message(response).isEmpty());
        QVERIFY(storedFiles().isEmpty());
    }

    void oversizedUploadsAre413()
    {
        // Within the front door's allowance (the limit plus framing): the form's check answers.
        const TestResponse parsed =
            upload(u"image"_s, fileForm(QByteArray(maxImageBytes + 1, 'x')));
        QCOMPARE(parsed.status, 413);
        QCOMPARE(parsed.json().value(u"statusCode"_s).toInt(), 413);
        QVERIFY(message(parsed).contains(QString::number(maxImageBytes)));

        // Far over it: the front door answers before the body is in, and closes.
        Headers headers = m_alice.headers;
        headers.append(std::pair<QByteArray, QByteArray>("Host", "127.0.0.1"));
        headers.append(std::pair<QByteArray, QByteArray>(
            "Content-Type", "multipart/form-data; boundary=" + boundary));
        const RawAnswer refused =
            rawExchange(port(),
                        requestBytes("POST", "/api/v1/events/image", headers,
                                     fileForm(QByteArray(maxImageBytes + 512 * 1024, 'x'))));
        QCOMPARE(refused.status, 413);
        QVERIFY(refused.closed);

        const TestResponse video =
            upload(u"video"_s, fileForm(QByteArray(maxVideoBytes + 1, 'x'), "v.mp4"));
        QCOMPARE(video.status, 413);
        QVERIFY(storedFiles().isEmpty());
    }

    void uploadUrlsIgnoreTheHostHeader_data()
    {
        QTest::addColumn<QByteArray>("hostLine");
        QTest::newRow("foreign host") << QByteArray("Host: evil.example:80");
        QTest::newRow("no host") << QByteArray();
    }

    void uploadUrlsIgnoreTheHostHeader()
    {
        QFETCH(QByteArray, hostLine);
        // GIVEN an upload whose Host header names another server (or is missing)
        Headers headers = m_alice.headers;
        if (!hostLine.isEmpty())
            headers.append(std::pair(hostLine.first(4), hostLine.sliced(6)));
        headers.append(std::pair<QByteArray, QByteArray>(
            "Content-Type", "multipart/form-data; boundary=" + boundary));
        const RawAnswer answer =
            rawExchange(port(),
                        requestBytes("POST", "/api/v1/events/image", headers,
                                     fileForm(encoded(gradient(10, 10), "PNG"))));
        // THEN the URLs are on the server's own address, which the files are served at
        QCOMPARE(answer.status, 200);
        const QJsonObject data =
            QJsonDocument::fromJson(answer.body).object().value(u"data"_s).toObject();
        const QString path = data.value(u"path"_s).toString();
        QVERIFY2(path.startsWith(m_server->url(u"/uploads/"_s).toString()), qPrintable(path));
        QVERIFY(!answer.body.contains("evil"));
        QCOMPARE(fetch(path).status, 200);
    }

    void uploadUrlsUseThePublicUrlSetting()
    {
        // GIVEN a server behind a proxy, with PUBLIC_URL set (a trailing '/' is dropped)
        Config::ServerConfig proxied = config();
        proxied.publicUrl = u"https://chat.example.org/im"_s;
        m_server.reset();
        QVERIFY(startServer(proxied));
        const TestResponse response =
            upload(u"image"_s, fileForm(encoded(gradient(10, 10), "PNG")));
        QCOMPARE(response.status, 200);
        const QJsonObject data = response.json().value(u"data"_s).toObject();
        QVERIFY2(data.value(u"path"_s).toString().startsWith(
                     u"https://chat.example.org/im/uploads/%1/"_s.arg(m_alice.id)),
                 response.body.constData());
    }

    void oversizedCanvasIsAClear413()
    {
        // GIVEN a small file whose header declares 6000 x 6000 pixels (over IMAGE_MAX_PIXELS)
        const QByteArray png = withDeclaredSize(encoded(gradient(10, 10), "PNG"), 6000, 6000);
        const TestResponse response = upload(u"image"_s, fileForm(png));
        // THEN it is refused before decoding, saying why
        QCOMPARE(response.status, 413);
        QVERIFY2(message(response).contains(u"6000 x 6000"_s), response.body.constData());
        QVERIFY(message(response).contains(u"25000000"_s));
        QVERIFY(storedFiles().isEmpty());
    }

    void downloadsDoNotWaitForDecodes()
    {
        // GIVEN one decoder and one queue place, and a small stored file
        Config::ServerConfig narrow = config();
        narrow.mediaDecodeThreads = 1;
        narrow.mediaDecodeQueue = 1;
        m_server.reset();
        QVERIFY(startServer(narrow));
        const QJsonObject small =
            uploadedUrls(upload(u"image"_s, fileForm(encoded(gradient(10, 10), "PNG"))),
                         { u"path"_s, u"smallPath"_s });
        QVERIFY(!small.isEmpty());
        const QByteArray smallPath = QUrl(small.value(u"path"_s).toString()).path().toUtf8();

        // WHEN more large images arrive than the decoder and its queue take
        const QByteArray big = plainPng(5000, 5000);
        Headers headers = m_alice.headers;
        headers.append(std::pair<QByteArray, QByteArray>("Host", "127.0.0.1"));
        headers.append(std::pair<QByteArray, QByteArray>(
            "Content-Type", "multipart/form-data; boundary=" + boundary));
        const QByteArray request =
            requestBytes("POST", "/api/v1/events/image", headers, fileForm(big));
        constexpr int uploads = 4;
        std::vector<std::unique_ptr<QTcpSocket>> sockets;
        QList<QByteArray> answers(uploads);
        for (int i = 0; i < uploads; ++i) {
            sockets.push_back(std::make_unique<QTcpSocket>());
            sockets.back()->connectToHost(u"127.0.0.1"_s, port());
            sockets.back()->write(request);
        }
        const auto statuses = [&] {
            QList<int> seen;
            for (int i = 0; i < uploads; ++i) {
                answers[i] += sockets[i]->readAll();
                seen.append(answers[i].size() >= 12 ? answers[i].mid(9, 3).toInt() : 0);
            }
            return seen;
        };
        // THEN the excess is refused at once with 503 while the others are decoded
        QVERIFY(QTest::qWaitFor([&] { return statuses().contains(503); }, 30000));
        // AND a download meanwhile is answered before the accepted decodes are done
        const RawAnswer download =
            rawExchange(port(), requestBytes("GET", smallPath, { { "Host", "127.0.0.1" } }));
        const QList<int> whenDownloaded = statuses();
        QCOMPARE(download.status, 200);
        QVERIFY2(whenDownloaded.contains(0), "every decode finished before the download");
        QVERIFY(QTest::qWaitFor([&] { return !statuses().contains(0); }, 60000));
        const QList<int> final = statuses();
        QVERIFY(final.contains(200));
        QVERIFY(std::all_of(final.begin(), final.end(),
                            [](int status) { return status == 200 || status == 503; }));
    }

    void videoGetsAPosterAndAThumbnail_data()
    {
        QTest::addColumn<QString>("suffix");
        QTest::newRow("mp4") << u".mp4"_s;
        QTest::newRow("mkv") << u".mkv"_s;
    }

    void videoGetsAPosterAndAThumbnail()
    {
        QFETCH(QString, suffix);
        requireFfmpeg();
        const QByteArray video = testVideo(suffix);
        QVERIFY(!video.isEmpty());
        const TestResponse response = upload(u"video"_s, fileForm(video, "clip.bin"));
        const QJsonObject data =
            uploadedUrls(response, { u"path"_s, u"shotPath"_s, u"smallPath"_s });
        QVERIFY(!data.isEmpty());
        const QString path = data.value(u"path"_s).toString();
        QVERIFY(path.endsWith(suffix));
        const QString base = path.chopped(suffix.size());
        QCOMPARE(data.value(u"shotPath"_s).toString(), base + u"-shot.png"_s);
        QCOMPARE(data.value(u"smallPath"_s).toString(), base + u"-small.png"_s);

        const TestResponse stored = fetch(path);
        QCOMPARE(stored.status, 200);
        QCOMPARE(stored.body, video);
        QVERIFY(stored.header("content-type").startsWith("video/"));
        const TestResponse part = fetch(path, { { "Range", "bytes=4-11" } });
        QCOMPARE(part.status, 206);
        QCOMPARE(part.body, video.sliced(4, 8));
        QCOMPARE(pngSize(fetch(data.value(u"shotPath"_s).toString()).body), QSize(64, 48));
        QCOMPARE(pngSize(fetch(data.value(u"smallPath"_s).toString()).body), QSize(20, 15));
        QCOMPARE(storedFiles().size(), 3);
    }

    void undecodableVideoKeepsNothing()
    {
        requireFfmpeg();
        // An MP4 signature followed by garbage: accepted by the signature, refused by ffmpeg.
        QByteArray fake("\x00\x00\x00\x18"
                        "ftypisom"
                        "\x00\x00\x02\x00"
                        "isomiso2",
                        24);
        fake += QByteArray(4096, '\x7f');
        const TestResponse response = upload(u"video"_s, fileForm(fake, "fake.mp4"));
        QCOMPARE(response.status, 400);
        QCOMPARE(message(response), u"The video could not be decoded."_s);
        QVERIFY(storedFiles().isEmpty());
    }

    void missingFfmpegIsAClearErrorAndKeepsNothing()
    {
        Config::ServerConfig withoutFfmpeg = config();
        withoutFfmpeg.ffmpegPath = QDir(m_dataDir->path()).filePath(u"no/such/ffmpeg"_s);
        m_server.reset();
        QVERIFY(startServer(withoutFfmpeg));
        QByteArray video("\x00\x00\x00\x18"
                         "ftypisom"
                         "\x00\x00\x02\x00"
                         "isomiso2",
                         24);
        video += QByteArray(1024, '\0');
        const TestResponse response = upload(u"video"_s, fileForm(video, "clip.mp4"));
        QCOMPARE(response.status, 503);
        QCOMPARE(response.json().value(u"statusCode"_s).toInt(), 503);
        QVERIFY2(message(response).contains(u"ffmpeg"_s), qPrintable(message(response)));
        QVERIFY(storedFiles().isEmpty());
        // Images do not need it.
        QCOMPARE(upload(u"image"_s, fileForm(encoded(gradient(10, 10), "PNG"))).status, 200);
    }
};

QTEST_GUILESS_MAIN(TestUploadsApi)
#include "tst_uploadsapi.moc"
