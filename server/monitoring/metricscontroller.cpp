#include "monitoring/metricscontroller.h"

#include "http/envelope.h"
#include "metrics/textformat.h"

#include <QCryptographicHash>
#include <QFuture>

using namespace Qt::StringLiterals;

namespace Im::Monitoring {

namespace {

QByteArray digestOf(QByteArrayView text)
{
    return QCryptographicHash::hash(text, QCryptographicHash::Sha256);
}

// Equal-length digests compared without an early exit.
bool sameDigest(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a[i] ^ b[i]);
    return difference == 0;
}

} // namespace

MetricsController::MetricsController(const QString &token, QObject *parent)
    : QObject(parent)
    , m_tokenDigest(digestOf(token.toUtf8()))
{ }

void MetricsController::registerRoutes(Http::Router &router)
{
    router.add(Http::HttpRequest::Method::Get, QString::fromLatin1(path),
               [this](const Http::HttpRequest &request) {
                   return QtFuture::makeReadyFuture(scrape(request));
               });
}

bool MetricsController::isAuthorized(QByteArrayView authorization) const
{
    // RFC 7235: the scheme is case-insensitive; RFC 6750 puts one space before the token.
    constexpr QByteArrayView scheme = "bearer ";
    if (authorization.size() <= scheme.size()
        || authorization.first(scheme.size()).compare(scheme, Qt::CaseInsensitive) != 0)
        return false;
    const QByteArrayView token = authorization.sliced(scheme.size()).trimmed();
    return sameDigest(digestOf(token), m_tokenDigest);
}

Http::HttpResponse MetricsController::scrape(const Http::HttpRequest &request) const
{
    if (!isAuthorized(request.header("authorization"))) {
        Http::HttpResponse refused = Http::Envelope::failure(401, u"Unauthorized"_s);
        refused.setHeader("WWW-Authenticate", R"(Bearer realm="metrics")");
        return refused;
    }
    Http::HttpResponse response;
    response.contentType = Metrics::textFormatContentType;
    response.body = Metrics::renderTextFormat(m_registry.collect());
    response.setHeader("Cache-Control", "no-store");
    return response;
}

} // namespace Im::Monitoring
