#include "http/authguard.h"

#include "http/envelope.h"
#include "im/futures.h"

#include <QPromise>

using namespace Qt::StringLiterals;

namespace Im::Http {

namespace {

bool meets(const Auth::UserContext &user, const AuthGuard::Requirement &requirement)
{
    if (const int *id = std::get_if<int>(&requirement))
        return user.hasPermission(*id);
    if (const QLatin1StringView *name = std::get_if<QLatin1StringView>(&requirement))
        return user.hasPermission(*name);
    return true;
}

} // namespace

AuthGuard::AuthGuard(Auth::AuthService &auth, QObject *context)
    : m_auth(auth)
    , m_context(context)
{ }

std::function<QFuture<HttpResponse>(const HttpRequest &)>
AuthGuard::protect(Handler handler, Requirement requirement) const
{
    return [this, handler = std::move(handler), requirement](const HttpRequest &request) {
        auto promise = std::make_shared<QPromise<HttpResponse>>();
        promise->start();
        auto answer = [promise](HttpResponse response) {
            promise->addResult(std::move(response));
            promise->finish();
        };
        whenFinished(
            m_auth.authenticate(request.header("userid"), request.header("authorization")),
            m_context,
            [handler, requirement, request, answer,
             context = m_context](Result<Auth::UserContext> user) {
                if (!user) {
                    answer(Envelope::fromError(user.error()));
                    return;
                }
                if (!meets(user.value(), requirement)) {
                    answer(Envelope::failure(403, u"Forbidden resource"_s));
                    return;
                }
                whenFinished(handler(request, user.value()), context, answer,
                             [answer] { answer(Envelope::internalError()); });
            },
            [answer] { answer(Envelope::internalError()); });
        return promise->future();
    };
}

} // namespace Im::Http
