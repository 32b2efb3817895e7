#pragma once

#include "im/result.h"
#include "store/electronqueries.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace Im::Store {

//! A file of a release as the client sent it: its form field (`yml` or `app`), its name (already
//! sanitised, kept only as metadata) and its bytes.
struct IncomingReleaseFile
{
    QString field;
    QString name;
    QByteArray content;
};

//! A stored file of a release, as the release's manifest lists it.
struct ReleaseFile
{
    QString field;
    QString name; //!< the client's (sanitised) name: what the update feed is asked for
    QString storedName; //!< the server's own name inside the release directory
    qint64 size = 0;

    //! `{field, name, size}`.
    [[nodiscard]] QJsonObject toJson() const;
};

//! A release's files written to a staging directory, not in place yet.
struct StagedRelease
{
    ReleaseKey key;
    QString directory;
    QList<ReleaseFile> files;
};

//! The files of desktop-app releases under `<upload dir>/electron/`. A release lives in
//! `<type>/<version>/<platform>/<archs>/`, built only from validated row values; its files get
//! the server's names (`app-1`, `yml-1`, ...) and a `manifest.json` maps them to the clients'
//! names, which never become paths. Uploads are written to `.staging/<random>/` first and moved
//! into place with one rename when their rows are committed. Blocking file I/O: call from worker
//! threads only.
class ElectronStorage
{
public:
    explicit ElectronStorage(const QString &uploadDir);

    [[nodiscard]] QString root() const { return m_root; }

    //! Writes \a files and their manifest to a new staging directory.
    Result<StagedRelease> stage(const ReleaseKey &key,
                                const QList<IncomingReleaseFile> &files) const;
    //! Moves every staged release to its place, replacing a stale directory there (one that no
    //! row owns: call it while the rows are being inserted); all or nothing.
    Result<void> place(const QList<StagedRelease> &staged) const;
    //! Removes the staging directories of \a staged (after a failed upload).
    void discard(const QList<StagedRelease> &staged) const;
    //! Removes the placed directories of \a staged (when their rows were not committed).
    void unplace(const QList<StagedRelease> &staged) const;

    //! The manifest of release \a key; NotFound when it has no files here (a row written by the
    //! original or by hand).
    Result<QList<ReleaseFile>> files(const ReleaseKey &key) const;
    //! The absolute path of \a file of release \a key.
    Result<QString> pathOf(const ReleaseKey &key, const ReleaseFile &file) const;

private:
    Result<void> placeOne(const StagedRelease &release) const;
    Result<QString> directoryOf(const ReleaseKey &key) const;

    QString m_root;
};

} // namespace Im::Store
