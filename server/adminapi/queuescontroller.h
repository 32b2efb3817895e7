#pragma once

#include "auth/authservice.h"
#include "http/authguard.h"
#include "http/router.h"

#include <QObject>

namespace Im::Messaging {
class DeliveryHub;
class MessageWriter;
class NotificationPusher;
} // namespace Im::Messaging

namespace Im::AdminApi {

//! `GET /api/v1/admin/queues` for holders of the `adminConsole` permission: the messaging core's
//! delivery queues in total and per socket (queued, in flight, pushed, acked, failed, timed out,
//! retried, oldest waiting, cursor), the write batches and the notification pushes.
class QueuesController : public QObject
{
public:
    QueuesController(Auth::AuthService &auth, const Messaging::DeliveryHub &hub,
                     const Messaging::MessageWriter &writer,
                     const Messaging::NotificationPusher &notifications, QObject *parent = nullptr);

    void registerRoutes(Http::Router &router);

private:
    [[nodiscard]] QJsonObject snapshot() const;

    const Messaging::DeliveryHub &m_hub;
    const Messaging::MessageWriter &m_writer;
    const Messaging::NotificationPusher &m_notifications;
    Http::AuthGuard m_guard;
};

} // namespace Im::AdminApi
