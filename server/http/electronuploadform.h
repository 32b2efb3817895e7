#pragma once

#include "http/httprequest.h"
#include "im/result.h"
#include "store/electronqueries.h"
#include "store/electronstorage.h"

#include <QList>
#include <QString>

namespace Im::Http {

//! One `Electrons` row an upload creates, with its files.
struct PendingRelease
{
    Store::ReleaseKey key;
    QList<Store::IncomingReleaseFile> files;
};

struct ReleaseUploadLimits
{
    //! The largest upload, all its files together (the front door refuses larger requests).
    qint64 maxUploadBytes = 512 * 1024 * 1024;
    qint64 maxYmlBytes = 1024 * 1024; //!< an update feed file is a few hundred bytes
    int maxAppFiles = 16; //!< installers, archives and their blockmaps
};

//! The form of `POST /api/v1/electron/full` (spec §15): fields `platform`, `archs` and `version`,
//! file fields `yml` (at most one) and `app` (at least one); one full release. Parsing a large
//! body takes a while: call from a worker thread. Errors: Malformed (400), TooLarge (413).
Result<QList<PendingRelease>> readFullReleaseForm(const HttpRequest &request,
                                                  const ReleaseUploadLimits &limits);

//! The form of `POST /api/v1/electron/asar`: fields `platform` and `version`, file field `app`
//! once per architecture, named `<archs>.<extension>` (`x64.zip`); one asar release per file.
Result<QList<PendingRelease>> readAsarReleaseForm(const HttpRequest &request,
                                                  const ReleaseUploadLimits &limits);

//! A client's file name reduced to metadata: its last path component without control
//! characters, trimmed; empty when nothing usable is left or it is longer than 255 characters.
[[nodiscard]] QString sanitisedFileName(const QString &clientName);

} // namespace Im::Http
