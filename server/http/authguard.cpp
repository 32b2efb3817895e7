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

// The answer that refuses \a user, or nullopt when the route may run.
std::optional<HttpResponse> refusal(const Result<Auth::UserContext> &user,
                                    const AuthGuard::Requirement &requirement)
{
    if (!user)
        return Envelope::fromError(user.error());
    if (!meets(user.value(), requirement))
        return Envelope::failure(403, u"Forbidden resource"_s);
    return std::nullopt;
}

} // namespace

AuthGuard::AuthGuard(Auth::AuthService &auth, QObject *context)
    : m_auth(auth)
    , m_context(context)
{ }

GuardedHandler AuthGuard::protect(Handler handler, Requirement requirement) const
{
    HeadCheck checkHead = [this, requirement](const HttpRequest &head) {
        return thenOn(m_auth.authenticate(head.header("userid"), head.header("authorization")),
                      m_context, [requirement](const Result<Auth::UserContext> &user) {
                          return refusal(user, requirement);
                      });
    };
    RouteHandler guarded = [this, handler = std::move(handler),
                            requirement](const HttpRequest &request) {
        auto promise = std::make_shared<QPromise<HttpResponse>>();
        promise->start();
        auto answer = [promise](HttpResponse response) {
            promise->addResult(std::move(response));
            promise->finish();
        };
        // A session and user held in memory authenticate at once; the handler runs right away.
        whenReady(
            m_auth.authenticate(request.header("userid"), request.header("authorization")),
            m_context,
            [handler, requirement, request, answer,
             context = m_context](Result<Auth::UserContext> user) {
                if (auto refused = refusal(user, requirement)) {
                    answer(std::move(*refused));
                    return;
                }
                whenReady(handler(request, user.value()), context, answer,
                          [answer] { answer(Envelope::internalError()); });
            },
            [answer] { answer(Envelope::internalError()); });
        return promise->future();
    };
    return { std::move(guarded), std::move(checkHead) };
}

} // namespace Im::Http
