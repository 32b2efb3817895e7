#include "auth/jwtcodec.h"

#include <QJsonDocument>

#include <cstdlib>
#include <jwt.h>
#include <memory>

using namespace Qt::StringLiterals;

namespace Im::Auth {

namespace {

// libjwt is a C library: its objects and strings are owned through these so that no early return
// leaks them.
struct JwtDeleter
{
    void operator()(jwt_t *jwt) const { jwt_free(jwt); }
};
using JwtPtr = std::unique_ptr<jwt_t, JwtDeleter>;

struct MallocDeleter
{
    void operator()(char *text) const { std::free(text); }
};
using CString = std::unique_ptr<char, MallocDeleter>;

// Generous bound: a user-info snapshot is a few hundred bytes; this only stops libjwt and jansson
// from parsing megabytes sent by a client.
constexpr qsizetype maxTokenLength = 64 * 1024;

Error unauthorized()
{
    return makeError(ErrorCode::Unauthorized, u"Unauthorized"_s);
}

} // namespace

JwtCodec::JwtCodec(QByteArray secret)
    : m_secret(std::move(secret))
{ }

Result<QString> JwtCodec::sign(const QJsonObject &claims, std::chrono::seconds lifetime,
                               QDateTime now) const
{
    if (lifetime.count() <= 0)
        return makeError(ErrorCode::Malformed, u"A JWT needs a positive lifetime."_s);
    if (m_secret.isEmpty())
        return makeError(ErrorCode::Internal, u"No JWT secret is configured."_s);

    QJsonObject payload = claims;
    const qint64 issuedAt = now.toSecsSinceEpoch();
    payload.insert(u"iat"_s, issuedAt);
    payload.insert(u"exp"_s, issuedAt + qint64(lifetime.count()));
    const QByteArray json = QJsonDocument(payload).toJson(QJsonDocument::Compact);

    jwt_t *raw = nullptr;
    if (jwt_new(&raw) != 0 || !raw)
        return makeError(ErrorCode::Internal, u"Could not create a JWT."_s);
    JwtPtr jwt(raw);
    // One JSON document keeps nested objects and arrays (permissions) as they are; the typed
    // jwt_add_grant* calls only know strings, integers and booleans.
    if (jwt_add_grants_json(jwt.get(), json.constData()) != 0)
        return makeError(ErrorCode::Internal, u"Could not encode the JWT claims."_s);
    if (jwt_set_alg(jwt.get(), JWT_ALG_HS256,
                    reinterpret_cast<const unsigned char *>(m_secret.constData()),
                    int(m_secret.size()))
        != 0) {
        return makeError(ErrorCode::Internal, u"Could not set the JWT key."_s);
    }
    CString encoded(jwt_encode_str(jwt.get()));
    if (!encoded)
        return makeError(ErrorCode::Internal, u"Could not sign the JWT."_s);
    return QString::fromLatin1(encoded.get());
}

Result<QJsonObject> JwtCodec::verify(const QString &token, QDateTime now) const
{
    if (m_secret.isEmpty() || token.isEmpty() || token.size() > maxTokenLength)
        return unauthorized();
    // A JWT is base64url text in three dot-separated parts; refusing anything else up front
    // keeps odd input (NUL characters, non-ASCII) away from the C parser.
    const QByteArray compact = token.toLatin1();
    for (const char c : compact) {
        const bool allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
            || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '=';
        if (!allowed)
            return unauthorized();
    }
    if (compact.count('.') != 2)
        return unauthorized();

    jwt_t *raw = nullptr;
    const int decoded = jwt_decode(&raw, compact.constData(),
                                   reinterpret_cast<const unsigned char *>(m_secret.constData()),
                                   int(m_secret.size()));
    JwtPtr jwt(raw);
    if (decoded != 0 || !jwt)
        return unauthorized();
    // libjwt takes the algorithm from the token's header: it verifies HS384/HS512 with our secret
    // too, and some releases accepted `"alg":"none"` unsigned. Only the one we sign with counts.
    if (jwt_get_alg(jwt.get()) != JWT_ALG_HS256)
        return unauthorized();

    CString grants(jwt_get_grants_json(jwt.get(), nullptr));
    if (!grants)
        return unauthorized();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(grants.get()), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return unauthorized();
    QJsonObject payload = document.object();

    // libjwt 1.10 does not look at `exp`. As jsonwebtoken does, a token is expired from the
    // second named by `exp` on, and a token without a numeric `exp` is refused.
    const QJsonValue expiry = payload.value(u"exp"_s);
    if (!expiry.isDouble() || double(now.toSecsSinceEpoch()) >= expiry.toDouble())
        return unauthorized();
    return payload;
}

} // namespace Im::Auth
