#pragma once

#include "im/result.h"

#include <QString>

namespace Im::Auth {

//! Password hashing. New hashes are argon2id (libsodium's `crypto_pwhash_str`, interactive limits);
//! bcrypt hashes (`$2a$`, `$2b$`, `$2y$`) written by the original server are still verified
//! (through libxcrypt) and reported by needsRehash() so a successful login can upgrade them. CPU-
//! and memory-heavy (tens of milliseconds): call from a worker thread, never the network thread.
class PasswordHasher
{
public:
    [[nodiscard]] static Result<QString> hash(const QString &password);
    [[nodiscard]] static bool verify(const QString &storedHash, const QString &password);
    [[nodiscard]] static bool needsRehash(const QString &storedHash);
};

} // namespace Im::Auth
