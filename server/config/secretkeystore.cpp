#include "config/secretkeystore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSaveFile>

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace Im::Config {

namespace {

constexpr qsizetype minimumFileKeyLength = 32;
constexpr qint64 maximumFileBytes = 4096; // a key file, not a place for anything else

bool isKeyCharacter(QChar c)
{
    return c.unicode() > 0x20 && c.unicode() < 0x7f;
}

Result<QString> readKeyFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Unavailable,
                         u"cannot read secret key file %1: %2"_s.arg(path, file.errorString()));
    const QByteArray content = file.read(maximumFileBytes + 1);
    const QString key = QString::fromLatin1(content).trimmed();
    if (content.size() > maximumFileBytes || key.size() < minimumFileKeyLength
        || !std::all_of(key.cbegin(), key.cend(), isKeyCharacter)) {
        return makeError(
            ErrorCode::Malformed,
            u"secret key file %1 is corrupt (expected at least %2 printable ASCII "
            "characters); delete it to generate a new key, which ends all sessions"_s.arg(path)
                .arg(minimumFileKeyLength));
    }
    return key;
}

Result<QString> generateKeyFile(const QString &path)
{
    std::array<quint32, 8> words {}; // 32 bytes
    QRandomGenerator::system()->fillRange(words.data(), qsizetype(words.size()));
    const QByteArray bytes(reinterpret_cast<const char *>(words.data()),
                           qsizetype(words.size() * sizeof(quint32)));
    const QByteArray hex = bytes.toHex();

    const QString directory = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(directory))
        return makeError(ErrorCode::Unavailable,
                         u"cannot create directory %1 for the secret key"_s.arg(directory));

    QSaveFile file(path);
    // QSaveFile creates new files with the umask's permissions; restrict them before the key
    // is written, and the rename on commit keeps them.
    if (!file.open(QIODevice::WriteOnly)
        || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || file.write(hex + '\n') != hex.size() + 1 || !file.commit()) {
        return makeError(ErrorCode::Unavailable,
                         u"cannot write secret key file %1: %2"_s.arg(path, file.errorString()));
    }
    return QString::fromLatin1(hex);
}

} // namespace

Result<QString> ensureSecretKey(ServerConfig &config)
{
    if (!config.secretKey.isEmpty())
        return config.secretKey;
    if (config.environment == Environment::Production)
        return makeError(ErrorCode::Malformed, u"SECRET_KEY is required in production"_s);

    const QString path = config.secretKeyFile();
    Result<QString> key = QFileInfo::exists(path) ? readKeyFile(path) : generateKeyFile(path);
    if (key)
        config.secretKey = key.value();
    return key;
}

} // namespace Im::Config
