#include "http/electronfeed.h"

#include "http/envelope.h"
#include "http/fieldrules.h"
#include "http/filedownload.h"
#include "im/futures.h"
#include "store/dbexecutor.h"

#include <QMimeDatabase>
#include <QPromise>
#include <QUrl>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace Im::Http {

namespace {

using Store::ElectronRecord;
using Store::ReleaseFile;

const QString feedPrefix = u"/electron/last"_s;
const QString asarPrefix = u"/electron/asar"_s;
const QString ymlField = u"yml"_s;
const QString appField = u"app"_s;

// The platforms whose full releases the feed serves, in the order their files are looked for.
const QList<QLatin1StringView> feedPlatforms { Store::Electron::Windows, Store::Electron::MacOs,
                                               Store::Electron::Linux };

QByteArray contentTypeOf(const ReleaseFile &file)
{
    if (file.field == ymlField)
        return "text/yaml; charset=utf-8";
    const QMimeType type =
        QMimeDatabase().mimeTypeForFile(file.name, QMimeDatabase::MatchExtension);
    return type.isDefault() ? QByteArray("application/octet-stream") : type.name().toLatin1();
}

//! On a worker: the first file of \a releases that \a wanted accepts, as the answer to \a request.
HttpResponse download(const Store::ElectronStorage &storage, const HttpRequest &request,
                      const QList<ElectronRecord> &releases,
                      const std::function<bool(const ReleaseFile &)> &wanted, bool asAttachment)
{
    for (const ElectronRecord &release : releases) {
        const auto files = storage.files(release.key);
        if (!files)
            continue; // a row without files (written by hand or by the original)
        for (const ReleaseFile &file : files.value()) {
            if (!wanted(file))
                continue;
            const auto path = storage.pathOf(release.key, file);
            if (!path)
                break;
            HttpResponse response = fileDownload(request, path.value(), contentTypeOf(file));
            if (asAttachment && response.status < 300) {
                response.setHeader("Content-Disposition",
                                   "attachment; filename*=UTF-8''"
                                       + QUrl::toPercentEncoding(file.name));
            }
            return response;
        }
    }
    return Envelope::failure(404);
}

//! What a worker needs of \a request: its headers (Range), not its connection.
HttpRequest detached(const HttpRequest &request)
{
    HttpRequest copy = request;
    copy.connection.clear();
    return copy;
}

} // namespace

ElectronFeed::ElectronFeed(Store::DbExecutor &database, const QString &uploadDir, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_storage(uploadDir)
{ }

void ElectronFeed::registerRoutes(Router &router)
{
    using Method = HttpRequest::Method;
    router.add(Method::Get, feedPrefix + u"/:file"_s,
               [this](const HttpRequest &request) { return feedFile(request); });
    router.add(Method::Get, asarPrefix + u"/:id"_s,
               [this](const HttpRequest &request) { return asarArchive(request); });
}

QString ElectronFeed::asarUrl(int releaseId)
{
    return asarPrefix + u'/' + QString::number(releaseId);
}

QString ElectronFeed::platformOfFeedFile(const QString &fileName)
{
    // electron-updater's names for its generic provider (Windows has no suffix).
    if (fileName == u"latest.yml"_s)
        return Store::Electron::Windows;
    if (fileName == u"latest-mac.yml"_s)
        return Store::Electron::MacOs;
    if (fileName == u"latest-linux.yml"_s)
        return Store::Electron::Linux;
    return {};
}

QFuture<HttpResponse> ElectronFeed::feedFile(const HttpRequest &request)
{
    const QString name = request.pathParameters.value(u"file"_s);
    const QString ymlPlatform = platformOfFeedFile(name);
    const QStringList platforms = ymlPlatform.isEmpty()
        ? QStringList { feedPlatforms.begin(), feedPlatforms.end() }
        : QStringList { ymlPlatform };
    auto current = m_database.run<QList<ElectronRecord>>(
        [platforms](Store::DbSession &session) -> Result<QList<ElectronRecord>> {
            QList<ElectronRecord> releases;
            for (const QString &platform : platforms) {
                auto newest = Store::newestActiveRelease(session, Store::Electron::Full, platform,
                                                         std::nullopt, std::nullopt);
                if (!newest)
                    return newest.error();
                if (newest.value())
                    releases.append(*newest.value());
            }
            return releases;
        },
        Store::Retry::OnConnectionLoss);
    if (!ymlPlatform.isEmpty()) {
        return answerWith(current,
                          [storage = m_storage,
                           request = detached(request)](const QList<ElectronRecord> &releases) {
                              HttpResponse response = download(
                                  storage, request, releases,
                                  [](const ReleaseFile &file) { return file.field == ymlField; },
                                  false);
                              // A new release replaces the yml at the same address.
                              response.setHeader("Cache-Control", "no-cache");
                              return response;
                          });
    }
    return answerWith(current,
                      [storage = m_storage, request = detached(request),
                       name](const QList<ElectronRecord> &releases) {
                          return download(
                              storage, request, releases,
                              [&name](const ReleaseFile &file) {
                                  return file.field == appField && file.name == name;
                              },
                              false);
                      });
}

QFuture<HttpResponse> ElectronFeed::asarArchive(const HttpRequest &request)
{
    const auto id = FieldRules::pathId(request);
    if (!id)
        return ready(Envelope::failure(404));
    auto release = m_database.run<QList<ElectronRecord>>(
        [id = *id](Store::DbSession &session) -> Result<QList<ElectronRecord>> {
            auto found = Store::findRelease(session, id);
            if (!found)
                return found.error();
            const auto &row = found.value();
            if (!row || row->key.type != Store::Electron::Asar || !row->actived)
                return QList<ElectronRecord>();
            return QList<ElectronRecord> { *row };
        },
        Store::Retry::OnConnectionLoss);
    return answerWith(
        release,
        [storage = m_storage, request = detached(request)](const QList<ElectronRecord> &releases) {
            return download(
                storage, request, releases,
                [](const ReleaseFile &file) { return file.field == appField; }, true);
        });
}

QFuture<HttpResponse> ElectronFeed::answerWith(QFuture<Result<QList<ElectronRecord>>> lookup,
                                               Answer answer)
{
    auto promise = std::make_shared<QPromise<HttpResponse>>();
    promise->start();
    auto reply = [promise](HttpResponse response) {
        promise->addResult(std::move(response));
        promise->finish();
    };
    const auto failed = [reply] { reply(Envelope::internalError()); };
    whenFinished(
        lookup, this,
        [this, answer = std::move(answer), reply, failed](Result<QList<ElectronRecord>> releases) {
            if (!releases) {
                reply(Envelope::fromError(releases.error()));
                return;
            }
            if (releases->isEmpty()) {
                reply(Envelope::failure(404));
                return;
            }
            // Reading a file (up to an installer's size) is disk work: a worker does it.
            whenFinished(
                QtConcurrent::run([answer, found = releases.value()] { return answer(found); }),
                this, reply, failed);
        },
        failed);
    return promise->future();
}

} // namespace Im::Http
