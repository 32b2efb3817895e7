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

StoredMessage messageFrom(const QSqlQuery &query)
{
    StoredMessage message;
    message.id = query.value(0).toLongLong();
    message.seq = query.value(1).toLongLong();
    message.conversationId = query.value(2).toInt();
    message.msgId = query.value(3).toString();
    message.sender = query.value(4).toInt();
    message.groupId = query.value(5).toInt();
    message.receiver = query.value(6).toInt();
    message.type = query.value(7).toString();
    message.content = query.value(8).toString();
    message.timer = query.value(9).toLongLong();
    message.ext = textOrNull(query.value(10));
    message.senderInfo = publicUserFrom(query, firstUserColumn);
    return message;
}

Result<QList<StoredMessage>> messagesFrom(Result<QSqlQuery> rows)
{
    if (!rows)
        return rows.error();
    QList<StoredMessage> messages;
    while (rows.value().next())
        messages.append(messageFrom(rows.value()));
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

// Storing one batch: conversations and group member lists are looked up once per batch.
class BatchWriter
{
public:
    BatchWriter(DbSession &session, const SendRules &rules)
        : m_session(session)
        , m_rules(rules)
    { }

    Result<StoreOutcome> store(const NewMessage &message)
    {
        if (auto existing = findByMsgId(message); !existing || existing->has_value())
            return existing ? **existing : Result<StoreOutcome>(existing.error());
        if (auto refusal = checkAllowed(message); !refusal)
            return refusal.error();
        else if (refusal->has_value())
            return refused(**refusal);
        const ConversationRef ref = conversationOf(message);
        auto conversation = conversationId(ref, message.sender);
        if (!conversation)
            return conversation.error();
        auto seq = nextSeq(conversation.value());
        if (!seq)
            return seq.error();
        return insert(message, conversation.value(), seq.value());
    }

private:
    static StoreOutcome refused(Error error)
    {
        StoreOutcome outcome;
        outcome.kind = StoreOutcome::Kind::Refused;
        outcome.refusal = std::move(error);
        return outcome;
    }

    static ConversationRef conversationOf(const NewMessage &message)
    {
        ConversationRef ref;
        if (message.groupId != 0)
            ref.groupId = message.groupId;
        else
            ref.peer = message.receiver;
        return ref;
    }

    // An outcome when the msgId exists already (or was stored earlier in this batch).
    Result<std::optional<StoreOutcome>> findByMsgId(const NewMessage &message)
    {
        auto rows = m_session.query(u"SELECT %1 FROM `Messages` m JOIN `Users` u ON u.`id` = "
                                    "m.`sender` WHERE m.`msgId` = ?"_s.arg(messageColumns),
                                    { message.msgId });
        if (!rows)
            return rows.error();
        if (!rows.value().next())
            return std::optional<StoreOutcome>();
        StoreOutcome outcome;
        outcome.message = messageFrom(rows.value());
        if (outcome.message.sender != message.sender) {
            return std::optional<StoreOutcome>(
                refused({ ErrorCode::Conflict, u"The msgId is already in use."_s }));
        }
        outcome.kind = StoreOutcome::Kind::Duplicate;
        auto recipients = recipientsOf(outcome.message);
        if (!recipients)
            return recipients.error();
        outcome.recipients = recipients.value();
        return std::optional<StoreOutcome>(outcome);
    }

    // A refusal when the sender may not send this message; nullopt when it may.
    Result<std::optional<Error>> checkAllowed(const NewMessage &message)
    {
        using Refusal = std::optional<Error>;
        if (message.groupId != 0) {
            auto member = m_session.scalar(
                u"SELECT COUNT(*) FROM `Members` WHERE `groupId` = ? AND `userId` = ?"_s,
                { message.groupId, message.sender });
            if (!member)
                return member.error();
            if (member.value().toInt() == 0) {
                return Refusal(
                    Error { ErrorCode::PermissionDenied, u"Not a member of the group."_s });
            }
            return Refusal();
        }
        if (message.receiver == message.sender)
            return Refusal(Error { ErrorCode::Malformed, u"Cannot send to yourself."_s });
        auto receiver = m_session.scalar(u"SELECT COUNT(*) FROM `Users` WHERE `id` = ? AND "
                                         "`account` IS NOT NULL"_s,
                                         { message.receiver });
        if (!receiver)
            return receiver.error();
        if (receiver.value().toInt() == 0) {
            return Refusal(
                Error { ErrorCode::NotFound, u"No user found with id %1"_s.arg(message.receiver) });
        }
        auto blocked = m_session.scalar(u"SELECT COUNT(*) FROM `FriendSettings` WHERE `userId` = ? "
                                        "AND `friendId` = ? AND `block` = 1"_s,
                                        { message.receiver, message.sender });
        if (!blocked)
            return blocked.error();
        if (blocked.value().toInt() > 0)
            return Refusal(Error { ErrorCode::PermissionDenied, u"The receiver blocked you."_s });
        if (m_rules.requireFriendship) {
            auto friends = areFriends(m_session, message.sender, message.receiver);
            if (!friends)
                return friends.error();
            if (!friends.value())
                return Refusal(Error { ErrorCode::PermissionDenied, u"Not yet a friendship."_s });
        }
        return Refusal();
    }

    Result<int> conversationId(const ConversationRef &ref, int sender)
    {
        const int kind = ref.isGroup() ? groupChat : singleChat;
        const int peerA = ref.isGroup() ? ref.groupId : std::min(sender, ref.peer);
        const int peerB = ref.isGroup() ? 0 : std::max(sender, ref.peer);
        const quint64 key = (quint64(quint32(peerA)) << 32) | quint32(peerB);
        const auto cached = m_conversations.constFind({ kind, key });
        if (cached != m_conversations.cend())
            return cached.value();
        const QString insert = m_session.isMariaDb() ? u"INSERT IGNORE"_s : u"INSERT OR IGNORE"_s;
        if (auto done = m_session.run(insert
                                          + u" INTO `Conversations` (`kind`, `peerA`, `peerB`, "
                                            "`maxSeq`) VALUES (?, ?, ?, 0)"_s,
                                      { kind, peerA, peerB });
            !done) {
            return done.error();
        }
        auto id = m_session.scalar(u"SELECT `id` FROM `Conversations` WHERE `kind` = ? AND "
                                   "`peerA` = ? AND `peerB` = ?"_s,
                                   { kind, peerA, peerB });
        if (!id)
            return id.error();
        m_conversations.insert({ kind, key }, id.value().toInt());
        return id.value().toInt();
    }

    // The row lock taken by the UPDATE serialises writers of one conversation until commit.
    Result<qint64> nextSeq(int conversation)
    {
        if (auto done = m_session.run(
                u"UPDATE `Conversations` SET `maxSeq` = `maxSeq` + 1 WHERE `id` = ?"_s,
                { conversation });
            !done) {
            return done.error();
        }
        auto seq = m_session.scalar(u"SELECT `maxSeq` FROM `Conversations` WHERE `id` = ?"_s,
                                    { conversation });
        if (!seq)
            return seq.error();
        return seq.value().toLongLong();
    }

    Result<QList<int>> groupMembers(int groupId)
    {
        if (const auto cached = m_members.constFind(groupId); cached != m_members.cend())
            return cached.value();
        auto rows =
            m_session.query(u"SELECT `userId` FROM `Members` WHERE `groupId` = ?"_s, { groupId });
        if (!rows)
            return rows.error();
        QList<int> members;
        while (rows.value().next())
            members.append(rows.value().value(0).toInt());
        m_members.insert(groupId, members);
        return members;
    }

    // Every user whose devices get the message: the group's members now, or both ends of a chat.
    Result<QList<int>> recipientsOf(const StoredMessage &message)
    {
        if (message.groupId != 0)
            return groupMembers(message.groupId);
        return QList<int> { message.receiver, message.sender };
    }

    Result<StoreOutcome> insert(const NewMessage &message, int conversation, qint64 seq)
    {
        const QString now = m_session.now();
        auto inserted = m_session.query(
            u"INSERT INTO `Messages` (`msgId`, `type`, `sender`, `groupId`, `receiver`, "
            "`content`, `timer`, `ext`, `conversationId`, `seq`, `createdAt`, `updatedAt`) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
            { message.msgId, message.type, message.sender,
              message.groupId != 0 ? QVariant(message.groupId) : QVariant(), message.receiver,
              message.content, message.timer, message.ext, conversation, seq, now, now });
        if (!inserted)
            return inserted.error();
        StoreOutcome outcome;
        outcome.kind = StoreOutcome::Kind::Stored;
        StoredMessage &stored = outcome.message;
        stored.id = inserted.value().lastInsertId().toLongLong();
        stored.seq = seq;
        stored.conversationId = conversation;
        stored.msgId = message.msgId;
        stored.sender = message.sender;
        stored.groupId = message.groupId;
        stored.receiver = message.groupId != 0 ? message.groupId : message.receiver;
        stored.type = message.type;
        stored.content = message.content;
        stored.timer = message.timer;
        stored.ext = message.ext;
        auto recipients = recipientsOf(stored);
        if (!recipients)
            return recipients.error();
        outcome.recipients = recipients.value();
        return outcome;
    }

    DbSession &m_session;
    const SendRules &m_rules;
    QHash<std::pair<int, quint64>, int> m_conversations;
    QHash<int, QList<int>> m_members;
};

} // namespace

QJsonObject StoredMessage::toJson() const
{
    return QJsonObject {
        { u"id"_s, id },
        { u"seq"_s, seq },
        { u"msgId"_s, msgId },
        { u"type"_s, type },
        { u"sender"_s, sender },
        { u"groupId"_s, groupId != 0 ? QJsonValue(groupId) : QJsonValue(QJsonValue::Null) },
        { u"receiver"_s, receiver },
        { u"content"_s, content },
        { u"timer"_s, timer },
        { u"ext"_s, jsonOrNull(ext) },
        { u"senderInfo"_s, senderInfo },
    };
}

Result<QList<StoreOutcome>> storeMessages(DbSession &session, const QList<NewMessage> &messages,
                                          const SendRules &rules)
{
    QList<StoreOutcome> outcomes;
    outcomes.reserve(messages.size());
    auto done = session.transaction([&]() -> Result<void> {
        outcomes.clear();
        BatchWriter writer(session, rules);
        for (const NewMessage &message : messages) {
            auto outcome = writer.store(message);
            if (!outcome)
                return outcome.error();
            outcomes.append(std::move(outcome.value()));
        }
        return {};
    });
    if (!done)
        return done.error();
    return outcomes;
}

Result<QList<StoredMessage>> visibleMessagesAfter(DbSession &session, int userId, qint64 afterId,
                                                  int limit)
{
    // ORDER BY after a compound SELECT sorts the whole union (both dialects); a derived table
    // would clash on the two `id` columns in MariaDB.
    const QString sql = visibleMessagesSql(session, messageColumns) + u" ORDER BY 1 LIMIT ?"_s;
    return messagesFrom(session.query(sql, visibleMessagesValues(userId, afterId) << limit));
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
