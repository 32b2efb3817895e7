#include "socketio/clientaddress.h"

namespace Im::SocketIo {

QString clientAddressKey(const QHostAddress &address)
{
    bool isIpv4 = false;
    const quint32 ipv4 = address.toIPv4Address(&isIpv4);
    return isIpv4 ? QHostAddress(ipv4).toString() : address.toString();
}

} // namespace Im::SocketIo
