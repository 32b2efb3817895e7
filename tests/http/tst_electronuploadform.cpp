#include "http/electroncontroller.h"
#include "http/electronuploadform.h"
#include "http/requestsizelimits.h"
#include "multipartform.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Im;
using namespace Im::Http;
using Im::Test::MultipartForm;

namespace {

HttpRequest requestWith(const MultipartForm &form)
{
    HttpRequest request;
    request.method = HttpRequest::Method::Post;
    request.headers.append({ "Content-Type", form.contentType() });
    request.body = form.body();
    return request;
}

MultipartForm fullForm(const QString &platform = u"windows"_s, const QString &archs = u"x64"_s,
                       const QString &version = u"1.2.3"_s)
{
    MultipartForm form;
    form.field(u"platform"_s, platform).field(u"archs"_s, archs).field(u"version"_s, version);
    form.file(u"yml"_s, u"latest.yml"_s, "version: 1.2.3\n");
    form.file(u"app"_s, u"App Setup 1.2.3.exe"_s, "MZ installer");
    return form;
}

MultipartForm asarForm(const QStringList &fileNames, const QString &platform = u"macos"_s)
{
    MultipartForm form;
    form.field(u"platform"_s, platform).field(u"version"_s, u"1.2.3"_s);
    for (const QString &name : fileNames)
        form.file(u"app"_s, name, "PK archive of " + name.toUtf8());
    return form;
}

} // namespace

//! The upload forms of /api/v1/electron/full and /asar, without a server.
class TestElectronUploadForm : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sanitisesFileNames_data()
    {
        QTest::addColumn<QString>("clientName");
        QTest::addColumn<QString>("kept");
        QTest::newRow("plain") << u"App Setup 1.2.3.exe"_s << u"App Setup 1.2.3.exe"_s;
        QTest::newRow("unix path") << u"../../etc/passwd"_s << u"passwd"_s;
        QTest::newRow("windows path") << u"C:\\Users\\me\\app.exe"_s << u"app.exe"_s;
        QTest::newRow("control characters") << u"a\u0000b\r\nc.exe"_s << u"abc.exe"_s;
        QTest::newRow("unicode kept") << u"应用 🚀.dmg"_s << u"应用 🚀.dmg"_s;
        QTest::newRow("padding trimmed") << u"  app.zip  "_s << u"app.zip"_s;
        QTest::newRow("dot dot") << u"x/.."_s << QString();
        QTest::newRow("dot") << u"."_s << QString();
        QTest::newRow("directory only") << u"dir/"_s << QString();
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("too long") << QString(256, u'a') << QString();
        QTest::newRow("longest") << QString(255, u'a') << QString(255, u'a');
    }

    void sanitisesFileNames()
    {
        QFETCH(QString, clientName);
        QFETCH(QString, kept);
        QCOMPARE(sanitisedFileName(clientName), kept);
    }

    void readsAFullRelease()
    {
        const auto releases = readFullReleaseForm(requestWith(fullForm()), {});
        QVERIFY(releases);
        QCOMPARE(releases->size(), 1);
        const PendingRelease &release = releases->first();
        QCOMPARE(release.key.type, u"full"_s);
        QCOMPARE(release.key.platform, u"windows"_s);
        QCOMPARE(release.key.archs, u"x64"_s);
        QCOMPARE(release.key.version, u"1.2.3"_s);
        QCOMPARE(release.files.size(), 2);
        QCOMPARE(release.files[0].field, u"yml"_s);
        QCOMPARE(release.files[0].content, QByteArray("version: 1.2.3\n"));
        QCOMPARE(release.files[1].field, u"app"_s);
        QCOMPARE(release.files[1].name, u"App Setup 1.2.3.exe"_s);
    }

    void acceptsTheMacArchsOfThePublishScript()
    {
        QVERIFY(readFullReleaseForm(requestWith(fullForm(u"macos"_s, u"mac"_s)), {}));
        QVERIFY(!readFullReleaseForm(requestWith(fullForm(u"windows"_s, u"mac"_s)), {}));
    }

    void readsOneAsarReleasePerArchitecture()
    {
        const auto releases =
            readAsarReleaseForm(requestWith(asarForm({ u"x64.zip"_s, u"arm64.zip"_s })), {});
        QVERIFY(releases);
        QCOMPARE(releases->size(), 2);
        QCOMPARE(releases->at(0).key.archs, u"x64"_s);
        QCOMPARE(releases->at(1).key.archs, u"arm64"_s);
        for (const PendingRelease &release : releases.value()) {
            QCOMPARE(release.key.type, u"asar"_s);
            QCOMPARE(release.key.platform, u"macos"_s);
            QCOMPARE(release.files.size(), 1);
        }
        QCOMPARE(releases->at(1).files[0].content, QByteArray("PK archive of arm64.zip"));
    }

    void refusesBadForms_data()
    {
        QTest::addColumn<bool>("full");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("code");
        const auto row = [](const char *name, bool full, const MultipartForm &form,
                            ErrorCode code = ErrorCode::Malformed) {
            QTest::newRow(name) << full << form.contentType() << form.body() << int(code);
        };
        row("unknown platform", true, fullForm(u"ios"_s));
        row("platform in capitals", true, fullForm(u"Windows"_s));
        row("unknown archs", true, fullForm(u"windows"_s, u"x86"_s));
        row("two-part version", true, fullForm(u"windows"_s, u"x64"_s, u"1.2"_s));
        row("v-prefixed version", true, fullForm(u"windows"_s, u"x64"_s, u"v1.2.3"_s));
        row("path as version", true, fullForm(u"windows"_s, u"x64"_s, u"../1.2.3"_s));
        row("repeated field", true, fullForm().field(u"version"_s, u"1.2.4"_s));
        row("second yml", true, fullForm().file(u"yml"_s, u"other.yml"_s, "x"));
        row("unexpected file field", true, fullForm().file(u"icon"_s, u"icon.png"_s, "x"));
        row("platform sent as a file", true,
            MultipartForm()
                .file(u"platform"_s, u"p"_s, "windows")
                .field(u"archs"_s, u"x64"_s)
                .field(u"version"_s, u"1.0.0"_s)
                .file(u"app"_s, u"a.exe"_s, "x"));
        row("empty file", true, fullForm().file(u"app"_s, u"empty.exe"_s, QByteArray()));
        row("nameless file", true, fullForm().file(u"app"_s, u"../"_s, "x"));
        row("two files of one name", true,
            fullForm().file(u"app"_s, u"App Setup 1.2.3.exe"_s, "x"));
        row("no app", true,
            MultipartForm()
                .field(u"platform"_s, u"windows"_s)
                .field(u"archs"_s, u"x64"_s)
                .field(u"version"_s, u"1.0.0"_s)
                .file(u"yml"_s, u"latest.yml"_s, "x"));
        row("field too large", true, fullForm().field(u"remark"_s, QString(2000, u'x')),
            ErrorCode::TooLarge);
        row("yml too large", true,
            MultipartForm()
                .field(u"platform"_s, u"windows"_s)
                .field(u"archs"_s, u"x64"_s)
                .field(u"version"_s, u"1.0.0"_s)
                .file(u"yml"_s, u"latest.yml"_s, QByteArray(1024 * 1024 + 1, 'y'))
                .file(u"app"_s, u"a.exe"_s, "x"),
            ErrorCode::TooLarge);
        row("yml in an asar upload", false,
            asarForm({ u"x64.zip"_s }).file(u"yml"_s, u"latest.yml"_s, "x"));
        row("asar of an unknown arch", false, asarForm({ u"x86.zip"_s }));
        row("asar named without arch", false, asarForm({ u"update.zip"_s }));
        row("two asars of one arch", false, asarForm({ u"x64.zip"_s, u"x64.asar"_s }));
        row("asar for an unknown platform", false, asarForm({ u"x64.zip"_s }, u"darwin"_s));
        QTest::newRow("JSON body")
            << true << QByteArray("application/json") << QByteArray(R"({"platform":"windows"})")
            << int(ErrorCode::Malformed);
    }

    void refusesBadForms()
    {
        QFETCH(bool, full);
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        QFETCH(int, code);
        HttpRequest request;
        request.headers.append({ "Content-Type", contentType });
        request.body = body;
        const auto releases =
            full ? readFullReleaseForm(request, {}) : readAsarReleaseForm(request, {});
        QVERIFY(!releases);
        QCOMPARE(int(releases.error().code), code);
    }

    void limitsTheSizeOfEachFile()
    {
        ReleaseUploadLimits limits;
        limits.maxUploadBytes = 8;
        const MultipartForm form = asarForm({ u"x64.zip"_s }); // 21 bytes
        const auto releases = readAsarReleaseForm(requestWith(form), limits);
        QVERIFY(!releases);
        QCOMPARE(releases.error().code, ErrorCode::TooLarge);
        limits.maxUploadBytes = 64;
        QVERIFY(readAsarReleaseForm(requestWith(form), limits));
    }

    void limitsTheNumberOfApps()
    {
        ReleaseUploadLimits limits;
        limits.maxAppFiles = 2;
        MultipartForm form = fullForm();
        form.file(u"app"_s, u"App Setup 1.2.3.exe.blockmap"_s, "x");
        QVERIFY(readFullReleaseForm(requestWith(form), limits));
        form.file(u"app"_s, u"third"_s, "x");
        QVERIFY(!readFullReleaseForm(requestWith(form), limits));
    }

    // The front door reads the limit from the request line, before the form is parsed.
    void uploadRoutesHaveTheirOwnRequestLimit()
    {
        ReleaseUploadLimits limits;
        limits.maxUploadBytes = 300 * 1024 * 1024;
        const RequestSizeLimits front(1024 * 1024, ElectronController::requestSizeLimits(limits));
        for (const QString &path : { u"/api/v1/electron/full"_s, u"/api/v1/electron/asar"_s }) {
            QVERIFY(front.limitForPath(path) > limits.maxUploadBytes);
            QVERIFY(front.limitForPath(path) < limits.maxUploadBytes + 1024 * 1024);
        }
        QCOMPARE(front.limitForRequestLine("POST /api/v1/electron/full HTTP/1.1"),
                 front.limitForPath(u"/api/v1/electron/full"_s));
        QCOMPARE(front.limitForPath(u"/api/v1/electron/activate"_s), 1024 * 1024);
    }
};

QTEST_GUILESS_MAIN(TestElectronUploadForm)
#include "tst_electronuploadform.moc"
