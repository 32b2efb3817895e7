#include "http/router.h"

#include <limits>

namespace Im::Http {

namespace {

QStringList splitPath(const QString &path)
{
    return path.split(u'/', Qt::SkipEmptyParts);
}

} // namespace

void Router::add(HttpRequest::Method method, const QString &pattern, RouteHandler handler,
                 HeadCheck checkHead)
{
    m_routes.append(
        { method, pattern, splitPath(pattern), std::move(handler), std::move(checkHead) });
}

void Router::add(HttpRequest::Method method, const QString &pattern, GuardedHandler guarded)
{
    add(method, pattern, std::move(guarded.handler), std::move(guarded.checkHead));
}

void Router::acceptAnyBody(HttpRequest::Method method, const QString &pattern)
{
    for (Route &route : m_routes) {
        if (route.method == method && route.pattern == pattern)
            route.anyBody = true;
    }
}

std::optional<int> Router::score(const Route &route, const QStringList &segments,
                                 QHash<QString, QString> *parameters)
{
    const bool hasRest = !route.segments.isEmpty() && route.segments.back().startsWith(u'*');
    const qsizetype fixed = hasRest ? route.segments.size() - 1 : route.segments.size();
    if (hasRest ? segments.size() <= fixed : segments.size() != fixed)
        return std::nullopt;
    int literals = 0;
    if (hasRest && parameters)
        parameters->insert(route.segments.back().mid(1), segments.sliced(fixed).join(u'/'));
    for (qsizetype i = 0; i < fixed; ++i) {
        const QString &expected = route.segments[i];
        if (expected.startsWith(u':')) {
            if (parameters)
                parameters->insert(expected.mid(1), segments[i]);
        } else if (expected == segments[i]) {
            ++literals;
        } else {
            return std::nullopt;
        }
    }
    // Below every exact-length match, which scores at least 0.
    return hasRest ? literals - int(segments.size()) - 1 : literals;
}

std::optional<Router::Match> Router::match(HttpRequest::Method method, const QString &path,
                                           QList<QByteArray> *allowedMethods) const
{
    const QStringList segments = splitPath(path);
    const Route *best = nullptr;
    int bestScore = std::numeric_limits<int>::min();
    for (const Route &route : m_routes) {
        const auto routeScore = score(route, segments, nullptr);
        if (!routeScore)
            continue;
        if (route.method != method) {
            if (allowedMethods) {
                const QByteArray upper = methodName(route.method);
                if (!allowedMethods->contains(upper))
                    allowedMethods->append(upper);
            }
            continue;
        }
        if (*routeScore > bestScore) {
            best = &route;
            bestScore = *routeScore;
        }
    }
    if (!best)
        return std::nullopt;
    Match found;
    found.handler = &best->handler;
    found.checkHead = best->checkHead ? &best->checkHead : nullptr;
    found.anyBody = best->anyBody;
    found.pattern = best->pattern;
    (void)score(*best, segments, &found.parameters);
    return found;
}

QList<std::pair<HttpRequest::Method, QString>> Router::routes() const
{
    QList<std::pair<HttpRequest::Method, QString>> list;
    list.reserve(m_routes.size());
    for (const Route &route : m_routes)
        list.append({ route.method, route.pattern });
    return list;
}

} // namespace Im::Http
