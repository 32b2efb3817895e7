#pragma once

#include <QString>

namespace Im::SocketIo {

//! A random, URL-safe identifier (20 characters from 15 random bytes) for Engine.IO sessions and
//! Socket.IO sockets; unguessable, since a polling sid is the only credential of its requests.
[[nodiscard]] QString randomSessionId();

} // namespace Im::SocketIo
