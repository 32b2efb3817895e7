#include "adminapi/queuescontroller.h"

#include "adminapi/metricsrecorder.h"
#include "http/envelope.h"
#include "http/fieldrules.h"
#include "store/seeder.h"

using namespace Qt::StringLiterals;

namespace Im::AdminApi {

QueuesController::QueuesController(Auth::AuthService &auth, QueueSources sources, QObject *parent)
    : QObject(parent)
    , m_sources(sources)
    , m_guard(auth, this)
{ }

void QueuesController::registerRoutes(Http::Router &router)
{
    const auto admin = [this](auto answer) {
        return m_guard.protect(
            [answer](const Http::HttpRequest &, const Auth::UserContext &) {
                return Http::ready(Http::Envelope::success(answer()));
            },
            Store::Permission::AdminConsole);
    };
    router.add(Http::HttpRequest::Method::Get, u"/api/v1/admin/queues"_s,
               admin([this] { return queuesJson(m_sources, RateHistory::Included); }));
    router.add(Http::HttpRequest::Method::Get, u"/api/v1/admin/rates"_s,
               admin([this] { return m_sources.recorder.toJson(); }));
}

} // namespace Im::AdminApi
