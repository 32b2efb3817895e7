#include "socketio/socketiotypes.h"

namespace Im::SocketIo {

QByteArray Handshake::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

} // namespace Im::SocketIo
