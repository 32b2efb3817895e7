#pragma once

#include "http/router.h"

namespace Im::Http {

//! `GET /api/v1`: the original's hello-world root, which clients and load balancers probe.
class AppController
{
public:
    void registerRoutes(Router &router);
};

} // namespace Im::Http
