#include "http/restcontroller.h"

#include "http/envelope.h"
#include "im/futures.h"

namespace Im::Http {

RestController::RestController(Auth::AuthService &auth, QObject *parent)
    : QObject(parent)
    , m_guard(auth, this)
{ }

void RestController::addGuarded(Router &router, HttpRequest::Method method, const QString &path,
                                AuthGuard::Handler handler, Requirement requirement)
{
    router.add(method, path, m_guard.protect(std::move(handler), requirement));
}

QFuture<HttpResponse> RestController::answered(const QFuture<Result<void>> &change,
                                               const QString &done)
{
    return thenReady(change, this, [done](Result<void> changed) {
        if (!changed)
            return Envelope::fromError(changed.error());
        return Envelope::success(QJsonValue::Undefined, done);
    });
}

} // namespace Im::Http
