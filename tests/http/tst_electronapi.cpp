#include "apiclient.h"
#include "auth/passwordhasher.h"
#include "inprocessserver.h"
#include "multipartform.h"
#include "scratchdatabase.h"
#include "store/adminaccounts.h"
#include "store/dbsession.h"
#include "testhttpclient.h"
#include "testservices.h"

#include <QBuffer>
#include <QDirIterator>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;
using namespace Im;
using namespace Im::Test;

namespace {

const QString bad = u"Incorrect request parameter."_s;
const QString forbidden = u"Forbidden resource"_s;
const QString uploaded = u"Upload successed."_s;
const QString noUpdate = u"No update available."_s;

const QStringList recordKeys { u"actived"_s,     u"archs"_s,     u"createdAt"_s, u"ext"_s,
                               u"forceUpdate"_s, u"id"_s,        u"platform"_s,  u"remark"_s,
                               u"type"_s,        u"updatedAt"_s, u"version"_s };

using Files = QList<std::pair<QString, QByteArray>>;

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

QStringList plus(QStringList keys, const QString &key)
{
    keys.append(key);
    keys.sort();
    return keys;
}

//! Bytes that look like an installer: every byte value, different per seed.
QByteArray binary(int size, int seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (int i = 0; i < size; ++i)
        bytes[i] = char((i * 7 + seed * 13 + i / 256) % 256);
    return bytes;
}

QJsonObject dataObject(const TestResponse &response)
{
    return response.json().value(u"data"_s).toObject();
}

QJsonArray dataArray(const TestResponse &response)
{
    return response.json().value(u"data"_s).toArray();
}

} // namespace

//! `/api/v1/electron` and the update feed through the whole server over HTTP, on SQLite and on
//! MariaDB.
class TestElectronApi : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ScratchDatabase> m_database;
    std::unique_ptr<QTemporaryDir> m_dataDir;
    std::unique_ptr<InProcessServer> m_server;
    Headers m_admin;
    Headers m_user;

    QString electronDir() const { return m_dataDir->filePath(u"uploads/electron"_s); }

    //! Every file under the release storage, relative to it, sorted.
    QStringList storedFiles() const
    {
        QStringList files;
        QDirIterator it(electronDir(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext())
            files.append(QDir(electronDir()).relativeFilePath(it.next()));
        files.sort();
        return files;
    }

    QByteArray storedContent(const QString &relativePath) const
    {
        QFile file(QDir(electronDir()).filePath(relativePath));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    int count(const QString &sql) { return m_database->scalar(sql).toInt(); }

    //! An admin made with the store's admin helper (what `--create-admin` runs), logged in.
    Headers createAdmin(const QString &account)
    {
        const auto hash = Auth::PasswordHasher::hash(testPassword);
        if (!hash)
            return {};
        Store::DbSession session(m_database->connection(), m_database->settings().dialect);
        if (!Store::createOrPromoteAdmin(session, account, hash.value()))
            return {};
        return sessionHeaders(
            sendJson(*m_server, "POST", u"/api/v1/users/login"_s, {},
                     QJsonObject { { u"account"_s, account }, { u"pwd"_s, testPassword } })
                .json());
    }

    TestResponse post(const QString &path, const MultipartForm &form, Headers headers)
    {
        headers.append({ "Content-Type", form.contentType() });
        return httpRequest("POST", m_server->url(path), headers, form.body());
    }

    TestResponse get(const QString &path, const Headers &headers = {})
    {
        return httpRequest("GET", m_server->url(path), headers);
    }

    static MultipartForm fullForm(const QString &platform, const QString &archs,
                                  const QString &version, const QByteArray &yml, const Files &apps)
    {
        MultipartForm form;
        form.field(u"platform"_s, platform).field(u"archs"_s, archs).field(u"version"_s, version);
        if (!yml.isNull()) {
            form.file(u"yml"_s, platform == u"macos"_s ? u"latest-mac.yml"_s : u"latest.yml"_s, yml,
                      "application/x-yaml");
        }
        for (const auto &[name, content] : apps)
            form.file(u"app"_s, name, content);
        return form;
    }

    static MultipartForm asarForm(const QString &platform, const QString &version,
                                  const QStringList &archs)
    {
        MultipartForm form;
        form.field(u"platform"_s, platform).field(u"version"_s, version);
        for (const QString &arch : archs)
            form.file(u"app"_s, arch + u".zip"_s, asarContent(version, arch), "application/zip");
        return form;
    }

    static QByteArray asarContent(const QString &version, const QString &arch)
    {
        return "PK asar " + version.toUtf8() + ' ' + arch.toUtf8();
    }

    TestResponse publishFull(const QString &platform, const QString &archs, const QString &version,
                             const QByteArray &yml = "version: x\n",
                             const Files &apps = { { u"Setup.exe"_s, "MZ" } })
    {
        return post(u"/api/v1/electron/full"_s, fullForm(platform, archs, version, yml, apps),
                    m_admin);
    }

    TestResponse publishAsar(const QString &platform, const QString &version,
                             const QStringList &archs)
    {
        return post(u"/api/v1/electron/asar"_s, asarForm(platform, version, archs), m_admin);
    }

    //! The id of the first release an upload answer lists; 0 when it failed.
    static int firstId(const TestResponse &response)
    {
        if (response.status != 200)
            qWarning() << "upload failed:" << response.body;
        return dataArray(response).at(0).toObject().value(u"id"_s).toInt();
    }

    TestResponse activate(int id, bool actived = true)
    {
        return sendJson(*m_server, "POST", u"/api/v1/electron/activate"_s, m_admin,
                        QJsonObject { { u"id"_s, id }, { u"actived"_s, actived } });
    }

    TestResponse infoForAsar(const QString &platform, const QString &archs, const QString &version,
                             const Headers &headers)
    {
        return get(u"/api/v1/electron/infoForAsar?platform=%1&archs=%2&version=%3"_s.arg(
                       platform, archs, QString::fromLatin1(QUrl::toPercentEncoding(version))),
                   headers);
    }

    //! The version infoForAsar offers to a Windows x64 client at \a version; empty for none.
    QString offeredTo(const QString &version)
    {
        const TestResponse response = infoForAsar(u"windows"_s, u"x64"_s, version, m_user);
        if (response.status != 200)
            return u"HTTP %1"_s.arg(response.status);
        if (response.json().value(u"statusCode"_s).toInt() == 204)
            return {};
        return dataObject(response).value(u"version"_s).toString();
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
        m_server = InProcessServer::launch(m_database->settings(), m_dataDir->path());
        QVERIFY(m_server);
        m_admin = createAdmin(u"13800000001"_s);
        QVERIFY(!m_admin.isEmpty());
        m_user = sessionHeaders(registerAccount(*m_server, u"13800000002"_s));
    }

    void cleanup()
    {
        m_server.reset();
        m_database.reset();
        m_dataDir.reset();
    }

    void publishesAFullRelease()
    {
        const QByteArray yml = "version: 1.2.0\nfiles:\n  - url: IM-Setup-1.2.0.exe\n";
        const QByteArray installer = binary(300 * 1024, 1);
        const TestResponse response =
            publishFull(u"windows"_s, u"x64"_s, u"1.2.0"_s, yml,
                        { { u"IM-Setup-1.2.0.exe"_s, installer },
                          { u"IM-Setup-1.2.0.exe.blockmap"_s, "blockmap" },
                          { u"../../../evil.exe"_s, "evil" } });
        QCOMPARE(response.status, 200);
        QCOMPARE(response.json().value(u"statusCode"_s).toInt(), 200);
        QCOMPARE(message(response), uploaded);
        const QJsonArray releases = dataArray(response);
        QCOMPARE(releases.size(), 1);
        const QJsonObject release = releases.at(0).toObject();
        QCOMPARE(sortedKeys(release), plus(recordKeys, u"files"_s));
        QVERIFY(release.value(u"id"_s).toInt() > 0);
        QCOMPARE(release.value(u"platform"_s).toString(), u"windows"_s);
        QCOMPARE(release.value(u"archs"_s).toString(), u"x64"_s);
        QCOMPARE(release.value(u"version"_s).toString(), u"1.2.0"_s);
        QCOMPARE(release.value(u"type"_s).toString(), u"full"_s);
        QCOMPARE(release.value(u"actived"_s), QJsonValue(false));
        QCOMPARE(release.value(u"forceUpdate"_s), QJsonValue(false));
        QVERIFY(release.value(u"ext"_s).isNull());
        QCOMPARE(release.value(u"createdAt"_s).toString().size(), 19);
        const QJsonArray expectedFiles {
            QJsonObject { { u"field"_s, u"yml"_s },
                          { u"name"_s, u"latest.yml"_s },
                          { u"size"_s, yml.size() } },
            QJsonObject { { u"field"_s, u"app"_s },
                          { u"name"_s, u"IM-Setup-1.2.0.exe"_s },
                          { u"size"_s, installer.size() } },
            QJsonObject { { u"field"_s, u"app"_s },
                          { u"name"_s, u"IM-Setup-1.2.0.exe.blockmap"_s },
                          { u"size"_s, 8 } },
            // The client's path is dropped; the name is only metadata.
            QJsonObject {
                { u"field"_s, u"app"_s }, { u"name"_s, u"evil.exe"_s }, { u"size"_s, 4 } },
        };
        QCOMPARE(release.value(u"files"_s).toArray(), expectedFiles);

        QCOMPARE(count(u"SELECT COUNT(*) FROM Electrons WHERE type = 'full' AND actived = 0 AND "
                       "platform = 'windows' AND archs = 'x64' AND version = '1.2.0'"_s),
                 1);
        // The server's names on disk, never the client's.
        const QString dir = u"full/1.2.0/windows/x64/"_s;
        QCOMPARE(storedFiles(),
                 QStringList({ dir + u"app-1"_s, dir + u"app-2"_s, dir + u"app-3"_s,
                               dir + u"manifest.json"_s, dir + u"yml-1"_s }));
        QCOMPARE(storedContent(dir + u"yml-1"_s), yml);
        QCOMPARE(storedContent(dir + u"app-1"_s), installer);
        QCOMPARE(storedContent(dir + u"app-3"_s), QByteArray("evil"));
        QVERIFY(!QFile::exists(m_dataDir->filePath(u"evil.exe"_s)));
    }

    void publishesOneAsarReleasePerArchitecture()
    {
        const TestResponse response = publishAsar(u"macos"_s, u"1.2.0"_s, { u"x64"_s, u"arm64"_s });
        QCOMPARE(response.status, 200);
        QCOMPARE(message(response), uploaded);
        const QJsonArray releases = dataArray(response);
        QCOMPARE(releases.size(), 2);
        QStringList archs;
        for (const QJsonValue &value : releases) {
            const QJsonObject release = value.toObject();
            QCOMPARE(release.value(u"type"_s).toString(), u"asar"_s);
            QCOMPARE(release.value(u"platform"_s).toString(), u"macos"_s);
            QCOMPARE(release.value(u"version"_s).toString(), u"1.2.0"_s);
            const QString arch = release.value(u"archs"_s).toString();
            archs.append(arch);
            QCOMPARE(release.value(u"files"_s).toArray(),
                     QJsonArray(
                         { QJsonObject { { u"field"_s, u"app"_s },
                                         { u"name"_s, arch + u".zip"_s },
                                         { u"size"_s, asarContent(u"1.2.0"_s, arch).size() } } }));
        }
        QCOMPARE(archs, QStringList({ u"x64"_s, u"arm64"_s }));
        QCOMPARE(count(u"SELECT COUNT(*) FROM Electrons WHERE type = 'asar'"_s), 2);
        QCOMPARE(storedContent(u"asar/1.2.0/macos/arm64/app-1"_s),
                 asarContent(u"1.2.0"_s, u"arm64"_s));
        QCOMPARE(storedContent(u"asar/1.2.0/macos/x64/app-1"_s), asarContent(u"1.2.0"_s, u"x64"_s));
    }

    void limitsTheUploadSize()
    {
        // Larger than HTTP_MAX_REQUEST_BYTES: the upload routes have their own limit.
        const QByteArray big = binary(3 * 1024 * 1024, 5);
        QCOMPARE(publishFull(u"windows"_s, u"x64"_s, u"1.0.0"_s, "y", { { u"Setup.exe"_s, big } })
                     .status,
                 200);

        m_server.reset();
        Config::ServerConfig config =
            InProcessServer::configFor(m_database->settings(), m_dataDir->path());
        config.uploadMaxReleaseBytes = 2 * 1024 * 1024;
        m_server = std::make_unique<InProcessServer>(config);
        QVERIFY(m_server->start());
        // A file over the limit in a request the front door lets through: the form refuses it.
        const TestResponse overFile =
            publishFull(u"windows"_s, u"x64"_s, u"1.1.0"_s, "y",
                        { { u"Setup.exe"_s, big.first(config.uploadMaxReleaseBytes + 1) } });
        QCOMPARE(overFile.status, 413);
        QCOMPARE(overFile.json().value(u"statusCode"_s).toInt(), 413);
        QCOMPARE(count(u"SELECT COUNT(*) FROM Electrons"_s), 1);
    }

    void requiresThePermission()
    {
        const MultipartForm full = fullForm(u"windows"_s, u"x64"_s, u"1.0.0"_s, "y", {});
        const MultipartForm asar = asarForm(u"windows"_s, u"1.0.0"_s, { u"x64"_s });
        for (const Headers &headers : { Headers(), m_user }) {
            const int status = headers.isEmpty() ? 401 : 403;
            const QString text = headers.isEmpty() ? u"Unauthorized"_s : forbidden;
            const TestResponse answers[] = {
                post(u"/api/v1/electron/full"_s, full, headers),
                post(u"/api/v1/electron/asar"_s, asar, headers),
                sendJson(*m_server, "POST", u"/api/v1/electron/activate"_s, headers,
                         QJsonObject { { u"id"_s, 1 } }),
                get(u"/api/v1/electron/releases"_s, headers),
            };
            for (const TestResponse &answer : answers) {
                QCOMPARE(answer.status, status);
                QCOMPARE(answer.json().value(u"statusCode"_s).toInt(), status);
                QCOMPARE(message(answer), text);
            }
        }
        QCOMPARE(infoForAsar(u"windows"_s, u"x64"_s, u"1.0.0"_s, {}).status, 401);
        QCOMPARE(count(u"SELECT COUNT(*) FROM Electrons"_s), 0);
        QCOMPARE(storedFiles(), QStringList());
    }

    void refusesBadUploads()
    {
        const Files app { { u"Setup.exe"_s, "MZ" } };
        const TestResponse answers[] = {
            post(u"/api/v1/electron/full"_s, fullForm(u"android"_s, u"x64"_s, u"1.0.0"_s, "y", app),
                 m_admin),
            post(u"/api/v1/electron/full"_s, fullForm(u"windows"_s, u"x86"_s, u"1.0.0"_s, "y", app),
                 m_admin),
            post(u"/api/v1/electron/full"_s, fullForm(u"windows"_s, u"x64"_s, u"1.0"_s, "y", app),
                 m_admin),
            post(u"/api/v1/electron/full"_s,
                 fullForm(u"windows"_s, u"x64"_s, u"1.0.0/../.."_s, "y", app), m_admin),
            post(u"/api/v1/electron/full"_s, fullForm(u"windows"_s, u"x64"_s, u"1.0.0"_s, "y", {}),
                 m_admin),
            post(u"/api/v1/electron/asar"_s, asarForm(u"windows"_s, u"1.0.0"_s, { u"x86"_s }),
                 m_admin),
            post(u"/api/v1/electron/asar"_s, asarForm(u"windows"_s, u"1.0.0"_s, {}), m_admin),
            sendJson(*m_server, "POST", u"/api/v1/electron/full"_s, m_admin,
                     QJsonObject { { u"platform"_s, u"windows"_s },
                                   { u"archs"_s, u"x64"_s },
                                   { u"version"_s, u"1.0.0"_s } }),
        };
        for (const TestResponse &answer : answers) {
            QCOMPARE(answer.status, 400);
            QCOMPARE(answer.json().value(u"statusCode"_s).toInt(), 400);
            QVERIFY(!message(answer).isEmpty());
        }
        QCOMPARE(message(answers[0]), bad);
        QCOMPARE(count(u"SELECT COUNT(*) FROM Electrons"_s), 0);
        QCOMPARE(storedFiles(), QStringList());
    }

    void refusesAReleaseThatExists()
    {
        QCOMPARE(publishFull(u"windows"_s, u"x64"_s, u"1.0.0"_s).status, 200);
        const TestResponse again = publishFull(u"windows"_s, u"x64"_s, u"1.0.0"_s);
        QCOMPARE(again.status, 409);
        QCOMPARE(again.json().value(u"statusCode"_s).toInt(), 409);
        QCOMPARE(message(again),
                 u"The current version[1.0.0] already exists under the platform[windows]."_s);
        // Build metadata does not make another version (semver precedence).
        QCOMPARE(publishFull(u"windows"_s, u"x64"_s, u"1.0.0+build.7"_s).status, 409);
        // Another archs, platform or type is another release.
        QCOMPARE(publishFull(u"windows"_s, u"x32"_s, u"1.0.0"_s).status, 200);
        QCOMPARE(publishFull(u"macos"_s, u"mac"_s, u"1.0.0"_s).status, 200);
        QCOMPARE(publishAsar(u"windows"_s, u"1.0.0"_s, { u"x64"_s }).status, 200);
        QCOMPARE(publishAsar(u"macos"_s, u"1.0.0"_s, { u"x64"_s }).status, 200);
        // All or nothing: arm64 is new, x64 is not.
        QCOMPARE(publishAsar(u"macos"_s, u"1.0.0"_s, { u"arm64"_s, u"x64"_s }).status, 409);
        QCOMPARE(count(u"SELECT COUNT(*) FROM Electrons WHERE archs = 'arm64'"_s), 0);
        QCOMPARE(count(u"SELECT COUNT(*) FROM Electrons"_s), 5);
        // Refused uploads leave no file behind.
        const QStringList files = storedFiles();
        QCOMPARE(files.size(), 5 * 2 + 3); // app + manifest each; full releases have a yml too
        for (const QString &file : files)
            QVERIFY2(!file.startsWith(u".staging"_s), qPrintable(file));
    }

    void concurrentUploadsOfOneReleaseCreateItOnce()
    {
        const MultipartForm form = fullForm(u"windows"_s, u"x64"_s, u"3.0.0"_s, "y",
                                            { { u"Setup.exe"_s, binary(256 * 1024, 3) } });
        QNetworkAccessManager manager;
        QList<QNetworkReply *> replies;
        QList<std::shared_ptr<QBuffer>> bodies;
        for (int i = 0; i < 2; ++i) {
            QNetworkRequest request(m_server->url(u"/api/v1/electron/full"_s));
            for (const auto &[name, value] : m_admin)
                request.setRawHeader(name, value);
            request.setRawHeader("Content-Type", form.contentType());
            auto body = std::make_shared<QBuffer>();
            body->setData(form.body());
            body->open(QIODevice::ReadOnly);
            bodies.append(body);
            replies.append(manager.post(request, body.get()));
        }
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(replies.begin(), replies.end(),
                                             [](QNetworkReply *r) { return r->isFinished(); }),
                                 30000);
        QList<int> statuses;
        for (QNetworkReply *reply : std::as_const(replies)) {
            statuses.append(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt());
            delete reply;
        }
        std::sort(statuses.begin(), statuses.end());
        QCOMPARE(statuses, QList<int>({ 200, 409 }));
        QCOMPARE(count(u"SELECT COUNT(*) FROM Electrons"_s), 1);
        QCOMPARE(storedFiles().size(), 3);
    }

    void activatesAndListsReleases()
    {
        const int full = firstId(publishFull(u"windows"_s, u"x64"_s, u"1.0.0"_s));
        const int asar = firstId(publishAsar(u"windows"_s, u"1.0.0"_s, { u"x64"_s }));
        QVERIFY(full > 0 && asar > full);

        const TestResponse listed = get(u"/api/v1/electron/releases"_s, m_admin);
        QCOMPARE(listed.status, 200);
        const QJsonArray releases = dataArray(listed);
        QCOMPARE(releases.size(), 2);
        QCOMPARE(releases.at(0).toObject().value(u"id"_s).toInt(), asar); // newest first
        QCOMPARE(releases.at(1).toObject().value(u"id"_s).toInt(), full);
        QCOMPARE(sortedKeys(releases.at(0).toObject()), plus(recordKeys, u"files"_s));
        QCOMPARE(releases.at(1).toObject().value(u"files"_s).toArray().size(), 2);

        const TestResponse activated = activate(full);
        QCOMPARE(activated.status, 200);
        QCOMPARE(message(activated), u"Successfully."_s);
        QCOMPARE(sortedKeys(dataObject(activated)), recordKeys);
        QCOMPARE(dataObject(activated).value(u"id"_s).toInt(), full);
        QCOMPARE(dataObject(activated).value(u"actived"_s), QJsonValue(true));
        QCOMPARE(count(u"SELECT actived FROM Electrons WHERE id = %1"_s.arg(full)), 1);
        QCOMPARE(count(u"SELECT actived FROM Electrons WHERE id = %1"_s.arg(asar)), 0);

        // `actived` defaults to true; forceUpdate is set when sent.
        const TestResponse forced =
            sendJson(*m_server, "POST", u"/api/v1/electron/activate"_s, m_admin,
                     QJsonObject { { u"id"_s, asar }, { u"forceUpdate"_s, true } });
        QCOMPARE(forced.status, 200);
        QCOMPARE(dataObject(forced).value(u"actived"_s), QJsonValue(true));
        QCOMPARE(dataObject(forced).value(u"forceUpdate"_s), QJsonValue(true));

        const TestResponse deactivated = activate(full, false);
        QCOMPARE(deactivated.status, 200);
        QCOMPARE(dataObject(deactivated).value(u"actived"_s), QJsonValue(false));
        QCOMPARE(count(u"SELECT actived FROM Electrons WHERE id = %1"_s.arg(full)), 0);

        const TestResponse missing = activate(asar + 100);
        QCOMPARE(missing.status, 404);
        QCOMPARE(message(missing), u"No release found with id %1"_s.arg(asar + 100));
        for (const QJsonObject &body :
             { QJsonObject(), QJsonObject { { u"id"_s, u"1"_s } },
               QJsonObject { { u"id"_s, full }, { u"actived"_s, u"yes"_s } },
               QJsonObject { { u"id"_s, full }, { u"forceUpdate"_s, 1 } } }) {
            const TestResponse refused =
                sendJson(*m_server, "POST", u"/api/v1/electron/activate"_s, m_admin, body);
            QCOMPARE(refused.status, 400);
            QCOMPARE(message(refused), bad);
        }
    }

    void infoForAsarOffersTheNewestActiveNewerRelease()
    {
        QHash<QString, int> ids;
        for (const QString &version :
             { u"1.9.0"_s, u"1.10.0"_s, u"2.0.0-beta"_s, u"2.0.0"_s, u"3.0.0"_s }) {
            ids.insert(version, firstId(publishAsar(u"windows"_s, version, { u"x64"_s })));
        }
        // Newer, active, but not for this client: another arch, a full release.
        QCOMPARE(activate(firstId(publishAsar(u"windows"_s, u"5.0.0"_s, { u"arm64"_s }))).status,
                 200);
        const int full = firstId(publishFull(u"windows"_s, u"x64"_s, u"9.0.0"_s));
        QCOMPARE(activate(full).status, 200);

        QCOMPARE(offeredTo(u"1.0.0"_s), QString()); // nothing active yet
        QCOMPARE(activate(ids[u"1.9.0"_s]).status, 200);
        QCOMPARE(activate(ids[u"1.10.0"_s]).status, 200);
        QCOMPARE(offeredTo(u"1.9.0"_s), u"1.10.0"_s); // not text order
        QCOMPARE(offeredTo(u"1.2.0"_s), u"1.10.0"_s);
        QCOMPARE(offeredTo(u"1.10.0"_s), QString());
        QCOMPARE(activate(ids[u"2.0.0-beta"_s]).status, 200);
        QCOMPARE(offeredTo(u"1.10.0"_s), u"2.0.0-beta"_s);
        QCOMPARE(activate(ids[u"2.0.0"_s]).status, 200);
        QCOMPARE(offeredTo(u"2.0.0-beta"_s), u"2.0.0"_s); // a pre-release is older
        QCOMPARE(offeredTo(u"1.9.0"_s), u"2.0.0"_s);
        QCOMPARE(offeredTo(u"2.0.0"_s), QString()); // 3.0.0 is not active
        QCOMPARE(offeredTo(u"2.0.0+build.1"_s), QString());
        QCOMPARE(activate(ids[u"2.0.0"_s], false).status, 200);
        QCOMPARE(offeredTo(u"1.10.0"_s), u"2.0.0-beta"_s);

        // The answers' shapes: the original's row plus where to get it; 204 inside a 200.
        const TestResponse offer = infoForAsar(u"windows"_s, u"x64"_s, u"1.9.0"_s, m_user);
        QCOMPARE(offer.status, 200);
        QCOMPARE(offer.json().value(u"statusCode"_s).toInt(), 200);
        const QJsonObject release = dataObject(offer);
        QCOMPARE(sortedKeys(release), plus(recordKeys, u"url"_s));
        QCOMPARE(release.value(u"id"_s).toInt(), ids[u"2.0.0-beta"_s]);
        QCOMPARE(release.value(u"type"_s).toString(), u"asar"_s);
        QCOMPARE(release.value(u"archs"_s).toString(), u"x64"_s);
        QCOMPARE(release.value(u"actived"_s), QJsonValue(true));
        QCOMPARE(release.value(u"url"_s).toString(),
                 u"/electron/asar/%1"_s.arg(ids[u"2.0.0-beta"_s]));
        const TestResponse none = infoForAsar(u"windows"_s, u"x32"_s, u"1.0.0"_s, m_admin);
        QCOMPARE(none.status, 200);
        QCOMPARE(none.json(),
                 QJsonObject({ { u"statusCode"_s, 204 }, { u"message"_s, noUpdate } }));

        // The archive behind the url; inactive and full releases are not served there.
        const TestResponse archive = get(release.value(u"url"_s).toString());
        QCOMPARE(archive.status, 200);
        QCOMPARE(archive.body, asarContent(u"2.0.0-beta"_s, u"x64"_s));
        QCOMPARE(archive.header("Content-Type"), QByteArray("application/zip"));
        QCOMPARE(archive.header("Content-Disposition"),
                 QByteArray("attachment; filename*=UTF-8''x64.zip"));
        QCOMPARE(get(u"/electron/asar/%1"_s.arg(ids[u"3.0.0"_s])).status, 404);
        QCOMPARE(get(u"/electron/asar/%1"_s.arg(full)).status, 404);
        QCOMPARE(get(u"/electron/asar/abc"_s).status, 404);

        for (const QString &query :
             { u"platform=windows&archs=x64"_s, u"platform=windows&archs=x64&version=1.0"_s,
               u"platform=ios&archs=x64&version=1.0.0"_s,
               u"platform=macos&archs=mac&version=1.0.0"_s, u"archs=x64&version=1.0.0"_s }) {
            const TestResponse refused = get(u"/api/v1/electron/infoForAsar?"_s + query, m_user);
            QCOMPARE(refused.status, 400);
            QCOMPARE(message(refused), bad);
        }
    }

    void feedServesTheNewestActiveFullRelease()
    {
        const QByteArray yml1 = "version: 1.0.0\npath: IM-Setup-1.0.0.exe\n";
        const QByteArray yml2 = "version: 1.1.0\npath: IM-Setup-1.1.0.exe\n";
        const QByteArray ymlMac = "version: 1.1.0\npath: IM-1.1.0-mac.zip\n";
        const QByteArray exe1 = binary(100 * 1024, 1);
        const QByteArray exe2 = binary(200 * 1024 + 17, 2);
        const QByteArray zip = binary(50 * 1024, 3);
        const int win1 = firstId(publishFull(u"windows"_s, u"x64"_s, u"1.0.0"_s, yml1,
                                             { { u"IM-Setup-1.0.0.exe"_s, exe1 } }));
        const int win2 = firstId(publishFull(u"windows"_s, u"x64"_s, u"1.1.0"_s, yml2,
                                             { { u"IM-Setup-1.1.0.exe"_s, exe2 } }));
        const int mac = firstId(publishFull(u"macos"_s, u"mac"_s, u"1.1.0"_s, ymlMac,
                                            { { u"IM-1.1.0-mac.zip"_s, zip } }));
        QVERIFY(win1 > 0 && win2 > 0 && mac > 0);

        // Nothing is served before a release is active.
        for (const QString &file : { u"latest.yml"_s, u"latest-mac.yml"_s, u"latest-linux.yml"_s,
                                     u"IM-Setup-1.0.0.exe"_s }) {
            QCOMPARE(get(u"/electron/last/"_s + file).status, 404);
        }

        QCOMPARE(activate(win1).status, 200);
        TestResponse feed = get(u"/electron/last/latest.yml"_s);
        QCOMPARE(feed.status, 200);
        QCOMPARE(feed.body, yml1);
        QVERIFY(feed.header("Content-Type").startsWith("text/yaml"));
        QCOMPARE(feed.header("Cache-Control"), QByteArray("no-cache"));
        TestResponse installer = get(u"/electron/last/IM-Setup-1.0.0.exe"_s);
        QCOMPARE(installer.status, 200);
        QCOMPARE(installer.body, exe1);
        QCOMPARE(installer.header("Content-Length").toLongLong(), exe1.size());

        // The newest active release by version takes over the feed.
        QCOMPARE(activate(win2).status, 200);
        feed = get(u"/electron/last/latest.yml"_s);
        QCOMPARE(feed.body, yml2);
        installer = get(u"/electron/last/IM-Setup-1.1.0.exe"_s);
        QCOMPARE(installer.status, 200);
        QCOMPARE(installer.body, exe2);
        QCOMPARE(installer.header("Accept-Ranges"), QByteArray("bytes"));
        QCOMPARE(get(u"/electron/last/IM-Setup-1.0.0.exe"_s).status, 404);

        // One platform's release does not change another's feed.
        QCOMPARE(get(u"/electron/last/latest-mac.yml"_s).status, 404);
        QCOMPARE(activate(mac).status, 200);
        const TestResponse macFeed = get(u"/electron/last/latest-mac.yml"_s);
        QCOMPARE(macFeed.status, 200);
        QCOMPARE(macFeed.body, ymlMac);
        const TestResponse macZip = get(u"/electron/last/IM-1.1.0-mac.zip"_s);
        QCOMPARE(macZip.status, 200);
        QCOMPARE(macZip.body, zip);
        QCOMPARE(macZip.header("Content-Type"), QByteArray("application/zip"));
        QCOMPARE(get(u"/electron/last/latest.yml"_s).body, yml2);
        QCOMPARE(get(u"/electron/last/latest-linux.yml"_s).status, 404);
        QCOMPARE(get(u"/electron/last/unknown.exe"_s).status, 404);
        QCOMPARE(get(u"/electron/last/manifest.json"_s).status, 404);

        // Ranges, for resumed and differential downloads.
        const TestResponse part =
            get(u"/electron/last/IM-Setup-1.1.0.exe"_s, { { "Range", "bytes=100-199" } });
        QCOMPARE(part.status, 206);
        QCOMPARE(part.body, exe2.sliced(100, 100));
        QCOMPARE(part.header("Content-Range"), "bytes 100-199/" + QByteArray::number(exe2.size()));
        const TestResponse tail =
            get(u"/electron/last/IM-Setup-1.1.0.exe"_s, { { "Range", "bytes=-10" } });
        QCOMPARE(tail.status, 206);
        QCOMPARE(tail.body, exe2.last(10));
        QCOMPARE(
            get(u"/electron/last/IM-Setup-1.1.0.exe"_s, { { "Range", "bytes=99999999-" } }).status,
            416);

        QCOMPARE(activate(mac, false).status, 200);
        QCOMPARE(get(u"/electron/last/latest-mac.yml"_s).status, 404);
        QCOMPARE(get(u"/electron/last/IM-1.1.0-mac.zip"_s).status, 404);
    }
};

QTEST_GUILESS_MAIN(TestElectronApi)
#include "tst_electronapi.moc"
