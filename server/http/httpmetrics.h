#pragma once

#include "http/httprequest.h"
#include "metrics/counter.h"
#include "metrics/family.h"
#include "metrics/histogram.h"

#include <chrono>

namespace Im::Http {

//! Requests answered by the front door, by method, route pattern and status, and their durations
//! from the complete request to the answer handed to the connection. Labelled by the router's
//! pattern (`/api/v1/users/:id`), never the raw path, so the number of series stays bounded;
//! requests no route took (404, 405, preflights, refusals before routing) count as `unmatched`.
//! Network thread.
class HttpMetrics
{
public:
    static constexpr char unmatchedRoute[] = "unmatched";

    void record(HttpRequest::Method method, const QString &route, int status,
                std::chrono::nanoseconds duration);

    [[nodiscard]] const Metrics::Family<Metrics::Counter> &requests() const { return m_requests; }
    [[nodiscard]] const Metrics::Family<Metrics::Histogram> &durations() const
    {
        return m_durations;
    }

private:
    Metrics::Family<Metrics::Counter> m_requests { { "method", "route", "status" } };
    Metrics::Family<Metrics::Histogram> m_durations {
        { "method", "route" },
        [] { return std::make_unique<Metrics::Histogram>(Metrics::Buckets::latencySeconds()); }
    };
};

} // namespace Im::Http
