#include "store/groupqueries.h"

#include "store/columnvalues.h"

#include <QHash>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Im::Store {

namespace {

const QString forbidden = u"Forbidden resource"_s;
const QString invalidMember = u"The params members contains an invalid user id."_s;
const QString notFriend = u"Only your friends can be added to a group."_s;

// Rows per multi-row INSERT: 4 placeholders each stays far below both drivers' limits.
constexpr qsizetype insertChunk = 500;

const QString groupColumns = u"SELECT g.`id`, g.`name`, g.`avatar`, g.`type`, g.`creator`, "
                             "g.`createdAt`, g.`updatedAt`, (SELECT COUNT(*) FROM `Members` c "
                             "WHERE c.`groupId` = g.`id`) AS `count` FROM `Groups` g "_s;

// Columns 1..7 of the member statements: the UserPublic fields.
const QString userColumns = publicUserColumns(u"u");

Core::Group groupFrom(const QSqlQuery &query)
{
    Core::Group group;
    group.id = query.value(0).toInt();
    group.name = textOrNull(query.value(1));
    group.avatar = textOrNull(query.value(2));
    group.type = query.value(3).toInt();
    group.creator = query.value(4).toInt();
    group.createdAt = wireDate(query.value(5));
    group.updatedAt = wireDate(query.value(6));
    group.count = query.value(7).toInt();
    return group;
}

QString placeholders(qsizetype count)
{
    QStringList marks(count, u"?"_s);
    return marks.join(u", "_s);
}

// The group row, locked on MariaDB so that concurrent member changes of one group serialise
// (the limit check is read-then-write); SQLite transactions are serialised already.
Result<std::optional<Core::Group>> loadGroup(DbSession &session, int groupId)
{
    auto rows = session.query(groupColumns + u"WHERE g.`id` = ?"_s
                                  + (session.isMariaDb() ? u" FOR UPDATE"_s : QString()),
                              { groupId });
    if (!rows)
        return rows.error();
    if (!rows.value().next())
        return std::optional<Core::Group>();
    return std::optional<Core::Group>(groupFrom(rows.value()));
}

// The group when it exists and I created it: NotFound or PermissionDenied otherwise.
Result<Core::Group> ownedGroup(DbSession &session, int me, int groupId)
{
    auto group = loadGroup(session, groupId);
    if (!group)
        return group.error();
    if (!group.value())
        return makeError(ErrorCode::NotFound, u"No group found with id %1"_s.arg(groupId));
    if (group.value()->creator != me)
        return makeError(ErrorCode::PermissionDenied, forbidden);
    return *group.value();
}

// PermissionDenied unless every id in \a ids (distinct) is a live user.
Result<void> checkUsers(DbSession &session, const QList<int> &ids)
{
    if (ids.isEmpty())
        return {};
    QVariantList values;
    for (int id : ids)
        values.append(id);
    auto found = session.scalar(u"SELECT COUNT(*) FROM `Users` WHERE `account` IS NOT NULL AND "
                                "`id` IN (%1)"_s.arg(placeholders(ids.size())),
                                values);
    if (!found)
        return found.error();
    if (found.value().toLongLong() != ids.size())
        return makeError(ErrorCode::PermissionDenied, invalidMember);
    return {};
}

// PermissionDenied unless every id in \a ids (distinct, without \a me) is a friend of \a me.
Result<void> checkFriends(DbSession &session, int me, const QList<int> &ids)
{
    if (ids.isEmpty())
        return {};
    QVariantList values { me };
    for (int id : ids)
        values.append(id);
    values.append(me);
    for (int id : ids)
        values.append(id);
    const QString list = placeholders(ids.size());
    auto found = session.scalar(u"SELECT COUNT(DISTINCT f.`other`) FROM (SELECT `friendId` AS "
                                "`other` FROM `Friends` WHERE `userId` = ? AND `friendId` IN (%1) "
                                "UNION ALL SELECT `userId` AS `other` FROM `Friends` WHERE "
                                "`friendId` = ? AND `userId` IN (%1)) f"_s.arg(list),
                                values);
    if (!found)
        return found.error();
    if (found.value().toLongLong() != ids.size())
        return makeError(ErrorCode::PermissionDenied, notFriend);
    return {};
}

Result<void> checkLimit(int type, qsizetype count)
{
    if (count > Core::maxMembersFor(type)) {
        return makeError(ErrorCode::Malformed,
                         u"A group of type %1 holds at most %2 members."_s.arg(type).arg(
                             Core::maxMembersFor(type)));
    }
    return {};
}

Result<void> insertMembers(DbSession &session, int groupId, const QList<int> &userIds,
                           const QString &now)
{
    // A new member sees the messages sent after joining (the next message onwards).
    auto newest = session.scalar(u"SELECT COALESCE(MAX(`id`), 0) FROM `Messages`"_s);
    if (!newest)
        return newest.error();
    const qint64 joinedAfter = newest.value().toLongLong();
    for (qsizetype start = 0; start < userIds.size(); start += insertChunk) {
        const QList<int> chunk = userIds.mid(start, insertChunk);
        QStringList rows;
        QVariantList values;
        for (int userId : chunk) {
            rows.append(u"(?, ?, ?, ?, ?)"_s);
            values << groupId << userId << joinedAfter << now << now;
        }
        auto done = session.run(u"INSERT INTO `Members` (`groupId`, `userId`, `joinedAfter`, "
                                "`createdAt`, `updatedAt`) VALUES "_s
                                    + rows.join(u", "_s),
                                values);
        if (!done)
            return done.error();
    }
    return {};
}

// The members of the groups matching \a groupFilter, by group id, in joining order; one statement.
Result<QHash<int, QJsonArray>> membersOf(DbSession &session, const QString &groupFilter,
                                         const QVariantList &values)
{
    auto rows = session.query(
        u"SELECT m.`groupId`, %1 FROM `Members` m JOIN `Users` u ON "
        "u.`id` = m.`userId` WHERE %2 ORDER BY m.`groupId`, m.`id`"_s.arg(userColumns, groupFilter),
        values);
    if (!rows)
        return rows.error();
    QHash<int, QJsonArray> members;
    while (rows.value().next())
        members[rows.value().value(0).toInt()].append(publicUserFrom(rows.value(), 1));
    return members;
}

QList<int> distinct(const QList<int> &ids)
{
    QList<int> unique;
    QSet<int> seen;
    for (int id : ids) {
        if (!seen.contains(id)) {
            seen.insert(id);
            unique.append(id);
        }
    }
    return unique;
}

} // namespace

Result<Core::Group> createGroup(DbSession &session, int me, const QString &name,
                                const QVariant &avatar, int type, const QList<int> &members,
                                Core::GroupRules rules)
{
    // The creator belongs to their own group, first in joining order.
    QList<int> all { me };
    all.append(members);
    all = distinct(all);
    if (auto limit = checkLimit(type, all.size()); !limit)
        return limit.error();
    Core::Group group;
    auto done = session.transaction([&]() -> Result<void> {
        if (auto users = checkUsers(session, all); !users)
            return users.error();
        if (rules.requireFriendship) {
            if (auto friends = checkFriends(session, me, all.mid(1)); !friends)
                return friends.error();
        }
        const QString now = session.now();
        auto inserted = session.query(u"INSERT INTO `Groups` (`name`, `avatar`, `type`, "
                                      "`creator`, `createdAt`, `updatedAt`) "
                                      "VALUES (?, ?, ?, ?, ?, ?)"_s,
                                      { name, avatar, type, me, now, now });
        if (!inserted)
            return inserted.error();
        const int groupId = inserted.value().lastInsertId().toInt();
        if (auto linked = insertMembers(session, groupId, all, now); !linked)
            return linked.error();
        auto loaded = findGroupForMember(session, me, groupId);
        if (!loaded)
            return loaded.error();
        group = std::move(loaded.value());
        return {};
    });
    if (!done)
        return done.error();
    return group;
}

Result<void> deleteGroup(DbSession &session, int me, int groupId)
{
    return session.transaction([&]() -> Result<void> {
        auto group = ownedGroup(session, me, groupId);
        if (!group)
            return group.error();
        // Links first, as the original does, rather than relying on the cascade.
        if (auto links = session.run(u"DELETE FROM `Members` WHERE `groupId` = ?"_s, { groupId });
            !links) {
            return links.error();
        }
        return session.run(u"DELETE FROM `Groups` WHERE `id` = ?"_s, { groupId });
    });
}

Result<void> updateGroup(DbSession &session, int me, int groupId, const Core::GroupUpdate &update)
{
    return session.transaction([&]() -> Result<void> {
        auto group = ownedGroup(session, me, groupId);
        if (!group)
            return group.error();
        QString sql = u"UPDATE `Groups` SET `updatedAt` = ?"_s;
        QVariantList values { session.now() };
        if (update.name) {
            sql += u", `name` = ?"_s;
            values.append(*update.name);
        }
        if (update.avatar) {
            sql += u", `avatar` = ?"_s;
            values.append(update.avatar->isNull() ? QVariant() : *update.avatar);
        }
        sql += u" WHERE `id` = ?"_s;
        values.append(groupId);
        return session.run(sql, values);
    });
}

Result<void> addGroupMembers(DbSession &session, int me, int groupId, const QList<int> &members,
                             Core::GroupRules rules)
{
    return session.transaction([&]() -> Result<void> {
        auto group = ownedGroup(session, me, groupId);
        if (!group)
            return group.error();
        const QList<int> wanted = distinct(members);
        auto rows =
            session.query(u"SELECT `userId` FROM `Members` WHERE `groupId` = ?"_s, { groupId });
        if (!rows)
            return rows.error();
        QSet<int> present;
        while (rows.value().next())
            present.insert(rows.value().value(0).toInt());
        QList<int> added;
        std::copy_if(wanted.cbegin(), wanted.cend(), std::back_inserter(added),
                     [&present](int id) { return !present.contains(id); });
        if (auto limit = checkLimit(group->type, present.size() + added.size()); !limit)
            return limit.error();
        if (auto users = checkUsers(session, added); !users)
            return users.error();
        if (rules.requireFriendship) {
            if (auto friends = checkFriends(session, me, added); !friends)
                return friends.error();
        }
        const QString now = session.now();
        if (auto linked = insertMembers(session, groupId, added, now); !linked)
            return linked.error();
        return session.run(u"UPDATE `Groups` SET `updatedAt` = ? WHERE `id` = ?"_s,
                           { now, groupId });
    });
}

Result<void> removeGroupMembers(DbSession &session, int me, int groupId, const QList<int> &members)
{
    return session.transaction([&]() -> Result<void> {
        auto group = ownedGroup(session, me, groupId);
        if (!group)
            return group.error();
        // A group whose creator left would have nobody allowed to manage it.
        if (members.contains(me)) {
            return makeError(ErrorCode::Malformed,
                             u"The creator cannot be removed from the group."_s);
        }
        const QList<int> ids = distinct(members);
        QVariantList values { groupId };
        for (int id : ids)
            values.append(id);
        if (auto removed = session.run(u"DELETE FROM `Members` WHERE `groupId` = ? AND `userId` "
                                       "IN (%1)"_s.arg(placeholders(ids.size())),
                                       values);
            !removed) {
            return removed.error();
        }
        return session.run(u"UPDATE `Groups` SET `updatedAt` = ? WHERE `id` = ?"_s,
                           { session.now(), groupId });
    });
}

Result<void> leaveGroup(DbSession &session, int me, int groupId)
{
    return session.transaction([&]() -> Result<void> {
        auto group = loadGroup(session, groupId);
        if (!group)
            return group.error();
        const QString missing = u"No group found with id %1"_s.arg(groupId);
        if (!group.value())
            return makeError(ErrorCode::NotFound, missing);
        if (group.value()->creator == me) {
            return makeError(ErrorCode::Malformed,
                             u"The creator cannot leave the group; delete it instead."_s);
        }
        auto removed = session.query(
            u"DELETE FROM `Members` WHERE `groupId` = ? AND `userId` = ?"_s, { groupId, me });
        if (!removed)
            return removed.error();
        // Not a member: the same answer as no group, so the route tells nothing about others'.
        if (removed.value().numRowsAffected() == 0)
            return makeError(ErrorCode::NotFound, missing);
        return session.run(u"UPDATE `Groups` SET `updatedAt` = ? WHERE `id` = ?"_s,
                           { session.now(), groupId });
    });
}

Result<QList<Core::Group>> listMyGroups(DbSession &session, int me, bool withMembers)
{
    const QString mine = u"g.`id` IN (SELECT `groupId` FROM `Members` WHERE `userId` = ?)"_s;
    auto rows = session.query(groupColumns + u"WHERE "_s + mine + u" ORDER BY g.`name` "_s
                                  + (withMembers ? u"ASC"_s : u"DESC"_s) + u", g.`id`"_s,
                              { me });
    if (!rows)
        return rows.error();
    QList<Core::Group> groups;
    while (rows.value().next())
        groups.append(groupFrom(rows.value()));
    if (!withMembers || groups.isEmpty())
        return groups;
    auto members = membersOf(session,
                             u"m.`groupId` IN (SELECT `groupId` FROM `Members` WHERE "
                             "`userId` = ?)"_s,
                             { me });
    if (!members)
        return members.error();
    for (Core::Group &group : groups)
        group.members = members.value().value(group.id);
    return groups;
}

Result<Core::Group> findGroupWithMembers(DbSession &session, int groupId)
{
    auto rows = session.query(groupColumns + u"WHERE g.`id` = ?"_s, { groupId });
    if (!rows)
        return rows.error();
    if (!rows.value().next())
        return makeError(ErrorCode::NotFound, u"No group found with id %1"_s.arg(groupId));
    Core::Group group = groupFrom(rows.value());
    auto members = membersOf(session, u"m.`groupId` = ?"_s, { groupId });
    if (!members)
        return members.error();
    const QJsonArray list = members.value().value(groupId);
    // The count is that of the listed members, as in the original's answer.
    group.count = int(list.size());
    group.members = list;
    return group;
}

Result<Core::Group> findGroupForMember(DbSession &session, int me, int groupId)
{
    auto group = findGroupWithMembers(session, groupId);
    if (!group)
        return group.error();
    if (!isGroupMember(group->toJson(), me))
        return makeError(ErrorCode::PermissionDenied, forbidden);
    return group;
}

bool isGroupMember(const QJsonObject &group, int userId)
{
    const QJsonArray members = group.value(u"members"_s).toArray();
    return std::any_of(members.cbegin(), members.cend(), [userId](const QJsonValue &user) {
        return user.toObject().value(u"id"_s).toInt() == userId;
    });
}

Result<QList<int>> groupIdsOfMember(DbSession &session, int userId)
{
    auto rows = session.query(u"SELECT `groupId` FROM `Members` WHERE `userId` = ?"_s, { userId });
    if (!rows)
        return rows.error();
    QList<int> ids;
    while (rows.value().next())
        ids.append(rows.value().value(0).toInt());
    return ids;
}

} // namespace Im::Store
