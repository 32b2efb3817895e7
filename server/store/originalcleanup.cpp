#include "store/originalcleanup.h"

using namespace Qt::StringLiterals;

namespace Im::Store {

QString RowCleanup::deleteStatement() const
{
    return u"DELETE r FROM "_s + rows;
}

QString RowCleanup::countStatement() const
{
    return u"SELECT COUNT(DISTINCT r.`id`) FROM "_s + rows;
}

const QList<RowCleanup> &originalCleanups()
{
    // A duplicate of a row that belongs to a deleted user belongs to one too: the duplicate rules
    // leave those to the orphan rules, so no row is counted twice.
    static const QList<RowCleanup> rules = {
        { u"friendships of deleted users"_s, u"Friends"_s,
          u"`Friends` r WHERE r.`userId` IS NULL OR r.`friendId` IS NULL "
          "OR r.`userId` NOT IN (SELECT `id` FROM `Users`) "
          "OR r.`friendId` NOT IN (SELECT `id` FROM `Users`)"_s },
        // The same pair in either direction: the oldest row stays.
        { u"duplicate friendships"_s, u"Friends"_s,
          u"`Friends` r JOIN `Friends` k ON k.`id` < r.`id` "
          "AND LEAST(k.`userId`, k.`friendId`) = LEAST(r.`userId`, r.`friendId`) "
          "AND GREATEST(k.`userId`, k.`friendId`) = GREATEST(r.`userId`, r.`friendId`) "
          "WHERE r.`userId` IN (SELECT `id` FROM `Users`) "
          "AND r.`friendId` IN (SELECT `id` FROM `Users`)"_s },
        { u"friend settings of deleted users"_s, u"FriendSettings"_s,
          u"`FriendSettings` r WHERE r.`userId` NOT IN (SELECT `id` FROM `Users`)"_s },
        // The newest row of an (owner, friend) stays: it holds the latest remark and flags.
        { u"duplicate friend settings"_s, u"FriendSettings"_s,
          u"`FriendSettings` r JOIN `FriendSettings` k ON k.`userId` = r.`userId` "
          "AND k.`friendId` = r.`friendId` AND k.`id` > r.`id` "
          "WHERE r.`userId` IN (SELECT `id` FROM `Users`)"_s },
        // The oldest row stays; the upgrade carries the furthest lastRead to it first.
        { u"duplicate read cursors"_s, u"MessageReads"_s,
          u"`MessageReads` r JOIN `MessageReads` k ON k.`sender` = r.`sender` "
          "AND k.`receiver` = r.`receiver` AND k.`id` < r.`id`"_s },
    };
    return rules;
}

QList<RowCleanup> cleanupsOf(QStringView table)
{
    QList<RowCleanup> rules;
    for (const RowCleanup &rule : originalCleanups()) {
        if (rule.table == table)
            rules.append(rule);
    }
    return rules;
}

} // namespace Im::Store
