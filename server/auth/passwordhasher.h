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
    //! What one argon2id hash costs: libsodium's interactive limits by default (2 passes, 64 MiB).
    struct Cost
    {
        quint64 opsLimit = 2;
        quint64 memoryBytes = quint64(64) * 1024 * 1024;
    };

    //! With the default cost.
    [[nodiscard]] static Result<QString> hash(const QString &password);
    [[nodiscard]] static Result<QString> hash(const QString &password, Cost cost);
    [[nodiscard]] static bool verify(const QString &storedHash, const QString &password);
    //! True for anything but an argon2id hash made with \a cost.
    [[nodiscard]] static bool needsRehash(const QString &storedHash, Cost cost);
    [[nodiscard]] static bool needsRehash(const QString &storedHash);
};

} // namespace Im::Auth
