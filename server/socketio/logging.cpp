#include "socketio/logging.h"

namespace Im::SocketIo {

Q_LOGGING_CATEGORY(lcEngine, "im.socketio.engine")
Q_LOGGING_CATEGORY(lcSocketIo, "im.socketio")

} // namespace Im::SocketIo
