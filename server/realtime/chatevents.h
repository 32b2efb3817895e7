#pragma once

#include "im/messagingservice.h"
#include "realtime/eventratelimiter.h"

#include <QObject>

namespace Im::SocketIo {
class SocketIoNamespace;
class SocketIoSocket;
class Ack;
} // namespace Im::SocketIo

namespace Im::Core {
class MessageWriter;
} // namespace Im::Core

namespace Im::Realtime {

//! The client's events on an authenticated socket, decoded and handed to the messaging domain's
//! `MessagingService`: `on-message` (store, ack after the commit, then push), `on-message:read`
//! (read receipts); and `on-notify`. Every event is answered with an
//! AckMessage: 200 when done, a 4xx code with the reason when refused (never silence), 500 when
//! the database failed. Every event first passes the socket's and the user's rate limits (429
//! when over; a socket refused too often is disconnected), and a message the user's daily quota.
class ChatEvents : public QObject
{
    Q_OBJECT
public:
    struct Limits
    {
        Core::SendLimits send;
        EventRateLimiter::Settings rates;
    };

    ChatEvents(Core::MessageWriter &writer, Core::MessageStore &store, Core::MessageFanOut &fanOut,
               Limits limits, QObject *parent = nullptr);

    //! Handles the events of every socket of the \a chat namespace, whose sockets carry their
    //! user (Messaging::ChatSocketUser) as their userData.
    void handleOn(SocketIo::SocketIoNamespace &chat);
    //! Forgets what it kept of the socket \a socketId, which disconnected (its rate limits).
    //! Called by the socket's owner: a connection of its own per socket would cost every socket.
    void unbind(const QString &socketId);

private:
    //! False (and the event answered 429, the socket dropped when abusive) when over a limit.
    bool admit(SocketIo::SocketIoSocket *socket, int userId, const SocketIo::Ack &ack);
    void onMessage(SocketIo::SocketIoSocket *socket, int userId, const QByteArray &publicInfoJson,
                   const QVariantList &arguments, const SocketIo::Ack &ack);
    void onRead(int userId, const QVariantList &arguments, const SocketIo::Ack &ack);

    EventRateLimiter m_rates;
    Core::MessagingService m_messaging; //!< uses m_rates as the daily quota
};

} // namespace Im::Realtime
