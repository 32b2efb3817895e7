#pragma once

#include <QLoggingCategory>

namespace Im::SocketIo {

Q_DECLARE_LOGGING_CATEGORY(lcEngine) // "im.socketio.engine": sessions, transports, heartbeat
Q_DECLARE_LOGGING_CATEGORY(lcSocketIo) // "im.socketio": namespaces, CONNECT, protocol errors

} // namespace Im::SocketIo
