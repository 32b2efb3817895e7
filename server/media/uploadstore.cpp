#include "media/uploadstore.h"

#include "media/logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUuid>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Im::Media {

namespace {

Error storageFailed(const QString &what, const QString &path, const QString &reason)
{
    // The path and the reason go to the log only; the client learns nothing about the disk.
    qCWarning(lcMedia).noquote() << what << path << "failed:" << reason;
    return makeError(ErrorCode::Internal, u"Storing the upload failed."_s);
}

bool isSafeSegment(QStringView segment)
{
    return !segment.isEmpty() && !segment.startsWith(u'.') && !segment.contains(u'\\')
        && !segment.contains(QChar(0)) && !segment.contains(u':');
}

} // namespace

UploadStore::UploadStore(QString rootDir)
    : m_rootDir(QDir::cleanPath(QDir(rootDir).absolutePath()))
{ }

Result<QString> UploadStore::newBaseName(int userId) const
{
    const QString directory = QString::number(userId);
    if (!QDir(m_rootDir).mkpath(directory))
        return storageFailed(u"creating"_s, absolutePath(directory), u"mkpath"_s);
    return directory + u'/' + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

Result<void> UploadStore::write(const QString &relativePath, const QByteArray &bytes) const
{
    const QString target = absolutePath(relativePath);
    const QString partial = target + u".part"_s;
    QFile file(partial);
    // NewOnly: an existing name is never reused, even for the temporary file.
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        return storageFailed(u"creating"_s, partial, file.errorString());
    const bool written = file.write(bytes) == bytes.size() && file.flush();
    const QString writeError = file.errorString();
    file.close();
    if (!written) {
        QFile::remove(partial);
        return storageFailed(u"writing"_s, partial, writeError);
    }
    // rename() refuses an existing target, so nothing is overwritten.
    if (!QFile::rename(partial, target)) {
        QFile::remove(partial);
        return storageFailed(u"renaming"_s, partial, u"target exists or rename failed"_s);
    }
    return {};
}

void UploadStore::remove(const QStringList &relativePaths) const
{
    for (const QString &path : relativePaths) {
        const QString absolute = absolutePath(path);
        QFile::remove(absolute + u".part"_s);
        if (QFileInfo::exists(absolute) && !QFile::remove(absolute))
            qCWarning(lcMedia).noquote() << "could not remove" << absolute;
    }
}

QString UploadStore::absolutePath(const QString &relativePath) const
{
    return m_rootDir + u'/' + relativePath;
}

bool UploadStore::isServablePath(QStringView relativePath)
{
    // Files being written (`.part`) are not served.
    if (relativePath.startsWith(u'/') || relativePath.endsWith(u".part"_s))
        return false;
    const auto segments = relativePath.split(u'/');
    return std::all_of(segments.begin(), segments.end(), isSafeSegment);
}

Result<QString> UploadStore::resolve(const QString &relativePath) const
{
    const Error notFound = makeError(ErrorCode::NotFound, u"Not Found"_s);
    if (!isServablePath(relativePath))
        return notFound;
    // Symlinks are followed only as far as they stay below the (canonical) root.
    const QString root = QFileInfo(m_rootDir).canonicalFilePath();
    const QFileInfo file(absolutePath(relativePath));
    const QString canonical = file.canonicalFilePath();
    if (root.isEmpty() || canonical.isEmpty() || !canonical.startsWith(root + u'/'))
        return notFound;
    if (!QFileInfo(canonical).isFile())
        return notFound;
    return canonical;
}

} // namespace Im::Media
