#include "http/restcontroller.h"

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

} // namespace Im::Http
