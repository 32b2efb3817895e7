#include "store/electronqueries.h"

#include "store/columnvalues.h"

#include <QScopeGuard>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Im::Store {

namespace {

const QString recordColumns = u"SELECT `id`, `type`, `platform`, `archs`, `version`, `actived`, "
                              "`ext`, `remark`, `forceUpdate`, `createdAt`, `updatedAt` "
                              "FROM `Electrons` "_s;

// Held by a publisher on MariaDB while it checks and inserts (no unique key spans the release's
// columns: together they are too long for an InnoDB index).
// Per database, as GET_LOCK names are global to the MariaDB server (see migrator.cpp).
const QString publishLockSql = u"LEFT(CONCAT('im_server.electron_publish.', DATABASE()), 64)"_s;
constexpr int publishLockSeconds = 30;

ElectronRecord recordFrom(const QSqlQuery &query)
{
    ElectronRecord record;
    record.id = query.value(0).toInt();
    record.key.type = query.value(1).toString();
    record.key.platform = query.value(2).toString();
    record.key.archs = query.value(3).toString();
    record.key.version = query.value(4).toString();
    record.actived = query.value(5).toInt() != 0;
    record.ext = textOrNull(query.value(6));
    record.remark = textOrNull(query.value(7));
    record.forceUpdate = query.value(8).toInt() != 0;
    record.createdAt = wireDate(query.value(9));
    record.updatedAt = wireDate(query.value(10));
    return record;
}

Result<QList<ElectronRecord>> records(DbSession &session, const QString &sql,
                                      const QVariantList &values)
{
    auto rows = session.query(sql, values);
    if (!rows)
        return rows.error();
    QList<ElectronRecord> found;
    while (rows.value().next())
        found.append(recordFrom(rows.value()));
    return found;
}

// Versions written by the original need not be semantic versions: those match only as text.
bool sameVersion(const QString &stored, const QString &wanted)
{
    const auto storedVersion = SemanticVersion::parse(stored);
    const auto wantedVersion = SemanticVersion::parse(wanted);
    if (storedVersion && wantedVersion)
        return *storedVersion == *wantedVersion;
    return stored == wanted;
}

// Duplicate when a row other than \a ignoredIds has one of \a keys' type, platform and archs and a
// version of the same precedence.
Result<void> checkNoOtherRelease(DbSession &session, const QList<ReleaseKey> &keys,
                                 const QSet<int> &ignoredIds)
{
    for (const ReleaseKey &key : keys) {
        auto rows = session.query(u"SELECT `id`, `version` FROM `Electrons` WHERE `type` = ? AND "
                                  "`platform` = ? AND `archs` = ?"_s,
                                  { key.type, key.platform, key.archs });
        if (!rows)
            return rows.error();
        while (rows.value().next()) {
            if (!ignoredIds.contains(rows.value().value(0).toInt())
                && sameVersion(rows.value().value(1).toString(), key.version)) {
                return makeError(
                    ErrorCode::Duplicate,
                    u"The current version[%1] already exists under the platform[%2]."_s.arg(
                        key.version, key.platform));
            }
        }
    }
    return {};
}

Result<int> insertRow(DbSession &session, const ReleaseKey &key)
{
    const QString now = session.now();
    auto inserted = session.query(
        u"INSERT INTO `Electrons` (`platform`, `archs`, `version`, `actived`, `type`, "
        "`forceUpdate`, `createdAt`, `updatedAt`) VALUES (?, ?, ?, 0, ?, 0, ?, ?)"_s,
        { key.platform, key.archs, key.version, key.type, now, now });
    if (!inserted)
        return inserted.error();
    return inserted.value().lastInsertId().toInt();
}

Result<void> withPublishLock(DbSession &session, const std::function<Result<void>()> &body)
{
    if (!session.isMariaDb())
        return body();
    auto locked =
        session.scalar(u"SELECT GET_LOCK(%1, ?)"_s.arg(publishLockSql), { publishLockSeconds });
    if (!locked)
        return locked.error();
    if (locked.value().toInt() != 1)
        return makeError(ErrorCode::Unavailable, u"Another release is being published."_s);
    const auto release = qScopeGuard(
        [&session] { (void)session.run(u"DO RELEASE_LOCK(%1)"_s.arg(publishLockSql)); });
    return body();
}

} // namespace

namespace Electron {

bool isPlatform(QStringView text)
{
    return text == MacOs || text == Windows || text == Linux;
}

bool isArchitecture(QStringView text)
{
    return text == "x32"_L1 || text == "x64"_L1 || text == "arm64"_L1;
}

bool isFullReleaseArchs(QStringView platform, QStringView archs)
{
    return isArchitecture(archs) || (platform == MacOs && archs == MacArchs);
}

} // namespace Electron

QJsonObject ElectronRecord::toJson() const
{
    return QJsonObject {
        { u"id"_s, id },
        { u"platform"_s, key.platform },
        { u"archs"_s, key.archs },
        { u"version"_s, key.version },
        { u"actived"_s, actived },
        { u"type"_s, key.type },
        { u"ext"_s, jsonOrNull(ext) },
        { u"remark"_s, jsonOrNull(remark) },
        { u"forceUpdate"_s, forceUpdate },
        { u"createdAt"_s, createdAt },
        { u"updatedAt"_s, updatedAt },
    };
}

Result<void> checkNotPublished(DbSession &session, const QList<ReleaseKey> &keys)
{
    return checkNoOtherRelease(session, keys, {});
}

Result<QList<ElectronRecord>> insertReleases(DbSession &session, const QList<ReleaseKey> &keys,
                                             const std::function<Result<void>()> &placeFiles)
{
    QList<ElectronRecord> inserted;
    auto done = withPublishLock(session, [&] {
        return session.transaction([&]() -> Result<void> {
            // Inserting first takes SQLite's write lock (after another publisher's commit), so
            // the check below sees every committed release.
            QSet<int> ids;
            for (const ReleaseKey &key : keys) {
                auto id = insertRow(session, key);
                if (!id)
                    return id.error();
                ids.insert(id.value());
            }
            if (auto unique = checkNoOtherRelease(session, keys, ids); !unique)
                return unique;
            for (int id : std::as_const(ids)) {
                auto row = findRelease(session, id);
                if (!row)
                    return row.error();
                if (row.value())
                    inserted.append(*row.value());
            }
            return placeFiles();
        });
    });
    if (!done)
        return done.error();
    std::sort(inserted.begin(), inserted.end(),
              [](const ElectronRecord &a, const ElectronRecord &b) { return a.id < b.id; });
    return inserted;
}

Result<std::optional<ElectronRecord>>
newestActiveRelease(DbSession &session, QLatin1StringView type, const QString &platform,
                    const std::optional<QString> &archs,
                    const std::optional<SemanticVersion> &newerThan)
{
    QString sql = recordColumns + u"WHERE `type` = ? AND `platform` = ? AND `actived` = 1"_s;
    QVariantList values { QString(type), platform };
    if (archs) {
        sql += u" AND `archs` = ?"_s;
        values.append(*archs);
    }
    auto candidates = records(session, sql + u" ORDER BY `id`"_s, values);
    if (!candidates)
        return candidates.error();
    std::optional<ElectronRecord> best;
    std::optional<SemanticVersion> bestVersion;
    for (const ElectronRecord &candidate : std::as_const(candidates.value())) {
        const auto version = SemanticVersion::parse(candidate.key.version);
        if (!version || (newerThan && !(*version > *newerThan)))
            continue;
        // Rows come in id order: on equal precedence the later row wins.
        if (!bestVersion || !(*version < *bestVersion)) {
            best = candidate;
            bestVersion = version;
        }
    }
    return best;
}

Result<std::optional<ElectronRecord>> findRelease(DbSession &session, int id)
{
    auto found = records(session, recordColumns + u"WHERE `id` = ?"_s, { id });
    if (!found)
        return found.error();
    if (found.value().isEmpty())
        return std::optional<ElectronRecord>();
    return std::optional<ElectronRecord>(found.value().first());
}

Result<ElectronRecord> setReleaseActivation(DbSession &session, int id, bool actived,
                                            std::optional<bool> forceUpdate)
{
    QString sql = u"UPDATE `Electrons` SET `actived` = ?, `updatedAt` = ?"_s;
    QVariantList values { actived ? 1 : 0, session.now() };
    if (forceUpdate) {
        sql += u", `forceUpdate` = ?"_s;
        values.append(*forceUpdate ? 1 : 0);
    }
    values.append(id);
    if (auto updated = session.run(sql + u" WHERE `id` = ?"_s, values); !updated)
        return updated.error();
    auto found = findRelease(session, id);
    if (!found)
        return found.error();
    if (!found.value())
        return makeError(ErrorCode::NotFound, u"No release found with id %1"_s.arg(id));
    return *found.value();
}

Result<QList<ElectronRecord>> listReleases(DbSession &session, int limit)
{
    return records(session, recordColumns + u"ORDER BY `id` DESC LIMIT ?"_s, { limit });
}

} // namespace Im::Store
