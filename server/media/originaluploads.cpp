#include "media/originaluploads.h"

#include "media/logging.h"
#include "media/uploadstore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Im::Media {

namespace {

const QString chatName = u"chat"_s;
const QString electronName = u"electron"_s;
// What marks the server's own release directories (ElectronStorage) and its staging area.
const QString manifestName = u"manifest.json"_s;
const QString stagingPath = u"electron/.staging"_s;
// The original's layout is two to five levels deep; anything far deeper is not its.
constexpr int maxDepth = 16;
constexpr qsizetype maxUserIdDigits = 10;
constexpr QDir::Filters everyEntry =
    QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot;

bool isUserIdName(const QString &name)
{
    return !name.isEmpty() && name.size() <= maxUserIdDigits
        && std::all_of(name.begin(), name.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

class Adopter
{
public:
    Adopter(const QString &uploadDir, bool dryRun)
        : m_root(QDir::cleanPath(QDir(uploadDir).absolutePath()))
        , m_chat(m_root + u'/' + chatName)
        , m_dryRun(dryRun)
    { }

    OriginalUploadsTally run()
    {
        const QFileInfoList entries = QDir(m_root).entryInfoList(everyEntry, QDir::Name);
        for (const QFileInfo &entry : entries) {
            const QString name = entry.fileName();
            const bool releases = name == electronName;
            if (!releases && !isUserIdName(name))
                continue; // not of the original's layout (the server's own `chat`, anything else)
            if (entry.isSymLink())
                leave(u"symbolic links"_s);
            else if (entry.isDir())
                walk(entry.filePath(), name, 1,
                     releases ? m_tally.releaseFiles : m_tally.mediaFiles);
        }
        return m_tally;
    }

private:
    void walk(const QString &directory, const QString &relative, int depth, qint64 &moved)
    {
        const QDir dir(directory);
        if (relative == stagingPath || dir.exists(manifestName))
            return; // the server's own release files
        if (depth > maxDepth) {
            leave(u"nested too deep"_s);
            return;
        }
        for (const QFileInfo &entry : dir.entryInfoList(everyEntry, QDir::Name)) {
            const QString path = relative + u'/' + entry.fileName();
            // Checked first: isDir() and isFile() follow links, and a link is never followed.
            if (entry.isSymLink())
                leave(u"symbolic links"_s);
            else if (entry.isDir())
                walk(entry.filePath(), path, depth + 1, moved);
            else if (!entry.isFile())
                leave(u"not regular files"_s);
            else
                adopt(entry, path, moved);
        }
        if (!m_dryRun)
            QDir().rmdir(directory); // only once it is empty
    }

    void adopt(const QFileInfo &file, const QString &relative, qint64 &moved)
    {
        if (!UploadStore::isServablePath(relative)) {
            leave(u"names /uploads/ does not serve (hidden or partial)"_s);
            return;
        }
        const QString target = m_chat + u'/' + relative;
        const QFileInfo existing(target);
        if (existing.exists() || existing.isSymLink()) {
            leave(u"names already taken"_s);
            return;
        }
        const QString parent = existing.path();
        if (leadsOutside(parent)) {
            leave(u"targets outside the uploads folder"_s);
            return;
        }
        if (m_dryRun) {
            ++moved;
            return;
        }
        // rename() never replaces an existing file, so a name taken meanwhile stays untouched.
        if (!QDir().mkpath(parent) || leadsOutside(parent)
            || !QFile::rename(file.filePath(), target)) {
            qCWarning(lcMedia).noquote() << "could not move" << file.filePath() << "to" << target;
            leave(u"could not be moved"_s);
            return;
        }
        ++moved;
    }

    // Whether \a directory (below the chat root) is, or would be created, outside it: one of
    // its existing ancestors may be a symbolic link.
    bool leadsOutside(const QString &directory) const
    {
        QString probe = directory;
        while (!QFileInfo::exists(probe) && probe.startsWith(m_chat + u'/'))
            probe = QFileInfo(probe).path();
        if (!QFileInfo::exists(probe))
            return false; // nothing of the chat root exists yet, so nothing in it leads out
        const QString root = QFileInfo(m_chat).canonicalFilePath();
        const QString canonical = QFileInfo(probe).canonicalFilePath();
        return root.isEmpty() || (canonical != root && !canonical.startsWith(root + u'/'));
    }

    void leave(const QString &reason) { ++m_tally.leftInPlace[reason]; }

    const QString m_root;
    const QString m_chat;
    const bool m_dryRun;
    OriginalUploadsTally m_tally;
};

} // namespace

OriginalUploadsTally adoptOriginalUploads(const QString &uploadDir, bool dryRun)
{
    return Adopter(uploadDir, dryRun).run();
}

} // namespace Im::Media
