#include "store/mariadbupgrade.h"

#include "store/logging.h"
#include "store/originalcleanup.h"
#include "store/originalinspection.h"

using namespace Qt::StringLiterals;

namespace Im::Store {

namespace {

// Runs statements in order, stopping at the first failure.
Result<void> runAll(DbSession &session, const QStringList &statements)
{
    for (const QString &statement : statements) {
        if (auto done = session.run(statement); !done)
            return done;
    }
    return {};
}

Result<void> convertToUtf8mb4(DbSession &session)
{
    auto tables = session.query(
        u"SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
        "AND TABLE_COLLATION NOT LIKE 'utf8mb4%'"_s);
    if (!tables)
        return tables.error();
    QStringList statements;
    while (tables.value().next()) {
        const QString table = tables.value().value(0).toString();
        if (originalTableNames().contains(table)) {
            statements.append(u"ALTER TABLE `%1` CONVERT TO CHARACTER SET utf8mb4 "
                              "COLLATE utf8mb4_unicode_ci"_s.arg(table));
        }
    }
    return runAll(session, statements);
}

// Drops the foreign keys of \a table on \a column that do not point at Users.id with the wanted
// delete rule, so the right one can be added under a known name.
Result<void> dropForeignKeysExcept(DbSession &session, const QString &table, const QString &column,
                                   const QString &keepName)
{
    auto keys = session.query(
        u"SELECT DISTINCT k.CONSTRAINT_NAME FROM information_schema.KEY_COLUMN_USAGE k "
        "WHERE k.TABLE_SCHEMA = DATABASE() AND k.TABLE_NAME = ? AND k.COLUMN_NAME = ? "
        "AND k.REFERENCED_TABLE_NAME IS NOT NULL AND k.CONSTRAINT_NAME <> ?"_s,
        { table, column, keepName });
    if (!keys)
        return keys.error();
    QStringList statements;
    while (keys.value().next()) {
        statements.append(u"ALTER TABLE `%1` DROP FOREIGN KEY `%2`"_s.arg(
            table, keys.value().value(0).toString()));
    }
    return runAll(session, statements);
}

Result<void> addForeignKey(DbSession &session, const QString &table, const QString &column,
                           const QString &name, const QString &onDelete)
{
    if (auto dropped = dropForeignKeysExcept(session, table, column, name); !dropped)
        return dropped;
    return session.run(u"ALTER TABLE `%1` ADD CONSTRAINT `%2` FOREIGN KEY IF NOT EXISTS (`%3`) "
                       "REFERENCES `Users` (`id`) ON DELETE %4 ON UPDATE CASCADE"_s.arg(
                           table, name, column, onDelete));
}

// Applies the cleanup rules of \a table (see originalcleanup.h), logging what each removed.
Result<void> removeRows(DbSession &session, QStringView table)
{
    for (const RowCleanup &rule : cleanupsOf(table)) {
        auto removed = session.execute(rule.deleteStatement());
        if (!removed)
            return removed.error();
        if (removed.value() > 0)
            qCWarning(lcStore).noquote() << "upgrade removed" << removed.value() << rule.kind;
    }
    return {};
}

Result<void> fixFriends(DbSession &session)
{
    // D-46: the original's Friends keys point at FriendSettings.friendId; they go before anything.
    if (auto done =
            dropForeignKeysExcept(session, u"Friends"_s, u"userId"_s, u"Friends_userId_fk"_s);
        !done)
        return done;
    if (auto done =
            dropForeignKeysExcept(session, u"Friends"_s, u"friendId"_s, u"Friends_friendId_fk"_s);
        !done)
        return done;
    if (auto removed = removeRows(session, u"Friends"); !removed)
        return removed;
    const QStringList statements = {
        u"ALTER TABLE `Friends` MODIFY `userId` int(11) NOT NULL, "
        "MODIFY `friendId` int(11) NOT NULL"_s,
        // MariaDB has no functional indexes: the unordered pair is indexed through virtual columns.
        u"ALTER TABLE `Friends` "
        "ADD COLUMN IF NOT EXISTS `userLow` int(11) AS (LEAST(`userId`, `friendId`)) VIRTUAL, "
        "ADD COLUMN IF NOT EXISTS `userHigh` int(11) AS (GREATEST(`userId`, `friendId`)) VIRTUAL"_s,
        u"ALTER TABLE `Friends` ADD UNIQUE KEY IF NOT EXISTS `Friends_pair_unique` "
        "(`userLow`, `userHigh`)"_s,
    };
    if (auto done = runAll(session, statements); !done)
        return done;
    if (auto done =
            addForeignKey(session, u"Friends"_s, u"userId"_s, u"Friends_userId_fk"_s, u"CASCADE"_s);
        !done)
        return done;
    return addForeignKey(session, u"Friends"_s, u"friendId"_s, u"Friends_friendId_fk"_s,
                         u"CASCADE"_s);
}

Result<void> fixFriendSettings(DbSession &session)
{
    if (auto removed = removeRows(session, u"FriendSettings"); !removed)
        return removed;
    if (auto done = session.run(u"ALTER TABLE `FriendSettings` ADD UNIQUE KEY IF NOT EXISTS "
                                "`FriendSettings_owner_friend_unique` (`userId`, `friendId`)"_s);
        !done)
        return done;
    return addForeignKey(session, u"FriendSettings"_s, u"userId"_s, u"FriendSettings_userId_fk"_s,
                         u"CASCADE"_s);
}

Result<void> fixMessageReads(DbSession &session)
{
    // D-37: concurrent upserts could leave several rows per (sender, receiver); the cursor is the
    // highest of them, so it is carried to the row that stays.
    const QStringList statements = {
        u"UPDATE `MessageReads` r JOIN (SELECT `sender`, `receiver`, MIN(`id`) AS keepId, "
        "MAX(`lastRead`) AS newest FROM `MessageReads` GROUP BY `sender`, `receiver` "
        "HAVING COUNT(*) > 1) d ON r.`id` = d.keepId SET r.`lastRead` = d.newest"_s,
    };
    if (auto done = runAll(session, statements); !done)
        return done;
    if (auto removed = removeRows(session, u"MessageReads"); !removed)
        return removed;
    return session.run(u"ALTER TABLE `MessageReads` ADD UNIQUE KEY IF NOT EXISTS "
                       "`MessageReads_sender_receiver_unique` (`sender`, `receiver`)"_s);
}

Result<void> fixUserRole(DbSession &session)
{
    // The original created Users.roleId with ON DELETE CASCADE: deleting a role deleted its users.
    if (auto done = dropForeignKeysExcept(session, u"Users"_s, u"roleId"_s, u"Users_roleId_fk"_s);
        !done)
        return done;
    return session.run(
        u"ALTER TABLE `Users` ADD CONSTRAINT `Users_roleId_fk` FOREIGN KEY IF NOT EXISTS "
        "(`roleId`) REFERENCES `Roles` (`id`) ON DELETE SET NULL ON UPDATE CASCADE"_s);
}

} // namespace

Result<void> upgradeOriginalSchema(DbSession &session)
{
    if (auto done = convertToUtf8mb4(session); !done)
        return done;
    const QStringList columnFixes = {
        u"ALTER TABLE `Messages` MODIFY `content` TEXT DEFAULT NULL, "
        "MODIFY `ext` varchar(255) DEFAULT NULL"_s,
        u"ALTER TABLE `Notifies` MODIFY `ext` varchar(255) DEFAULT NULL"_s,
        u"ALTER TABLE `Messages` ADD INDEX IF NOT EXISTS `Messages_receiver_id` (`receiver`, "
        u"`id`), "
        "ADD INDEX IF NOT EXISTS `Messages_groupId_id` (`groupId`, `id`)"_s,
        u"ALTER TABLE `Notifies` ADD INDEX IF NOT EXISTS `Notifies_receiver` (`receiver`)"_s,
    };
    if (auto done = runAll(session, columnFixes); !done)
        return done;
    if (auto done = fixUserRole(session); !done)
        return done;
    if (auto done = fixFriends(session); !done)
        return done;
    if (auto done = fixFriendSettings(session); !done)
        return done;
    return fixMessageReads(session);
}

} // namespace Im::Store
