#pragma once

#include <QString>

namespace Im {

//! The closed set of failure kinds. Each edge (HTTP, Socket.IO acks) maps them to its own wire form
//! in exactly one place; lower layers never pick HTTP status codes.
enum class ErrorCode {
    Internal,
    Malformed,
    Unauthorized,
    PermissionDenied,
    NotFound,
    Duplicate,
    Conflict,
    TooLarge,
    TooManyRequests,
    Unavailable,
};

//! A failure with a message that is safe to show to the client (never SQL text or secrets).
struct Error
{
    ErrorCode code = ErrorCode::Internal;
    QString message;

    friend bool operator==(const Error &, const Error &) = default;
};

[[nodiscard]] QString errorCodeName(ErrorCode code);
//! The HTTP-style status code of \a code, shared by the REST envelope and the Socket.IO acks.
[[nodiscard]] int statusCodeFor(ErrorCode code);

} // namespace Im
