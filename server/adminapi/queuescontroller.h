#pragma once

#include "adminapi/adminjson.h"
#include "auth/authservice.h"
#include "http/restcontroller.h"

namespace Im::AdminApi {

//! The queue figures for holders of the `adminConsole` permission:
//! `GET /api/v1/admin/queues` answers the messaging core's delivery queues in total, per socket and
//! per user (queued, in flight, pushed, acked, failed, timed out, retried, oldest waiting,
//! cursor), the write batches, the notification pushes and the rates;
//! `GET /api/v1/admin/rates` the rate history alone: `?resolution=second` (the default) the samples
//! of the last 15 minutes, `?resolution=minute` the minutes of the last 24 hours.
class QueuesController : public Http::RestController
{
public:
    QueuesController(Auth::AuthService &auth, QueueSources sources, QObject *parent = nullptr);

    void registerRoutes(Http::Router &router) override;

private:
    const QueueSources m_sources;
};

} // namespace Im::AdminApi
