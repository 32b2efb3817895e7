#include "im/error.h"

using namespace Qt::StringLiterals;

namespace Im {

QString errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Internal:
        return u"Internal"_s;
    case ErrorCode::Malformed:
        return u"Malformed"_s;
    case ErrorCode::Unauthorized:
        return u"Unauthorized"_s;
    case ErrorCode::PermissionDenied:
        return u"PermissionDenied"_s;
    case ErrorCode::NotFound:
        return u"NotFound"_s;
    case ErrorCode::Duplicate:
        return u"Duplicate"_s;
    case ErrorCode::Conflict:
        return u"Conflict"_s;
    case ErrorCode::TooLarge:
        return u"TooLarge"_s;
    case ErrorCode::TooManyRequests:
        return u"TooManyRequests"_s;
    case ErrorCode::Unavailable:
        return u"Unavailable"_s;
    }
    return u"Internal"_s;
}

int statusCodeFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Malformed:
        return 400;
    case ErrorCode::Unauthorized:
        return 401;
    case ErrorCode::PermissionDenied:
        return 403;
    case ErrorCode::NotFound:
        return 404;
    case ErrorCode::Duplicate:
    case ErrorCode::Conflict:
        return 409;
    case ErrorCode::TooLarge:
        return 413;
    case ErrorCode::TooManyRequests:
        return 429;
    case ErrorCode::Unavailable:
        return 503;
    case ErrorCode::Internal:
        return 500;
    }
    return 500;
}

} // namespace Im
