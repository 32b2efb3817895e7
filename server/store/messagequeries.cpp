#include "store/messagequeries.h"

#include "store/columnvalues.h"
#include "store/friendqueries.h"

#include <QHash>
#include <QJsonValue>

using namespace Qt::StringLiterals;

namespace Im::Store {

namespace {

constexpr int singleChat = 1;
constexpr int groupChat = 2;

// Message columns read by messageFrom(), followed by the author's public user columns.
const QString messageColumns = u"m.`id`, m.`seq`, m.`conversationId`, m.`msgId`, m.`sender`, "
                               "m.`groupId`, m.`receiver`, m.`type`, m.`content`, m.`timer`, "
                               "m.`ext`, "_s
    + publicUserColumns(u"u");
constexpr int firstUserColumn = 11;

Result<QList<StoredMessage>> messagesFrom(Result<QSqlQuery> rows)
{
    if (!rows)
        return rows.error();
    QList<StoredMessage> messages;
    while (rows.value().next())
        messages.append(storedMessageFrom(rows.value()));
    return messages;
}

QString greatest(const DbSession &session)
{
    return session.isMariaDb() ? u"GREATEST"_s : u"max"_s;
}

// The rows of Messages `m` visible to one user above an id, as three index-friendly branches:
// single chats received, single chats sent, and group messages after joining. Binds: user, after,
// user, user, after, after, user.
QString visibleMessagesSql(const DbSession &session, const QString &select)
{
    return u"SELECT %1 FROM `Messages` m JOIN `Users` u ON u.`id` = m.`sender` "
           "WHERE m.`groupId` IS NULL AND m.`receiver` = ? AND m.`id` > ? "
           "UNION ALL SELECT %1 FROM `Messages` m JOIN `Users` u ON u.`id` = m.`sender` "
           "WHERE m.`groupId` IS NULL AND m.`sender` = ? AND m.`receiver` <> ? AND m.`id` > ? "
           "UNION ALL SELECT %1 FROM `Members` gm JOIN `Messages` m ON m.`groupId` = gm.`groupId` "
           "AND m.`id` > %2(?, gm.`joinedAfter`) JOIN `Users` u ON u.`id` = m.`sender` "
           "WHERE gm.`userId` = ?"_s.arg(select, greatest(session));
}

QVariantList visibleMessagesValues(int userId, qint64 afterId)
{
    return { userId, afterId, userId, userId, afterId, afterId, userId };
}

} // namespace

const QString &storedMessageColumns()
{
    return messageColumns;
}

StoredMessage storedMessageFrom(const QSqlQuery &query, int first)
{
    StoredMessage message;
    message.id = query.value(first).toLongLong();
    message.seq = query.value(first + 1).toLongLong();
    message.conversationId = query.value(first + 2).toInt();
    message.msgId = query.value(first + 3).toString();
    message.sender = query.value(first + 4).toInt();
    message.groupId = query.value(first + 5).toInt();
    message.receiver = query.value(first + 6).toInt();
    message.type = query.value(first + 7).toString();
    message.content = query.value(first + 8).toString();
    message.timer = query.value(first + 9).toLongLong();
    message.ext = textOrNull(query.value(first + 10));
    message.senderInfo = publicUserFrom(query, first + firstUserColumn);
    return message;
}

Result<QList<StoredMessage>> visibleMessagesAfter(DbSession &session, int userId, qint64 afterId,
                                                  int limit)
{
    // ORDER BY after a compound SELECT sorts the whole union (both dialects); a derived table
    // would clash on the two `id` columns in MariaDB.
    if (!session.isMariaDb()) {
        // SQLite merges the branches in index order and stops at the limit.
        const QString sql = visibleMessagesSql(session, messageColumns) + u" ORDER BY 1 LIMIT ?"_s;
        return messagesFrom(session.query(sql, visibleMessagesValues(userId, afterId) << limit));
    }
    // MariaDB reads every row of every branch before the outer sort: a device 100 000 messages
    // behind paid for all of them on every page. Each branch is limited on its own first, and
    // joins the author after the message (STRAIGHT_JOIN) so the message index gives the order;
    // otherwise the planner may start from Users and sort the whole backlog.
    QStringList branches = visibleMessagesSql(session, messageColumns).split(u" UNION ALL "_s);
    for (QString &branch : branches) {
        branch.replace(u"JOIN `Users` u"_s, u"STRAIGHT_JOIN `Users` u"_s);
        branch = u"(%1 ORDER BY m.`id` LIMIT ?)"_s.arg(branch);
    }
    const QString sql = branches.join(u" UNION ALL "_s) + u" ORDER BY 1 LIMIT ?"_s;
    return messagesFrom(session.query(
        sql,
        { userId, afterId, limit, userId, userId, afterId, limit, afterId, userId, limit, limit }));
}

Result<qint64> countVisibleMessagesAfter(DbSession &session, int userId, qint64 afterId)
{
    const QString sql =
        u"SELECT COUNT(*) FROM (%1) visible"_s.arg(visibleMessagesSql(session, u"m.`id`"_s));
    auto count = session.scalar(sql, visibleMessagesValues(userId, afterId));
    if (!count)
        return count.error();
    return count.value().toLongLong();
}

Result<QHash<int, qint64>> countVisibleMessagesByConversation(DbSession &session, int userId,
                                                              qint64 afterId, qint64 atMost)
{
    const QString sql = u"SELECT visible.`conversationId`, COUNT(*) FROM (%1 LIMIT ?) visible "
                        "GROUP BY visible.`conversationId`"_s.arg(
                            visibleMessagesSql(session, u"m.`conversationId`"_s));
    auto rows = session.query(sql, visibleMessagesValues(userId, afterId) << atMost);
    if (!rows)
        return rows.error();
    QHash<int, qint64> counts;
    while (rows.value().next())
        counts.insert(rows.value().value(0).toInt(), rows.value().value(1).toLongLong());
    return counts;
}

Result<QList<StoredMessage>> messagesBySeq(DbSession &session, int userId,
                                           const ConversationRef &conversation, qint64 fromSeq,
                                           qint64 toSeq)
{
    qint64 visibleAfter = 0;
    QVariantList key;
    if (conversation.isGroup()) {
        auto joined = session.query(
            u"SELECT `joinedAfter` FROM `Members` WHERE `groupId` = ? AND `userId` = ?"_s,
            { conversation.groupId, userId });
        if (!joined)
            return joined.error();
        if (!joined.value().next())
            return makeError(ErrorCode::NotFound, u"No such conversation."_s);
        visibleAfter = joined.value().value(0).toLongLong();
        key = { groupChat, conversation.groupId, 0 };
    } else {
        key = { singleChat, std::min(userId, conversation.peer),
                std::max(userId, conversation.peer) };
    }
    return messagesFrom(session.query(
        u"SELECT %1 FROM `Conversations` c JOIN `Messages` m ON m.`conversationId` = c.`id` "
        "JOIN `Users` u ON u.`id` = m.`sender` WHERE c.`kind` = ? AND c.`peerA` = ? AND "
        "c.`peerB` = ? AND m.`seq` BETWEEN ? AND ? AND m.`id` > ? ORDER BY m.`seq`"_s.arg(
            messageColumns),
        key << fromSeq << toSeq << visibleAfter));
}

Result<qint64> newestMessageId(DbSession &session)
{
    auto newest = session.scalar(u"SELECT COALESCE(MAX(`id`), 0) FROM `Messages`"_s);
    if (!newest)
        return newest.error();
    return newest.value().toLongLong();
}

} // namespace Im::Store
