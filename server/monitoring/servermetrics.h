#pragma once

namespace Im::Metrics {
class Registry;
}
namespace Im::Http {
class HttpServer;
}
namespace Im::SocketIo {
class EngineIoServer;
}
namespace Im::Core {
class DeliveryHub;
class MessageWriter;
} // namespace Im::Core
namespace Im::Store {
class DbExecutor;
}
namespace Im::Auth {
class AuthService;
}

namespace Im::Monitoring {

//! The parts of the running server whose figures are exposed. They must outlive the registry's
//! scrapes (all live until shutdown).
struct MetricSources
{
    const Http::HttpServer &http;
    const SocketIo::EngineIoServer &engine;
    const Core::DeliveryHub &hub;
    const Core::MessageWriter &writer;
    const Store::DbExecutor &database;
    const Auth::AuthService &auth;
};

//! Registers every `im_*` metric of the server and the standard `process_*` ones. The names, and
//! what each means, are listed in docs/METRICS.md; the interop test checks the two agree.
void registerServerMetrics(Metrics::Registry &registry, const MetricSources &sources);

} // namespace Im::Monitoring
