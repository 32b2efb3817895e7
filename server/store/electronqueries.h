#pragma once

#include "im/result.h"
#include "im/semanticversion.h"
#include "store/dbsession.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <functional>
#include <optional>

namespace Im::Store {

//! The values an `Electrons` row may hold (spec §13, §15; D-24 asks for in-set checks). `linux`
//! is the port's addition so that the update feed's `latest-linux.yml` can be published; `mac`
//! is what the desktop client's publish script sends as the archs of a macOS full release, whose
//! one package holds both architectures.
namespace Electron {
inline constexpr QLatin1StringView Full { "full" };
inline constexpr QLatin1StringView Asar { "asar" };
inline constexpr QLatin1StringView MacOs { "macos" };
inline constexpr QLatin1StringView Windows { "windows" };
inline constexpr QLatin1StringView Linux { "linux" };
inline constexpr QLatin1StringView MacArchs { "mac" };

[[nodiscard]] bool isPlatform(QStringView text);
//! One CPU architecture: `x32`, `x64` or `arm64` (what an asar release and infoForAsar name).
[[nodiscard]] bool isArchitecture(QStringView text);
//! The archs of a full release on \a platform: an architecture, or `mac` on macOS.
[[nodiscard]] bool isFullReleaseArchs(QStringView platform, QStringView archs);
} // namespace Electron

//! What one `Electrons` row stands for: one release of one type for one platform and archs.
struct ReleaseKey
{
    QString type;
    QString platform;
    QString archs;
    QString version;
};

//! An `Electrons` row.
struct ElectronRecord
{
    int id = 0;
    ReleaseKey key;
    bool actived = false;
    QVariant ext; //!< null or string
    QVariant remark; //!< null or string
    bool forceUpdate = false;
    QString createdAt; //!< `YYYY-MM-DD HH:mm:ss`
    QString updatedAt;

    //! The original's row: `{id, platform, archs, version, actived, type, ext, remark,
    //! forceUpdate, createdAt, updatedAt}`.
    [[nodiscard]] QJsonObject toJson() const;
};

//! Duplicate (`The current version[<v>] already exists under the platform[<p>].`, the original's
//! message) when a row of one of \a keys' type, platform and archs has a version of the same
//! precedence (so `1.0.0+a` after `1.0.0` is a duplicate too).
Result<void> checkNotPublished(DbSession &session, const QList<ReleaseKey> &keys);

//! Inserts one inactive row per key in one transaction, after checkNotPublished(); \a placeFiles
//! runs last inside the transaction, so when it fails nothing is created. Publishers take turns
//! (a named lock on MariaDB, the write lock taken first on SQLite), so of two concurrent uploads
//! of one release exactly one succeeds. The rows come back in the order of \a keys.
Result<QList<ElectronRecord>> insertReleases(DbSession &session, const QList<ReleaseKey> &keys,
                                             const std::function<Result<void>()> &placeFiles);

//! The active release of \a type for \a platform (and \a archs, when given) with the highest
//! version, among those newer than \a newerThan when given; rows whose version is not a semantic
//! version (possible in a database written by the original) are never picked. Ties go to the
//! latest row.
Result<std::optional<ElectronRecord>>
newestActiveRelease(DbSession &session, QLatin1StringView type, const QString &platform,
                    const std::optional<QString> &archs,
                    const std::optional<SemanticVersion> &newerThan);

//! The row \a id, if any.
Result<std::optional<ElectronRecord>> findRelease(DbSession &session, int id);

//! Sets `actived` (and `forceUpdate` when given) of row \a id and returns the row; NotFound.
Result<ElectronRecord> setReleaseActivation(DbSession &session, int id, bool actived,
                                            std::optional<bool> forceUpdate);

//! The newest \a limit rows, latest first.
Result<QList<ElectronRecord>> listReleases(DbSession &session, int limit);

} // namespace Im::Store
