#pragma once

#include "im/result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Im::Media {

//! The chat media files under one root directory (`<upload dir>/chat`), laid out as
//! `<userId>/<uuid><suffix>`. Names are the server's own (a random UUID and a suffix chosen from
//! the detected type), never the client's, so there is no traversal and no overwrite. Files are
//! written as `<name>.part` and renamed into place, so a crash never leaves a half-written file
//! under a served name. Blocking file I/O: call from worker threads only.
class UploadStore
{
public:
    explicit UploadStore(QString rootDir);

    [[nodiscard]] const QString &rootDir() const { return m_rootDir; }

    //! A new base name `<userId>/<uuid>` for one upload's files; creates the user's directory.
    Result<QString> newBaseName(int userId) const;
    //! Writes \a bytes to \a relativePath (below the root); fails if the file exists.
    Result<void> write(const QString &relativePath, const QByteArray &bytes) const;
    //! Removes the files (relative paths) of an upload that could not be completed.
    void remove(const QStringList &relativePaths) const;
    [[nodiscard]] QString absolutePath(const QString &relativePath) const;

    //! The regular file that the URL path \a relativePath (decoded, '/'-separated) names below
    //! the root, or NotFound: refuses `.`/`..` and hidden segments, backslashes, NULs, absolute
    //! paths, directories, and anything (such as a symlink) that resolves outside the root.
    Result<QString> resolve(const QString &relativePath) const;

    //! Whether resolve() would consider the name \a relativePath at all: no `.`/`..` or hidden
    //! segments, backslashes, colons or NULs, not absolute, not a file being written (`.part`).
    [[nodiscard]] static bool isServablePath(QStringView relativePath);

private:
    QString m_rootDir;
};

} // namespace Im::Media
