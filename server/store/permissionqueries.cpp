#include "store/permissionqueries.h"

#include "store/columnvalues.h"
#include "store/userqueries.h"

#include <QSet>
#include <QStringList>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Im::Store {

namespace {

// Keeps every IN list far below the bound-parameter limits of SQLite and MariaDB.
constexpr qsizetype idsPerStatement = 500;

Result<Core::AccessEntry> readRow(DbSession &session, const QString &table, int id)
{
    auto rows = session.query(u"SELECT `id`, `name`, `desc`, `createdAt`, `updatedAt` FROM `%1` "
                              "WHERE `id` = ?"_s.arg(table),
                              { id });
    if (!rows)
        return rows.error();
    QSqlQuery &query = rows.value();
    if (!query.next())
        return makeError(ErrorCode::Internal,
                         u"The new %1 row %2 is missing."_s.arg(table).arg(id));
    Core::AccessEntry row;
    row.id = query.value(0).toInt();
    row.name = query.value(1).toString();
    row.description = query.value(2).toString();
    row.createdAt = wireDate(query.value(3));
    row.updatedAt = wireDate(query.value(4));
    return row;
}

// Inserts name + desc with both dates now; returns the new id (Duplicate for a taken name).
Result<int> insertNamed(DbSession &session, const QString &table, const QString &name,
                        const QString &description)
{
    const QString now = session.now();
    auto inserted = session.query(u"INSERT INTO `%1` (`name`, `desc`, `createdAt`, `updatedAt`) "
                                  "VALUES (?, ?, ?, ?)"_s.arg(table),
                                  { name, description, now, now });
    if (!inserted)
        return inserted.error();
    return inserted.value().lastInsertId().toInt();
}

// The ids among \a ids that no permission has, in ascending order.
Result<QList<int>> unknownPermissions(DbSession &session, const QList<int> &ids)
{
    QSet<int> missing(ids.cbegin(), ids.cend());
    for (qsizetype start = 0; start < ids.size(); start += idsPerStatement) {
        const QList<int> chunk = ids.mid(start, idsPerStatement);
        QStringList placeholders;
        QVariantList values;
        for (int id : chunk) {
            placeholders.append(u"?"_s);
            values.append(id);
        }
        auto rows = session.query(
            u"SELECT `id` FROM `Permissions` WHERE `id` IN (%1)"_s.arg(placeholders.join(u", "_s)),
            values);
        if (!rows)
            return rows.error();
        while (rows.value().next())
            missing.remove(rows.value().value(0).toInt());
    }
    QList<int> sorted(missing.cbegin(), missing.cend());
    std::sort(sorted.begin(), sorted.end());
    return sorted;
}

Result<bool> exists(DbSession &session, const QString &table, int id)
{
    auto found = session.scalar(u"SELECT 1 FROM `%1` WHERE `id` = ?"_s.arg(table), { id });
    if (!found)
        return found.error();
    return !found.value().isNull();
}

} // namespace

Result<Core::AccessEntry> insertPermission(DbSession &session, const QString &name,
                                           const QString &description)
{
    auto id = insertNamed(session, u"Permissions"_s, name, description);
    if (!id)
        return id.error();
    return readRow(session, u"Permissions"_s, id.value());
}

Result<Core::AccessEntry> insertRole(DbSession &session, const QString &name,
                                     const QString &description, const QList<int> &permissionIds)
{
    // A repeated id would hit the link table's primary key and read as a duplicate role.
    QList<int> ids = permissionIds;
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());

    std::optional<Core::AccessEntry> created;
    auto done = session.transaction([&]() -> Result<void> {
        auto missing = unknownPermissions(session, ids);
        if (!missing)
            return missing.error();
        if (!missing.value().isEmpty()) {
            QStringList names;
            for (int id : missing.value())
                names.append(QString::number(id));
            return makeError(ErrorCode::NotFound,
                             u"No permission found with id %1"_s.arg(names.join(u", "_s)));
        }
        auto roleId = insertNamed(session, u"Roles"_s, name, description);
        if (!roleId)
            return roleId.error();
        const QString now = session.now();
        for (int permissionId : ids) {
            auto linked = session.run(u"INSERT INTO `RolePermissions` (`roleId`, `permId`, "
                                      "`createdAt`, `updatedAt`) VALUES (?, ?, ?, ?)"_s,
                                      { roleId.value(), permissionId, now, now });
            if (!linked)
                return linked.error();
        }
        auto row = readRow(session, u"Roles"_s, roleId.value());
        if (!row)
            return row.error();
        created = std::move(row.value());
        return {};
    });
    if (!done)
        return done.error();
    return std::move(*created);
}

Result<void> setUserRole(DbSession &session, int userId, int roleId)
{
    return session.transaction([&]() -> Result<void> {
        auto user = exists(session, u"Users"_s, userId);
        if (!user)
            return user.error();
        if (!user.value())
            return makeError(ErrorCode::NotFound, u"No user found with id %1"_s.arg(userId));
        auto role = exists(session, u"Roles"_s, roleId);
        if (!role)
            return role.error();
        if (!role.value())
            return makeError(ErrorCode::NotFound, u"No role found with id %1"_s.arg(roleId));
        return session.run(u"UPDATE `Users` SET `roleId` = ?, `updateTime` = ? WHERE `id` = ?"_s,
                           { roleId, session.now(), userId });
    });
}

} // namespace Im::Store
