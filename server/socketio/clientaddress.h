#pragma once

#include <QHostAddress>
#include <QString>

namespace Im::SocketIo {

//! \a address as a key for per-address counting: an IPv4 client seen through a dual-stack
//! listener (::ffff:a.b.c.d) counts as a.b.c.d.
[[nodiscard]] QString clientAddressKey(const QHostAddress &address);

} // namespace Im::SocketIo
