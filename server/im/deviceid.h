#pragma once

#include <QString>

#include <algorithm>

namespace Im::Core {

//! A device id (the optional `deviceid` header of sockets and REST calls) is 1..64 characters of
//! [A-Za-z0-9._:-]; clients without one use the empty id.
[[nodiscard]] inline bool isValidDeviceId(const QString &deviceId)
{
    const auto allowed = [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')
            || c == u'.' || c == u'_' || c == u':' || c == u'-';
    };
    return !deviceId.isEmpty() && deviceId.size() <= 64
        && std::all_of(deviceId.begin(), deviceId.end(), allowed);
}

} // namespace Im::Core
