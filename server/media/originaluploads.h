#pragma once

#include <QMap>
#include <QString>

namespace Im::Media {

//! What adoptOriginalUploads() did, or in a dry run would do.
struct OriginalUploadsTally
{
    qint64 mediaFiles = 0; //!< from `<dir>/<userId>/` to `<dir>/chat/<userId>/`
    qint64 releaseFiles = 0; //!< from `<dir>/electron/` to `<dir>/chat/electron/`
    QMap<QString, qint64> leftInPlace; //!< files that stay where they are, by reason
};

//! Brings the files the original server left under its MULTER_DEST (\a uploadDir) into the
//! server's layout, so they keep their URLs: the original served `<dir>/<userId>/<name>` at
//! `/uploads/<userId>/<name>` and its releases `<dir>/electron/...` at `/uploads/electron/...`,
//! and the server's `/uploads/` serves `<dir>/chat/`, so they move there under the same relative
//! paths. Only regular files move, by rename, one at a time and never over an existing name;
//! symbolic links (which are not followed), special files, names `/uploads/` would not serve
//! (UploadStore::isServablePath), names already taken and targets that would lead outside
//! `<dir>/chat` stay where they are and are counted. The server's own release directories (with a
//! manifest) and its staging area are left alone. Idempotent. Blocking file I/O: start-up only.
[[nodiscard]] OriginalUploadsTally adoptOriginalUploads(const QString &uploadDir, bool dryRun);

} // namespace Im::Media
