#pragma once

#include "auth/authservice.h"
#include "http/electronuploadform.h"
#include "http/requestsizelimits.h"
#include "http/restcontroller.h"
#include "store/electronstorage.h"

namespace Im::Store {
class DbExecutor;
}

namespace Im::Http {

class ElectronPublisher;

//! `/api/v1/electron` (spec §15, §8.7): publishing desktop-app releases and asking for an asar
//! update, with the port's fixes: uploads need the `electronManage` permission (D-50) and work
//! (D-51), platform and archs are checked against their sets (D-24), a release that exists is 409,
//! infoForAsar compares semantic versions and looks at active asar releases only, and releases
//! are listed and (de)activated here instead of in the database by hand.
class ElectronController : public RestController
{
public:
    ElectronController(Auth::AuthService &auth, Store::DbExecutor &database,
                       const QString &uploadDir, ReleaseUploadLimits limits = {},
                       QObject *parent = nullptr);

    void registerRoutes(Router &router) override;

    //! The front door's request size limits for the upload routes: \a limits' largest file plus
    //! room for the multipart framing and the headers (a request may not be larger than its
    //! largest file can be).
    [[nodiscard]] static QList<PathSizeLimit> requestSizeLimits(const ReleaseUploadLimits &limits);

private:
    QFuture<HttpResponse>
    upload(const HttpRequest &request,
           Result<QList<PendingRelease>> (*readForm)(const HttpRequest &,
                                                     const ReleaseUploadLimits &));
    QFuture<HttpResponse> infoForAsar(const HttpRequest &request);
    QFuture<HttpResponse> activate(const HttpRequest &request);
    QFuture<HttpResponse> releases();

    Store::DbExecutor &m_database;
    const Store::ElectronStorage m_storage;
    ElectronPublisher *m_publisher;
};

} // namespace Im::Http
