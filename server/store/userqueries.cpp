#include "store/userqueries.h"

#include "store/columnvalues.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace Im::Store {

namespace {

const QString userColumns = u"SELECT u.`id`, u.`account`, u.`pwd`, u.`avatar`, u.`email`, "
                            "u.`regisTime`, u.`updateTime`, u.`roleId`, r.`name`, r.`desc` "
                            "FROM `Users` u LEFT JOIN `Roles` r ON r.`id` = u.`roleId` "_s;

Result<std::optional<Core::User>> findUser(DbSession &session, const QString &where,
                                           const QVariant &key)
{
    auto rows = session.query(userColumns + where, { key });
    if (!rows)
        return rows.error();
    QSqlQuery &query = rows.value();
    if (!query.next())
        return std::optional<Core::User>();
    Core::User user;
    user.id = query.value(0).toInt();
    user.account = query.value(1).toString();
    user.passwordHash = query.value(2).toString();
    user.avatar = textOrNull(query.value(3));
    user.email = textOrNull(query.value(4));
    user.regisTime = wireDate(query.value(5));
    user.updateTime = wireDate(query.value(6));
    user.roleId = query.value(7).isNull() ? QVariant() : QVariant(query.value(7).toInt());
    user.roleName = query.value(8).toString();
    user.roleDescription = query.value(9).toString();
    if (!user.roleId.isNull()) {
        auto permissions = session.query(
            u"SELECT p.`id`, p.`name`, p.`desc` FROM `RolePermissions` rp JOIN `Permissions` p "
            "ON p.`id` = rp.`permId` WHERE rp.`roleId` = ? ORDER BY p.`id`"_s,
            { user.roleId });
        if (!permissions)
            return permissions.error();
        while (permissions.value().next()) {
            user.permissions.append({ permissions.value().value(0).toInt(),
                                      permissions.value().value(1).toString(),
                                      permissions.value().value(2).toString() });
        }
    }
    return std::optional<Core::User>(std::move(user));
}

} // namespace

Result<std::optional<Core::User>> findUserByAccount(DbSession &session, const QString &account)
{
    return findUser(session, u"WHERE u.`account` = ?"_s, account);
}

Result<std::optional<Core::User>> findUserById(DbSession &session, int id)
{
    // A deleted account keeps its row (its messages stay attributed) but has no account name.
    return findUser(session, u"WHERE u.`id` = ? AND u.`account` IS NOT NULL"_s, id);
}

Result<int> insertUser(DbSession &session, const QString &account, const QString &passwordHash,
                       const QVariant &email, const QVariant &avatar, QLatin1StringView roleName)
{
    int id = 0;
    auto done = session.transaction([&]() -> Result<void> {
        auto roleId =
            session.scalar(u"SELECT `id` FROM `Roles` WHERE `name` = ?"_s, { QString(roleName) });
        if (!roleId)
            return roleId.error();
        if (roleId.value().isNull())
            return makeError(ErrorCode::Internal, u"The role %1 is missing."_s.arg(roleName));
        const QString now = session.now();
        auto inserted =
            session.query(u"INSERT INTO `Users` (`account`, `pwd`, `email`, `avatar`, `regisTime`, "
                          "`updateTime`, `roleId`) VALUES (?, ?, ?, ?, ?, ?, ?)"_s,
                          { account, passwordHash, email, avatar, now, now, roleId.value() });
        if (!inserted)
            return inserted.error();
        id = inserted.value().lastInsertId().toInt();
        return {};
    });
    if (!done)
        return done.error();
    return id;
}

Result<int> updateProfile(DbSession &session, int userId, const Core::ProfileChanges &changes)
{
    QStringList assignments;
    QVariantList values;
    if (changes.email) {
        assignments.append(u"`email` = ?"_s);
        values.append(*changes.email);
    }
    if (changes.avatar) {
        assignments.append(u"`avatar` = ?"_s);
        values.append(*changes.avatar);
    }
    assignments.append(u"`updateTime` = ?"_s);
    values.append(session.now());
    values.append(userId);
    return session.execute(u"UPDATE `Users` SET %1 WHERE `id` = ? AND `account` IS NOT NULL"_s.arg(
                               assignments.join(u", "_s)),
                           values);
}

Result<void> deleteAccount(DbSession &session, int userId)
{
    return session.transaction([&]() -> Result<void> {
        // Everything that ties the account to other people goes; the row itself stays, emptied,
        // because messages it sent keep pointing at it (D-14).
        const QStringList cleanups = {
            u"DELETE FROM `Notifies` WHERE `sender` = ? OR `receiver` = ?"_s,
            u"DELETE FROM `FriendSettings` WHERE `userId` = ? OR `friendId` = ?"_s,
            u"DELETE FROM `Friends` WHERE `userId` = ? OR `friendId` = ?"_s,
        };
        for (const QString &statement : cleanups) {
            if (auto done = session.run(statement, { userId, userId }); !done)
                return done;
        }
        for (const QString &statement : { u"DELETE FROM `Members` WHERE `userId` = ?"_s,
                                          u"DELETE FROM `MessageAcks` WHERE `receiver` = ?"_s,
                                          u"DELETE FROM `MessageReads` WHERE `receiver` = ?"_s }) {
            if (auto done = session.run(statement, { userId }); !done)
                return done;
        }
        auto emptied = session.execute(
            u"UPDATE `Users` SET `account` = NULL, `email` = NULL, `avatar` = NULL, `pwd` = '', "
            "`roleId` = NULL, `updateTime` = ? WHERE `id` = ? AND `account` IS NOT NULL"_s,
            { session.now(), userId });
        if (!emptied)
            return emptied.error();
        if (emptied.value() == 0)
            return makeError(ErrorCode::NotFound, u"No user found with id %1"_s.arg(userId));
        return {};
    });
}

Result<void> updatePasswordHash(DbSession &session, int userId, const QString &passwordHash)
{
    return session.run(u"UPDATE `Users` SET `pwd` = ? WHERE `id` = ?"_s, { passwordHash, userId });
}

} // namespace Im::Store
