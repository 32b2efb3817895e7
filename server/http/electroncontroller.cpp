#include "http/electroncontroller.h"

#include "http/electronfeed.h"
#include "http/electronpublisher.h"
#include "http/envelope.h"
#include "http/fieldrules.h"
#include "http/requestbody.h"
#include "im/futures.h"
#include "im/semanticversion.h"
#include "store/dbexecutor.h"
#include "store/seeder.h"

#include <QJsonArray>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace Im::Http {

using namespace FieldRules;

namespace {

// The admin list shows the newest releases; older ones stay in the database.
constexpr int maxListedReleases = 500;
// Room for the form's fields, the parts' headers and the request's headers.
constexpr qint64 framingBytes = 64 * 1024;

const QString fullPath = u"/api/v1/electron/full"_s;
const QString asarPath = u"/api/v1/electron/asar"_s;

QString queryValue(const HttpRequest &request, const QString &key)
{
    return request.query.queryItemValue(key, QUrl::FullyDecoded);
}

//! `{statusCode: 204, message}` in an HTTP 200, as the original answers "nothing newer".
HttpResponse noUpdate()
{
    return HttpResponse::json(
        200, QJsonObject { { u"statusCode"_s, 204 }, { u"message"_s, u"No update available."_s } });
}

} // namespace

ElectronController::ElectronController(Auth::AuthService &auth, Store::DbExecutor &database,
                                       const QString &uploadDir, ReleaseUploadLimits limits,
                                       QObject *parent)
    : RestController(auth, parent)
    , m_database(database)
    , m_storage(uploadDir)
    , m_publisher(new ElectronPublisher(database, m_storage, limits, this))
{ }

void ElectronController::registerRoutes(Router &router)
{
    using Method = HttpRequest::Method;
    const Requirement managing = Store::Permission::ElectronManage;
    addGuarded(
        router, Method::Post, fullPath,
        [this](const HttpRequest &r, const Auth::UserContext &) {
            return upload(r, readFullReleaseForm);
        },
        managing);
    addGuarded(
        router, Method::Post, asarPath,
        [this](const HttpRequest &r, const Auth::UserContext &) {
            return upload(r, readAsarReleaseForm);
        },
        managing);
    // Multipart forms; the parser checks the type itself.
    router.acceptAnyBody(Method::Post, fullPath);
    router.acceptAnyBody(Method::Post, asarPath);
    addGuarded(router, Method::Get, u"/api/v1/electron/infoForAsar"_s,
               &ElectronController::infoForAsar);
    addGuarded(router, Method::Post, u"/api/v1/electron/activate"_s, &ElectronController::activate,
               managing);
    addGuarded(router, Method::Get, u"/api/v1/electron/releases"_s, &ElectronController::releases,
               managing);
}

QList<PathSizeLimit> ElectronController::requestSizeLimits(const ReleaseUploadLimits &limits)
{
    return { { fullPath, limits.maxUploadBytes + framingBytes },
             { asarPath, limits.maxUploadBytes + framingBytes } };
}

QFuture<HttpResponse> ElectronController::upload(
    const HttpRequest &request,
    Result<QList<PendingRelease>> (*readForm)(const HttpRequest &, const ReleaseUploadLimits &))
{
    return thenOn(m_publisher->publish(request, readForm), this,
                  [](const ElectronPublisher::Outcome &published) {
                      if (!published)
                          return Envelope::fromError(published.error());
                      QJsonArray data;
                      for (const PublishedRelease &release : published.value())
                          data.append(release.toJson());
                      return Envelope::success(data, u"Upload successed."_s);
                  });
}

QFuture<HttpResponse> ElectronController::infoForAsar(const HttpRequest &request)
{
    const QString platform = queryValue(request, u"platform"_s);
    const QString archs = queryValue(request, u"archs"_s);
    const auto version = SemanticVersion::parse(queryValue(request, u"version"_s));
    if (!Store::Electron::isPlatform(platform) || !Store::Electron::isArchitecture(archs)
        || !version) {
        return ready(badParameters());
    }
    auto newest = m_database.run<std::optional<Store::ElectronRecord>>(
        [platform, archs, version](Store::DbSession &session) {
            return Store::newestActiveRelease(session, Store::Electron::Asar, platform, archs,
                                              version);
        },
        Store::Retry::OnConnectionLoss);
    return thenOn(newest, this, [](const Result<std::optional<Store::ElectronRecord>> &release) {
        if (!release)
            return Envelope::fromError(release.error());
        if (!release.value())
            return noUpdate();
        QJsonObject data = release.value()->toJson();
        data.insert(u"url"_s, ElectronFeed::asarUrl(release.value()->id));
        return Envelope::success(data);
    });
}

QFuture<HttpResponse> ElectronController::activate(const HttpRequest &request)
{
    const auto body = bodyObject(request);
    const auto id = body ? positiveInteger(body->value(u"id"_s)) : std::nullopt;
    std::optional<bool> actived = true;
    std::optional<bool> forceUpdate;
    if (!id || !optionalBool(*body, u"actived"_s, &actived)
        || !optionalBool(*body, u"forceUpdate"_s, &forceUpdate)) {
        return ready(badParameters());
    }
    auto updated = m_database.run<Store::ElectronRecord>(
        [id = *id, actived = *actived, forceUpdate](Store::DbSession &session) {
            return Store::setReleaseActivation(session, id, actived, forceUpdate);
        },
        Store::Retry::OnConnectionLoss);
    return thenOn(updated, this, [](const Result<Store::ElectronRecord> &release) {
        return release ? Envelope::success(release->toJson(), u"Successfully."_s)
                       : Envelope::fromError(release.error());
    });
}

QFuture<HttpResponse> ElectronController::releases()
{
    // The manifests are small files: read in the same job as the rows.
    auto listed = m_database.run<QList<PublishedRelease>>(
        [storage = m_storage](Store::DbSession &session) -> Result<QList<PublishedRelease>> {
            auto rows = Store::listReleases(session, maxListedReleases);
            if (!rows)
                return rows.error();
            QList<PublishedRelease> releases;
            for (const Store::ElectronRecord &row : std::as_const(rows.value())) {
                auto files = storage.files(row.key); // none for rows written by hand
                releases.append({ row, files ? files.value() : QList<Store::ReleaseFile>() });
            }
            return releases;
        },
        Store::Retry::OnConnectionLoss);
    return thenOn(listed, this, [](const Result<QList<PublishedRelease>> &releases) {
        if (!releases)
            return Envelope::fromError(releases.error());
        QJsonArray data;
        for (const PublishedRelease &release : releases.value())
            data.append(release.toJson());
        return Envelope::success(data);
    });
}

} // namespace Im::Http
