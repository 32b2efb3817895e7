#include "auth/passwordhasher.h"

#include <crypt.h>
#include <cstring>
#include <memory>
#include <sodium.h>

using namespace Qt::StringLiterals;

namespace Im::Auth {

namespace {

bool sodiumReady()
{
    static const bool ready = sodium_init() >= 0;
    return ready;
}

bool isBcrypt(const QString &hash)
{
    return hash.startsWith("$2a$"_L1) || hash.startsWith("$2b$"_L1) || hash.startsWith("$2y$"_L1);
}

bool verifyBcrypt(const QByteArray &hash, const QByteArray &password)
{
    auto data = std::make_unique<crypt_data>();
    std::memset(data.get(), 0, sizeof(crypt_data));
    const char *computed = crypt_r(password.constData(), hash.constData(), data.get());
    // libxcrypt returns a string starting with '*' on failure, never the setting itself.
    if (!computed || computed[0] == '*')
        return false;
    const size_t length = std::strlen(computed);
    return length == size_t(hash.size()) && sodium_memcmp(computed, hash.constData(), length) == 0;
}

} // namespace

Result<QString> PasswordHasher::hash(const QString &password)
{
    return hash(password, Cost());
}

Result<QString> PasswordHasher::hash(const QString &password, Cost cost)
{
    if (!sodiumReady())
        return makeError(ErrorCode::Internal, u"Password hashing is unavailable."_s);
    const QByteArray utf8 = password.toUtf8();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, utf8.constData(), quint64(utf8.size()), cost.opsLimit,
                          size_t(cost.memoryBytes))
        != 0) {
        return makeError(ErrorCode::Internal, u"Out of memory while hashing a password."_s);
    }
    return QString::fromLatin1(out);
}

bool PasswordHasher::verify(const QString &storedHash, const QString &password)
{
    const QByteArray hash = storedHash.toLatin1();
    const QByteArray utf8 = password.toUtf8();
    if (isBcrypt(storedHash))
        return verifyBcrypt(hash, utf8);
    if (!sodiumReady() || !storedHash.startsWith("$argon2id$"_L1))
        return false;
    return crypto_pwhash_str_verify(hash.constData(), utf8.constData(), quint64(utf8.size())) == 0;
}

bool PasswordHasher::needsRehash(const QString &storedHash)
{
    return needsRehash(storedHash, Cost());
}

bool PasswordHasher::needsRehash(const QString &storedHash, Cost cost)
{
    if (!storedHash.startsWith("$argon2id$"_L1) || !sodiumReady())
        return true;
    const QByteArray hash = storedHash.toLatin1();
    return crypto_pwhash_str_needs_rehash(hash.constData(), cost.opsLimit, size_t(cost.memoryBytes))
        != 0;
}

} // namespace Im::Auth
