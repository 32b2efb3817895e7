#include "store/originalinspection.h"

#include "store/originalcleanup.h"

using namespace Qt::StringLiterals;

namespace Im::Store {

namespace {

// The migration step that upgrades the original's schema: below it, its data is still as the
// original left it.
constexpr int upgradeVersion = 2;

Result<bool> tableExists(DbSession &session, const QString &table)
{
    const QString sql = session.isMariaDb()
        ? u"SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
          "AND TABLE_NAME = ?"_s
        : u"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?"_s;
    auto count = session.scalar(sql, { table });
    if (!count)
        return count.error();
    return count.value().toInt() > 0;
}

Result<qint64> countOf(DbSession &session, const QString &sql)
{
    auto count = session.scalar(sql);
    if (!count)
        return count.error();
    return count.value().toLongLong();
}

} // namespace

const QStringList &originalTableNames()
{
    static const QStringList tables = {
        u"Roles"_s,          u"Permissions"_s, u"RolePermissions"_s, u"Users"_s,
        u"FriendSettings"_s, u"Friends"_s,     u"Groups"_s,          u"Members"_s,
        u"Messages"_s,       u"MessageAcks"_s, u"MessageReads"_s,    u"Notifies"_s,
        u"Electrons"_s,
    };
    return tables;
}

Result<int> recordedSchemaVersion(DbSession &session)
{
    auto exists = tableExists(session, u"SchemaMigrations"_s);
    if (!exists)
        return exists.error();
    if (!exists.value())
        return 0;
    auto version = session.scalar(u"SELECT MAX(`version`) FROM `SchemaMigrations`"_s);
    if (!version)
        return version.error();
    return version.value().isNull() ? 0 : version.value().toInt();
}

Result<bool> holdsOriginalData(DbSession &session, int version)
{
    if (!session.isMariaDb() || version >= upgradeVersion)
        return false;
    return tableExists(session, u"Users"_s);
}

Result<QList<Tally>> countOriginalRows(DbSession &session)
{
    QList<Tally> counts;
    for (const QString &table : originalTableNames()) {
        auto exists = tableExists(session, table);
        if (!exists)
            return exists.error();
        if (!exists.value())
            continue;
        auto rows = countOf(session, u"SELECT COUNT(*) FROM `%1`"_s.arg(table));
        if (!rows)
            return rows.error();
        counts.append({ table, rows.value() });
    }
    return counts;
}

Result<QList<Tally>> countCleanups(DbSession &session)
{
    QList<Tally> counts;
    for (const RowCleanup &rule : originalCleanups()) {
        auto exists = tableExists(session, rule.table);
        if (!exists)
            return exists.error();
        if (!exists.value())
            continue;
        auto rows = countOf(session, rule.countStatement());
        if (!rows)
            return rows.error();
        counts.append({ rule.kind, rows.value() });
    }
    return counts;
}

} // namespace Im::Store
