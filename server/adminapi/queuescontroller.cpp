#include "adminapi/queuescontroller.h"

#include "adminapi/metricsrecorder.h"
#include "http/envelope.h"
#include "http/fieldrules.h"
#include "store/seeder.h"

using namespace Qt::StringLiterals;

namespace Im::AdminApi {

QueuesController::QueuesController(Auth::AuthService &auth, QueueSources sources, QObject *parent)
    : RestController(auth, parent)
    , m_sources(sources)
{ }

void QueuesController::registerRoutes(Http::Router &router)
{
    const auto admin = [this](auto answer) {
        return guard().protect(
            [answer](const Http::HttpRequest &, const Auth::UserContext &) {
                return Http::ready(Http::Envelope::success(answer()));
            },
            Store::Permission::AdminConsole);
    };
    router.add(Http::HttpRequest::Method::Get, u"/api/v1/admin/queues"_s,
               admin([this] { return queuesJson(m_sources, RateHistory::Included); }));
    addGuarded(
        router, Http::HttpRequest::Method::Get, u"/api/v1/admin/rates"_s,
        [this](const Http::HttpRequest &request, const Auth::UserContext &) {
            const QString resolution = request.query.queryItemValue(u"resolution"_s);
            if (!request.query.hasQueryItem(u"resolution"_s) || resolution == "second"_L1) {
                return Http::ready(Http::Envelope::success(m_sources.recorder.toJson()));
            }
            if (resolution == "minute"_L1) {
                return Http::ready(Http::Envelope::success(
                    m_sources.recorder.toJson(MetricsRecorder::Resolution::Minute)));
            }
            return Http::ready(Http::badParameters());
        },
        Store::Permission::AdminConsole);
}

} // namespace Im::AdminApi
