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

} // namespace Im
