#pragma once

#include "im/error.h"
#include "metrics/counter.h"
#include "metrics/family.h"

namespace Im::Auth {

//! Logins by outcome and requests refused by a throttle, for Prometheus. Every label value is
//! created up front, so each series is exposed (at 0) before it first happens. Network thread.
class AuthMetrics
{
public:
    enum class Throttle { Login, Signup };

    AuthMetrics();

    //! Counts a finished login: `success`, `bad_credentials`, `throttled`, `unavailable` (the
    //! hashing pool full or the database away) or `error`. \a error is null for a success.
    void recordLogin(const Error *error);
    void recordThrottled(Throttle kind);

    [[nodiscard]] const Metrics::Family<Metrics::Counter> &loginAttempts() const
    {
        return m_loginAttempts;
    }
    [[nodiscard]] const Metrics::Family<Metrics::Counter> &throttled() const { return m_throttled; }

private:
    Metrics::Family<Metrics::Counter> m_loginAttempts { { "outcome" } };
    Metrics::Family<Metrics::Counter> m_throttled { { "kind" } };
};

} // namespace Im::Auth
