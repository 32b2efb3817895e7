#pragma once

#include "http/router.h"
#include "metrics/registry.h"

#include <QObject>

namespace Im::Monitoring {

//! `GET /metrics`: the registry in Prometheus' text format, for a bearer token only. Registered
//! only when METRICS_TOKEN is set, so without it the path answers 404 like any unknown one. The
//! token is compared by its SHA-256 in constant time, so neither its content nor its length leaks
//! through timing. Collecting runs on the network thread and reads figures kept anyway.
class MetricsController : public QObject
{
    Q_OBJECT
public:
    static constexpr char path[] = "/metrics";

    explicit MetricsController(const QString &token, QObject *parent = nullptr);

    [[nodiscard]] Metrics::Registry &registry() { return m_registry; }
    void registerRoutes(Http::Router &router);

    //! Whether \a authorization (the header's value) is `Bearer <the token>`.
    [[nodiscard]] bool isAuthorized(QByteArrayView authorization) const;

private:
    [[nodiscard]] Http::HttpResponse scrape(const Http::HttpRequest &request) const;

    const QByteArray m_tokenDigest;
    Metrics::Registry m_registry;
};

} // namespace Im::Monitoring
