#include "messaging/chatsocketuser.h"

#include "socketio/socketiosocket.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Im::Messaging {

ChatSocketUser ChatSocketUser::make(int id, QString deviceId, QDateTime sessionExpiresAt,
                                    const QJsonObject &publicInfo)
{
    return { id, std::move(deviceId), std::move(sessionExpiresAt),
             QJsonDocument(publicInfo).toJson(QJsonDocument::Compact) };
}

ChatSocketUser ChatSocketUser::of(const SocketIo::SocketIoSocket &socket)
{
    return socket.userData().value<ChatSocketUser>();
}

QJsonObject ChatSocketUser::publicInfo() const
{
    return QJsonDocument::fromJson(publicInfoJson).object();
}

QString ChatSocketUser::account() const
{
    return publicInfo().value(u"account"_s).toString();
}

} // namespace Im::Messaging
