#include "http/httpmetrics.h"

namespace Im::Http {

void HttpMetrics::record(HttpRequest::Method method, const QString &route, int status,
                         std::chrono::nanoseconds duration)
{
    // The enum's name, not the token sent: an unknown method is one label value, not many.
    const QString methodLabel = QString::fromLatin1(methodName(method));
    const QString routeLabel = route.isEmpty() ? QString::fromLatin1(unmatchedRoute) : route;
    m_requests.with({ methodLabel, routeLabel, QString::number(status) }).add();
    m_durations.with({ methodLabel, routeLabel })
        .observe(std::chrono::duration<double>(duration).count());
}

} // namespace Im::Http
