#include "socketio/upgradebinding.h"

namespace Im::SocketIo {

bool upgradeBelongsToSession(const Handshake &handshake,
                             const QList<std::pair<QByteArray, QByteArray>> &headers,
                             const QHostAddress &address, const QList<QByteArray> &bindingHeaders)
{
    const Handshake upgrade { headers, {}, address, {} };
    bool carriesCredentials = false;
    for (const QByteArray &name : bindingHeaders)
        carriesCredentials = carriesCredentials || !upgrade.header(name).isEmpty();
    if (!carriesCredentials)
        return address.isEqual(handshake.remoteAddress, QHostAddress::TolerantConversion);
    for (const QByteArray &name : bindingHeaders) {
        if (upgrade.header(name) != handshake.header(name))
            return false;
    }
    return true;
}

} // namespace Im::SocketIo
