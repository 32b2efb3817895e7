#pragma once

#include "socketio/socketiotypes.h"

namespace Im::SocketIo {

//! Whether a WebSocket upgrade request, with \a headers and from \a address, may take over the
//! session opened by \a handshake. An upgrade that carries any of \a bindingHeaders (the
//! session's credentials, which socket.io-client in Node sends again on the upgrade) must carry
//! the handshake's values of all of them; one that carries none (a browser cannot set headers on
//! a WebSocket) must come from the handshake's address. Knowing a sid is never enough.
[[nodiscard]] bool upgradeBelongsToSession(const Handshake &handshake,
                                           const QList<std::pair<QByteArray, QByteArray>> &headers,
                                           const QHostAddress &address,
                                           const QList<QByteArray> &bindingHeaders);

} // namespace Im::SocketIo
