#include "store/electronstorage.h"

#include "store/logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace Im::Store {

namespace {

const QString manifestName = u"manifest.json"_s;
const QString stagingName = u".staging"_s;
// A manifest lists a handful of files; anything larger is not one of ours.
constexpr qint64 maxManifestBytes = 1024 * 1024;

// A path segment built from row values or server names: short, plain characters, no `.`/`..`.
bool isSafeSegment(const QString &segment)
{
    if (segment.isEmpty() || segment.size() > SemanticVersion::maxLength || segment == u"."_s
        || segment == u".."_s) {
        return false;
    }
    for (QChar c : segment) {
        const bool plain = (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'z')
            || (c >= u'A' && c <= u'Z') || c == u'.' || c == u'-' || c == u'+' || c == u'_';
        if (!plain)
            return false;
    }
    return true;
}

Error storageFailure(const QString &what, const QString &path)
{
    // The path is the server's own (no client text in it), so it may be logged.
    qCWarning(lcStore).noquote() << "release storage:" << what << path;
    return makeError(ErrorCode::Internal, u"Cannot store the release files."_s);
}

QJsonObject manifestEntry(const ReleaseFile &file)
{
    return { { u"field"_s, file.field },
             { u"name"_s, file.name },
             { u"file"_s, file.storedName },
             { u"size"_s, file.size } };
}

Result<void> writeFile(const QString &path, const QByteArray &content)
{
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        return storageFailure(u"cannot create"_s, path);
    if (out.write(content) != content.size() || !out.flush())
        return storageFailure(u"cannot write"_s, path);
    return {};
}

} // namespace

QJsonObject ReleaseFile::toJson() const
{
    return { { u"field"_s, field }, { u"name"_s, name }, { u"size"_s, size } };
}

ElectronStorage::ElectronStorage(const QString &uploadDir)
    : m_root(QDir(uploadDir).filePath(u"electron"_s))
{ }

Result<QString> ElectronStorage::directoryOf(const ReleaseKey &key) const
{
    const QStringList segments { key.type, key.version, key.platform, key.archs };
    for (const QString &segment : segments) {
        if (!isSafeSegment(segment))
            return makeError(ErrorCode::NotFound, u"The release has no files."_s);
    }
    return QDir(m_root).filePath(segments.join(u'/'));
}

Result<StagedRelease> ElectronStorage::stage(const ReleaseKey &key,
                                             const QList<IncomingReleaseFile> &files) const
{
    StagedRelease staged;
    staged.key = key;
    staged.directory = QDir(m_root).filePath(stagingName + u'/'
                                             + QUuid::createUuid().toString(QUuid::WithoutBraces));
    if (!QDir().mkpath(staged.directory))
        return storageFailure(u"cannot create"_s, staged.directory);
    QHash<QString, int> counts;
    QJsonArray manifest;
    for (const IncomingReleaseFile &incoming : files) {
        ReleaseFile file;
        file.field = incoming.field;
        file.name = incoming.name;
        file.storedName = u"%1-%2"_s.arg(incoming.field).arg(++counts[incoming.field]);
        file.size = incoming.content.size();
        if (!isSafeSegment(file.storedName)) {
            discard({ staged });
            return makeError(ErrorCode::Internal, u"Invalid release field."_s);
        }
        if (auto written =
                writeFile(QDir(staged.directory).filePath(file.storedName), incoming.content);
            !written) {
            discard({ staged });
            return written.error();
        }
        staged.files.append(file);
        manifest.append(manifestEntry(file));
    }
    const QByteArray manifestText =
        QJsonDocument(QJsonObject { { u"files"_s, manifest } }).toJson(QJsonDocument::Indented);
    if (auto written = writeFile(QDir(staged.directory).filePath(manifestName), manifestText);
        !written) {
        discard({ staged });
        return written.error();
    }
    return staged;
}

Result<void> ElectronStorage::place(const QList<StagedRelease> &staged) const
{
    for (qsizetype i = 0; i < staged.size(); ++i) {
        if (auto placed = placeOne(staged[i]); !placed) {
            unplace(staged.first(i));
            return placed;
        }
    }
    return {};
}

Result<void> ElectronStorage::placeOne(const StagedRelease &release) const
{
    auto target = directoryOf(release.key);
    if (!target)
        return storageFailure(u"unsafe release key for"_s, release.directory);
    QDir stale(target.value());
    if (stale.exists() && !stale.removeRecursively())
        return storageFailure(u"cannot replace"_s, target.value());
    const QString parent = QFileInfo(target.value()).path();
    if (!QDir().mkpath(parent) || !QDir().rename(release.directory, target.value()))
        return storageFailure(u"cannot move into place"_s, target.value());
    return {};
}

void ElectronStorage::discard(const QList<StagedRelease> &staged) const
{
    for (const StagedRelease &release : staged) {
        QDir directory(release.directory);
        if (directory.exists() && !directory.removeRecursively())
            qCWarning(lcStore).noquote() << "release storage: cannot remove" << release.directory;
    }
}

void ElectronStorage::unplace(const QList<StagedRelease> &staged) const
{
    for (const StagedRelease &release : staged) {
        auto target = directoryOf(release.key);
        if (target && !QDir(target.value()).removeRecursively())
            qCWarning(lcStore).noquote() << "release storage: cannot remove" << target.value();
    }
}

Result<QList<ReleaseFile>> ElectronStorage::files(const ReleaseKey &key) const
{
    auto directory = directoryOf(key);
    if (!directory)
        return directory.error();
    QFile manifestFile(QDir(directory.value()).filePath(manifestName));
    if (!manifestFile.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::NotFound, u"The release has no files."_s);
    if (manifestFile.size() > maxManifestBytes)
        return storageFailure(u"oversized manifest"_s, manifestFile.fileName());
    const QJsonDocument document = QJsonDocument::fromJson(manifestFile.readAll());
    QList<ReleaseFile> files;
    for (const QJsonValue &value : document.object().value(u"files"_s).toArray()) {
        const QJsonObject entry = value.toObject();
        ReleaseFile file;
        file.field = entry.value(u"field"_s).toString();
        file.name = entry.value(u"name"_s).toString();
        file.storedName = entry.value(u"file"_s).toString();
        file.size = entry.value(u"size"_s).toInteger();
        if (!isSafeSegment(file.storedName) || file.storedName == manifestName)
            return storageFailure(u"invalid manifest"_s, manifestFile.fileName());
        files.append(file);
    }
    return files;
}

Result<QString> ElectronStorage::pathOf(const ReleaseKey &key, const ReleaseFile &file) const
{
    auto directory = directoryOf(key);
    if (!directory)
        return directory.error();
    if (!isSafeSegment(file.storedName))
        return makeError(ErrorCode::NotFound, u"The release has no such file."_s);
    return QDir(directory.value()).filePath(file.storedName);
}

} // namespace Im::Store
