#pragma once

#include "http/httprequest.h"
#include "http/httpresponse.h"

#include <QFuture>
#include <QList>
#include <QStringList>

#include <functional>
#include <optional>

namespace Im::Http {

//! A route's handler. It runs on the network thread and must not block: database work goes to the
//! DbExecutor and comes back as the future. A ready future is fine for immediate answers.
using RouteHandler = std::function<QFuture<HttpResponse>(const HttpRequest &)>;
//! A route's check of a request's head alone, run before a large body is read: nullopt to read
//! on, or the answer (401, 403) that refuses the body unread.
using HeadCheck = std::function<QFuture<std::optional<HttpResponse>>(const HttpRequest &)>;

//! A handler behind a guard, with the guard's check of the head alone (AuthGuard::protect).
struct GuardedHandler
{
    RouteHandler handler;
    HeadCheck checkHead;
};

//! Maps method + path to handlers. Patterns are literal segments and `:name` parameters
//! (`/api/v1/users/:id`); a literal segment wins over a parameter at the same place. A last
//! segment `*name` takes the rest of the path, one segment or more joined by '/'
//! (`/uploads/*path`); a pattern without it wins over one with it.
class Router
{
public:
    void add(HttpRequest::Method method, const QString &pattern, RouteHandler handler,
             HeadCheck checkHead = {});
    void add(HttpRequest::Method method, const QString &pattern, GuardedHandler guarded);
    //! Lets the route registered for \a method and \a pattern take bodies of any media type
    //! (uploads, Engine.IO polling); every other route takes JSON or a URL-encoded form only (415).
    void acceptAnyBody(HttpRequest::Method method, const QString &pattern);

    struct Match
    {
        const RouteHandler *handler = nullptr;
        const HeadCheck *checkHead = nullptr; //!< null when the route has none
        bool anyBody = false; //!< see acceptAnyBody()
        QString pattern; //!< the route's pattern as registered (metrics label it by this)
        QHash<QString, QString> parameters;
    };

    //! The handler for \a method and \a path; nullopt when nothing matches. When the path exists
    //! under other methods only, \a allowedMethods receives them (for 405).
    [[nodiscard]] std::optional<Match> match(HttpRequest::Method method, const QString &path,
                                             QList<QByteArray> *allowedMethods = nullptr) const;

    //! Every registered (method, pattern), in registration order: for the API document.
    [[nodiscard]] QList<std::pair<HttpRequest::Method, QString>> routes() const;

private:
    struct Route
    {
        HttpRequest::Method method;
        QString pattern;
        QStringList segments;
        RouteHandler handler;
        HeadCheck checkHead;
        bool anyBody = false;
    };

    [[nodiscard]] static std::optional<int> score(const Route &route, const QStringList &segments,
                                                  QHash<QString, QString> *parameters);

    QList<Route> m_routes;
};

} // namespace Im::Http
