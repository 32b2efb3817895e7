#pragma once

#include "http/router.h"
#include "im/result.h"
#include "store/electronqueries.h"
#include "store/electronstorage.h"

#include <QObject>

#include <functional>

namespace Im::Store {
class DbExecutor;
}

namespace Im::Http {

//! The public download side of desktop-app releases, outside `/api/v1`:
//! - `GET /electron/last/<file>`: the feed of electron-updater's generic provider, which the
//!   desktop client is built with (client_contract §6). `latest.yml`, `latest-mac.yml` and
//!   `latest-linux.yml` are the `yml` of the newest active full release for Windows, macOS and
//!   Linux; any other name is an `app` file of one of those three releases (the installers and
//!   blockmaps the yml names).
//! - `GET /electron/asar/<id>`: the archive of an active asar release, which infoForAsar's `url`
//!   points to.
//! Files of inactive releases are never served. Ranges are supported (one per request).
class ElectronFeed : public QObject
{
public:
    ElectronFeed(Store::DbExecutor &database, const QString &uploadDir, QObject *parent = nullptr);

    void registerRoutes(Router &router);

    [[nodiscard]] static QString asarUrl(int releaseId);
    //! The platform whose full release's yml \a fileName is (`latest-mac.yml` is macos); empty
    //! for any other name.
    [[nodiscard]] static QString platformOfFeedFile(const QString &fileName);

private:
    using Answer = std::function<HttpResponse(const QList<Store::ElectronRecord> &)>;

    QFuture<HttpResponse> feedFile(const HttpRequest &request);
    QFuture<HttpResponse> asarArchive(const HttpRequest &request);
    //! Answers with \a answer, run on a worker, of the releases \a lookup finds.
    QFuture<HttpResponse> answerWith(QFuture<Result<QList<Store::ElectronRecord>>> lookup,
                                     Answer answer);

    Store::DbExecutor &m_database;
    const Store::ElectronStorage m_storage;
};

} // namespace Im::Http
