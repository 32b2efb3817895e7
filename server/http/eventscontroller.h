#pragma once

#include "auth/authservice.h"
#include "http/restcontroller.h"

namespace Im::Core {
class MessageHistory;
class NotificationInbox;
} // namespace Im::Core

namespace Im::Http {

//! `/api/v1/events` (spec §8.6, §11) with the port's fixes: notifications only of their receiver
//! (D-23) and only moving forward, with the sender's public info (D-27); the offline pull above the
//! device's delivery cursor paged by id (D-28, D-29); the cumulative ack never moving a cursor back
//! or past the newest message; and the port's additions: a conversation's messages by seq range,
//! its read cursors, and who has read a group message. The device is the optional `deviceid`
//! header ('' without one), as on the socket.
class EventsController : public RestController
{
public:
    //! \a inbox: the notifications; \a history: the messages, read cursors and the cumulative
    //! ack; both with their rules.
    EventsController(Auth::AuthService &auth, Core::NotificationInbox &inbox,
                     Core::MessageHistory &history, QObject *parent = nullptr);

    void registerRoutes(Router &router) override;

private:
    QFuture<HttpResponse> notifies(const Auth::UserContext &user);
    QFuture<HttpResponse> markNotify(const HttpRequest &request, const Auth::UserContext &user,
                                     int status);
    QFuture<HttpResponse> messages(const HttpRequest &request, const Auth::UserContext &user);
    QFuture<HttpResponse> received(const HttpRequest &request, const Auth::UserContext &user);
    QFuture<HttpResponse> range(const HttpRequest &request, const Auth::UserContext &user);
    QFuture<HttpResponse> reads(const HttpRequest &request, const Auth::UserContext &user);
    QFuture<HttpResponse> readers(const HttpRequest &request, const Auth::UserContext &user);

    Core::NotificationInbox &m_inbox;
    Core::MessageHistory &m_history;
};

} // namespace Im::Http
