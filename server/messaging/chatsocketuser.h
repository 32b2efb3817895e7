#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace Im::SocketIo {
class SocketIoSocket;
}

namespace Im::Messaging {

//! Whom a chat socket belongs to: the Socket.IO userData of every socket of the chat namespace.
//! One small value per socket, because there are many sockets: the same as a QVariantMap with a
//! QJsonObject of the public info took one and a half kilobytes of each.
struct ChatSocketUser
{
    int id = 0;
    QString deviceId;
    //! When the session ends unless it is used again (checked again then).
    QDateTime sessionExpiresAt;
    //! UserPublic as compact JSON: what others may see of the user, as pushes carry it.
    QByteArray publicInfoJson;

    //! A socket's user with \a publicInfo (UserPublic) kept as compact JSON.
    static ChatSocketUser make(int id, QString deviceId, QDateTime sessionExpiresAt,
                               const QJsonObject &publicInfo);
    //! The user of \a socket; id 0 when it is no chat socket.
    static ChatSocketUser of(const SocketIo::SocketIoSocket &socket);

    [[nodiscard]] QJsonObject publicInfo() const;
    [[nodiscard]] QString account() const;
};

} // namespace Im::Messaging
