#pragma once

#include "im/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <chrono>

namespace Im::Auth {

//! Signs and verifies the server-side JWTs (HS256 only) with libjwt, so that the tokens stay
//! compatible with the original's `jsonwebtoken` ones: header `{"alg":"HS256","typ":"JWT"}`,
//! `iat` and `exp` in seconds since the epoch, claims with their JSON types (objects and arrays
//! included). Thread-safe: the codec holds only the secret, every call has its own libjwt object.
//! Never log what sign() returns or verify() receives.
class JwtCodec
{
public:
    //! \a secret is the HMAC key (`SECRET_KEY`); an empty secret makes every call fail.
    explicit JwtCodec(QByteArray secret);

    //! Returns the compact JWT of \a claims plus `iat` = \a now and `exp` = \a now + \a lifetime
    //! (both overwrite claims of those names). Malformed for a non-positive lifetime, Internal
    //! when libjwt refuses (no secret, a claim JSON cannot carry such as a NUL character).
    [[nodiscard]] Result<QString> sign(const QJsonObject &claims, std::chrono::seconds lifetime,
                                       QDateTime now = QDateTime::currentDateTimeUtc()) const;

    //! Returns the payload (with `iat` and `exp`) when \a token is an HS256 JWT signed with this
    //! secret whose numeric `exp` is after \a now. Any failure (malformed, another `alg` such as
    //! `none`, bad signature, missing or past `exp`) is Unauthorized with the message
    //! "Unauthorized", so callers cannot leak which check failed.
    [[nodiscard]] Result<QJsonObject> verify(const QString &token,
                                             QDateTime now = QDateTime::currentDateTimeUtc()) const;

private:
    QByteArray m_secret;
};

} // namespace Im::Auth
