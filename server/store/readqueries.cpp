#include "store/readqueries.h"

using namespace Qt::StringLiterals;

namespace Im::Store {

namespace {

Error noConversation()
{
    return { ErrorCode::NotFound, u"No such conversation."_s };
}

// The id of the conversation \a me takes part in, or NotFound.
Result<int> participantConversation(DbSession &session, int me, const ConversationRef &conversation)
{
    if (conversation.isGroup()) {
        auto member =
            session.scalar(u"SELECT COUNT(*) FROM `Members` WHERE `groupId` = ? AND `userId` = ?"_s,
                           { conversation.groupId, me });
        if (!member)
            return member.error();
        if (member.value().toInt() == 0)
            return noConversation();
    }
    const QVariantList key = conversation.isGroup()
        ? QVariantList { 2, conversation.groupId, 0 }
        : QVariantList { 1, std::min(me, conversation.peer), std::max(me, conversation.peer) };
    auto id = session.scalar(u"SELECT `id` FROM `Conversations` WHERE `kind` = ? AND `peerA` = ? "
                             "AND `peerB` = ?"_s,
                             key);
    if (!id)
        return id.error();
    if (id.value().isNull())
        return noConversation();
    return id.value().toInt();
}

// The stored read cursor of \a reader for the conversation keyed by \a peerOrGroup.
Result<qint64> readCursor(DbSession &session, int peerOrGroup, int reader)
{
    auto lastRead = session.scalar(
        u"SELECT `lastRead` FROM `MessageReads` WHERE `sender` = ? AND `receiver` = ?"_s,
        { peerOrGroup, reader });
    if (!lastRead)
        return lastRead.error();
    return lastRead.value().toLongLong();
}

int peerOrGroup(const ConversationRef &conversation)
{
    return conversation.isGroup() ? conversation.groupId : conversation.peer;
}

} // namespace

Result<ReadMark> markRead(DbSession &session, int reader, const ConversationRef &conversation,
                          qint64 messageId)
{
    ReadMark mark;
    auto done = session.transaction([&]() -> Result<void> {
        auto id = participantConversation(session, reader, conversation);
        if (!id)
            return id.error();
        auto author = session.scalar(
            u"SELECT `sender` FROM `Messages` WHERE `id` = ? AND `conversationId` = ?"_s,
            { messageId, id.value() });
        if (!author)
            return author.error();
        if (author.value().isNull())
            return makeError(ErrorCode::NotFound, u"No message found with id %1"_s.arg(messageId));
        mark.author = author.value().toInt();
        const QString now = session.now();
        const QString upsert = session.isMariaDb()
            ? u"INSERT INTO `MessageReads` (`sender`, `receiver`, `lastRead`, `createdAt`, "
              "`updatedAt`) VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE `lastRead` = "
              "GREATEST(COALESCE(`lastRead`, 0), VALUES(`lastRead`)), `updatedAt` = "
              "VALUES(`updatedAt`)"_s
            : u"INSERT INTO `MessageReads` (`sender`, `receiver`, `lastRead`, `createdAt`, "
              "`updatedAt`) VALUES (?, ?, ?, ?, ?) ON CONFLICT (`sender`, `receiver`) DO UPDATE "
              "SET `lastRead` = max(COALESCE(`lastRead`, 0), excluded.`lastRead`), `updatedAt` = "
              "excluded.`updatedAt`"_s;
        if (auto stored =
                session.run(upsert, { peerOrGroup(conversation), reader, messageId, now, now });
            !stored) {
            return stored;
        }
        auto lastRead = readCursor(session, peerOrGroup(conversation), reader);
        if (!lastRead)
            return lastRead.error();
        mark.lastRead = lastRead.value();
        return {};
    });
    if (!done)
        return done.error();
    return mark;
}

Result<ConversationReads> conversationReads(DbSession &session, int me,
                                            const ConversationRef &conversation)
{
    auto id = participantConversation(session, me, conversation);
    if (!id)
        return id.error();
    ConversationReads reads;
    auto mine = readCursor(session, peerOrGroup(conversation), me);
    if (!mine)
        return mine.error();
    reads.mine = mine.value();
    if (!conversation.isGroup()) {
        auto peer = readCursor(session, me, conversation.peer);
        if (!peer)
            return peer.error();
        reads.peer = peer.value();
    }
    auto newest = session.scalar(
        u"SELECT COALESCE(MAX(`id`), 0) FROM `Messages` WHERE `conversationId` = ?"_s,
        { id.value() });
    if (!newest)
        return newest.error();
    reads.newestId = newest.value().toLongLong();
    return reads;
}

Result<MessageReaders> groupMessageReaders(DbSession &session, int me, qint64 messageId)
{
    auto message = session.query(
        u"SELECT m.`groupId`, m.`sender` FROM `Messages` m JOIN `Members` gm ON gm.`groupId` = "
        "m.`groupId` AND gm.`userId` = ? WHERE m.`id` = ?"_s,
        { me, messageId });
    if (!message)
        return message.error();
    if (!message.value().next())
        return makeError(ErrorCode::NotFound,
                         u"No group message found with id %1"_s.arg(messageId));
    MessageReaders readers;
    readers.groupId = message.value().value(0).toInt();
    const int author = message.value().value(1).toInt();
    // One statement: members joined with their read cursor for the group.
    auto rows = session.query(
        u"SELECT gm.`userId`, COALESCE(r.`lastRead`, 0) FROM `Members` gm LEFT JOIN "
        "`MessageReads` r ON r.`sender` = gm.`groupId` AND r.`receiver` = gm.`userId` WHERE "
        "gm.`groupId` = ? AND gm.`userId` <> ? AND gm.`joinedAfter` < ? ORDER BY gm.`userId`"_s,
        { readers.groupId, author, messageId });
    if (!rows)
        return rows.error();
    while (rows.value().next()) {
        const int member = rows.value().value(0).toInt();
        (rows.value().value(1).toLongLong() >= messageId ? readers.read : readers.unread)
            .append(member);
    }
    return readers;
}

} // namespace Im::Store
