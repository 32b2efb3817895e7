#pragma once

#include <QString>

namespace Im::Admin {

//! Why an admin API request failed: the HTTP status (0 when the server gave no HTTP answer at
//! all: refused, unreachable, timed out) and a translated, human-readable reason.
struct ApiError
{
    int httpStatus = 0;
    QString reason;

    [[nodiscard]] bool isNetwork() const { return httpStatus == 0; }
};

} // namespace Im::Admin
