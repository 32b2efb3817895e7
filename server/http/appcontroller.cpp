#include "http/appcontroller.h"

#include <QFuture>

using namespace Qt::StringLiterals;

namespace Im::Http {

void AppController::registerRoutes(Router &router)
{
    router.add(HttpRequest::Method::Get, u"/api/v1"_s, [](const HttpRequest &) {
        return QtFuture::makeReadyFuture(HttpResponse::text(200, "Hello World!"));
    });
}

} // namespace Im::Http
