#include "auth/authmetrics.h"

using namespace Qt::StringLiterals;

namespace Im::Auth {

namespace {

QString loginOutcome(const Error *error)
{
    if (!error)
        return u"success"_s;
    switch (error->code) {
    case ErrorCode::Unauthorized:
        return u"bad_credentials"_s;
    case ErrorCode::TooManyRequests:
        return u"throttled"_s;
    case ErrorCode::Unavailable:
        return u"unavailable"_s;
    default:
        return u"error"_s;
    }
}

QString throttleName(AuthMetrics::Throttle kind)
{
    return kind == AuthMetrics::Throttle::Login ? u"login"_s : u"signup"_s;
}

} // namespace

AuthMetrics::AuthMetrics()
{
    const Error unauthorized { ErrorCode::Unauthorized, {} };
    const Error throttled { ErrorCode::TooManyRequests, {} };
    const Error unavailable { ErrorCode::Unavailable, {} };
    const Error internal { ErrorCode::Internal, {} };
    for (const Error *error : { static_cast<const Error *>(nullptr), &unauthorized, &throttled,
                                &unavailable, &internal })
        (void)m_loginAttempts.with({ loginOutcome(error) });
    for (const Throttle kind : { Throttle::Login, Throttle::Signup })
        (void)m_throttled.with({ throttleName(kind) });
}

void AuthMetrics::recordLogin(const Error *error)
{
    m_loginAttempts.with({ loginOutcome(error) }).add();
}

void AuthMetrics::recordThrottled(Throttle kind)
{
    m_throttled.with({ throttleName(kind) }).add();
}

} // namespace Im::Auth
