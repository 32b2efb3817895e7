#include "store/messagebatch.h"

#include "store/sqllists.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace Im::Store {

namespace {

using UserPair = std::pair<int, int>;

StoreOutcome refused(Error error)
{
    StoreOutcome outcome;
    outcome.kind = StoreOutcome::Kind::Refused;
    outcome.refusal = std::move(error);
    return outcome;
}

ConversationKey conversationKeyOf(const NewMessage &message)
{
    return message.groupId != 0 ? ConversationKey::group(message.groupId)
                                : ConversationKey::single(message.sender, message.receiver);
}

// `(a = ? AND b = ?) OR …` over padded pairs: an index range per pair on both dialects.
QString pairCondition(QStringView a, QStringView b, qsizetype pairs)
{
    return repeated(u"(`%1` = ? AND `%2` = ?)"_s.arg(a, b), paddedLength(pairs), u" OR ");
}

QVariantList pairValues(const QSet<UserPair> &pairs)
{
    QVariantList values;
    for (const UserPair &pair : pairs)
        values << pair.first << pair.second;
    return paddedValues(values, 2);
}

QVariantList idValues(const QSet<int> &ids)
{
    QVariantList values;
    for (int id : ids)
        values << id;
    return paddedValues(values);
}

QString inList(qsizetype count)
{
    return repeated(u"?", paddedLength(count), u", ");
}

// One run of messages whose msgIds all differ (by msgIdCollationKey()), stored by a handful of
// statements. Runs of one transaction follow each other, so a later run sees an earlier one's
// rows: a msgId repeated within a batch is then found like any stored one.
class MessageRun
{
public:
    MessageRun(DbSession &session, const SendRules &rules, const ConversationDirectory *directory,
               QHash<ConversationKey, int> &learned)
        : m_session(session)
        , m_rules(rules)
        , m_directory(directory)
        , m_learned(learned)
    { }

    Result<QList<StoreOutcome>> store(const QList<NewMessage> &messages)
    {
        if (auto done = loadExisting(messages); !done)
            return done.error();
        QList<const NewMessage *> fresh;
        for (qsizetype i = 0; i < messages.size(); ++i) {
            if (!m_existing.contains(i))
                fresh.append(&messages[i]);
        }
        if (auto done = loadPolicyFacts(fresh); !done)
            return done.error();

        QList<StoreOutcome> outcomes(messages.size());
        QList<qsizetype> accepted;
        for (qsizetype i = 0; i < messages.size(); ++i) {
            const NewMessage &message = messages[i];
            if (const auto existing = m_existing.constFind(i); existing != m_existing.cend()) {
                outcomes[i] = duplicateOf(message, existing.value());
            } else if (auto refusal = refusalOf(message)) {
                outcomes[i] = refused(std::move(*refusal));
            } else {
                accepted.append(i);
            }
        }
        if (accepted.isEmpty())
            return outcomes;
        if (auto done = assignSequence(messages, accepted, outcomes); !done)
            return done.error();
        if (auto done = insert(messages, accepted, outcomes); !done)
            return done.error();
        if (auto done = loadIds(accepted, outcomes); !done)
            return done.error();
        if (auto done = saveMaxSeq(); !done)
            return done.error();
        return outcomes;
    }

private:
    // The stored messages with the msgIds of the run, matched by the database's own comparison.
    Result<void> loadExisting(const QList<NewMessage> &messages)
    {
        QVariantList values;
        for (qsizetype i = 0; i < messages.size(); ++i)
            values << i << messages[i].msgId;
        const qsizetype rows = paddedLength(messages.size());
        // SQLite limits a compound SELECT to 500 terms, but not a VALUES list.
        const QString inputs = m_session.isMariaDb()
            ? u"SELECT ? AS `i`, ? AS `msgId` "_s
                + repeated(u"UNION ALL SELECT ?, ?", rows - 1, u" ")
            : u"SELECT column1 AS `i`, column2 AS `msgId` FROM (VALUES %1)"_s.arg(
                repeated(u"(?, ?)", rows, u", "));
        // In this join order, whatever the statistics say: from the inputs, each msgId is one
        // lookup in its unique index. MariaDB's planner, seeing few rows in a young table,
        // started from Users and read every message of every sender, on every batch.
        const QString sql = m_session.isMariaDb()
            ? u"SELECT STRAIGHT_JOIN v.`i`, %1 FROM (%2) v "
              "JOIN `Messages` m ON m.`msgId` = v.`msgId` "
              "JOIN `Users` u ON u.`id` = m.`sender`"_s.arg(storedMessageColumns(), inputs)
            : u"SELECT v.`i`, %1 FROM (%2) v "
              "CROSS JOIN `Messages` m ON m.`msgId` = v.`msgId` "
              "CROSS JOIN `Users` u ON u.`id` = m.`sender`"_s.arg(storedMessageColumns(), inputs);
        return m_session.forEachRow(sql, paddedValues(values, 2), [this](const QSqlQuery &row) {
            m_existing.insert(row.value(0).toLongLong(), storedMessageFrom(row, 1));
        });
    }

    // Memberships, receivers, blocks and friendships of the messages to check, one query each.
    Result<void> loadPolicyFacts(const QList<const NewMessage *> &messages)
    {
        QSet<int> groups;
        QSet<int> receivers;
        QSet<UserPair> blockPairs; // (receiver, sender)
        QSet<UserPair> friendPairs; // both orders
        for (const NewMessage *message : messages) {
            if (message->groupId != 0) {
                groups.insert(message->groupId);
            } else if (message->receiver != message->sender) {
                receivers.insert(message->receiver);
                blockPairs.insert({ message->receiver, message->sender });
                friendPairs.insert({ message->receiver, message->sender });
                friendPairs.insert({ message->sender, message->receiver });
            }
        }
        for (const StoredMessage &message : std::as_const(m_existing)) {
            if (message.groupId != 0)
                groups.insert(message.groupId); // a duplicate's recipients
        }
        if (auto done = loadMembers(groups); !done)
            return done;
        if (!receivers.isEmpty()) {
            auto done = m_session.forEachRow(
                u"SELECT `id` FROM `Users` WHERE `account` IS NOT NULL AND `id` IN (%1)"_s.arg(
                    inList(receivers.size())),
                idValues(receivers),
                [this](const QSqlQuery &row) { m_liveUsers.insert(row.value(0).toInt()); });
            if (!done)
                return done;
        }
        if (!blockPairs.isEmpty()) {
            auto done = m_session.forEachRow(
                u"SELECT `userId`, `friendId` FROM `FriendSettings` WHERE `block` = 1 AND (%1)"_s
                    .arg(pairCondition(u"userId", u"friendId", blockPairs.size())),
                pairValues(blockPairs), [this](const QSqlQuery &row) {
                    m_blocks.insert({ row.value(0).toInt(), row.value(1).toInt() });
                });
            if (!done)
                return done;
        }
        if (m_rules.requireFriendship && !friendPairs.isEmpty()) {
            auto done =
                m_session.forEachRow(u"SELECT `userId`, `friendId` FROM `Friends` WHERE %1"_s.arg(
                                         pairCondition(u"userId", u"friendId", friendPairs.size())),
                                     pairValues(friendPairs), [this](const QSqlQuery &row) {
                                         const int a = row.value(0).toInt();
                                         const int b = row.value(1).toInt();
                                         m_friendships.insert({ std::min(a, b), std::max(a, b) });
                                     });
            if (!done)
                return done;
        }
        return {};
    }

    Result<void> loadMembers(const QSet<int> &groups)
    {
        if (groups.isEmpty())
            return {};
        return m_session.forEachRow(
            u"SELECT `groupId`, `userId` FROM `Members` WHERE `groupId` IN (%1)"_s.arg(
                inList(groups.size())),
            idValues(groups), [this](const QSqlQuery &row) {
                const int group = row.value(0).toInt();
                const int user = row.value(1).toInt();
                m_members[group].append(user);
                m_memberships.insert({ group, user });
            });
    }

    std::optional<Error> refusalOf(const NewMessage &message) const
    {
        if (message.groupId != 0) {
            if (!m_memberships.contains({ message.groupId, message.sender }))
                return Error { ErrorCode::PermissionDenied, u"Not a member of the group."_s };
            return std::nullopt;
        }
        if (message.receiver == message.sender)
            return Error { ErrorCode::Malformed, u"Cannot send to yourself."_s };
        if (!m_liveUsers.contains(message.receiver))
            return Error { ErrorCode::NotFound,
                           u"No user found with id %1"_s.arg(message.receiver) };
        if (m_blocks.contains({ message.receiver, message.sender }))
            return Error { ErrorCode::PermissionDenied, u"The receiver blocked you."_s };
        const UserPair pair { std::min(message.sender, message.receiver),
                              std::max(message.sender, message.receiver) };
        if (m_rules.requireFriendship && !m_friendships.contains(pair))
            return Error { ErrorCode::PermissionDenied, u"Not yet a friendship."_s };
        return std::nullopt;
    }

    StoreOutcome duplicateOf(const NewMessage &message, const StoredMessage &existing) const
    {
        if (existing.sender != message.sender)
            return refused({ ErrorCode::Conflict, u"The msgId is already in use."_s });
        StoreOutcome outcome;
        outcome.kind = StoreOutcome::Kind::Duplicate;
        outcome.message = existing;
        outcome.recipients = recipientsOf(existing.groupId, existing.sender, existing.receiver);
        return outcome;
    }

    // Every user whose devices get a message: the group's members now, or both ends of a chat.
    QList<int> recipientsOf(int groupId, int sender, int receiver) const
    {
        if (groupId != 0)
            return m_members.value(groupId);
        return { receiver, sender };
    }

    // Conversation ids (created when new) and the next seqs, with the conversations' rows locked
    // until commit so that writers of one conversation take turns.
    Result<void> assignSequence(const QList<NewMessage> &messages, const QList<qsizetype> &accepted,
                                QList<StoreOutcome> &outcomes)
    {
        QList<ConversationKey> unknown;
        QHash<ConversationKey, int> ids;
        for (qsizetype i : accepted) {
            const ConversationKey key = conversationKeyOf(messages[i]);
            if (ids.contains(key) || unknown.contains(key))
                continue;
            if (const auto known = m_learned.constFind(key); known != m_learned.cend())
                ids.insert(key, known.value());
            else if (const auto cached = m_directory ? m_directory->find(key) : std::nullopt)
                ids.insert(key, *cached);
            else
                unknown.append(key);
        }
        if (auto created = createConversations(unknown, ids); !created)
            return created;
        QSet<int> conversations;
        for (int id : std::as_const(ids))
            conversations.insert(id);
        const QString lock = m_session.isMariaDb() ? u" FOR UPDATE"_s : QString();
        auto locked = m_session.forEachRow(
            u"SELECT `id`, `maxSeq` FROM `Conversations` WHERE `id` IN (%1)%2"_s.arg(
                inList(conversations.size()), lock),
            idValues(conversations), [this](const QSqlQuery &row) {
                m_maxSeq.insert(row.value(0).toInt(), row.value(1).toLongLong());
            });
        if (!locked)
            return locked;
        for (qsizetype i : accepted) {
            StoredMessage &stored = outcomes[i].message;
            stored.conversationId = ids.value(conversationKeyOf(messages[i]));
            stored.seq = ++m_maxSeq[stored.conversationId];
        }
        return {};
    }

    Result<void> createConversations(const QList<ConversationKey> &keys,
                                     QHash<ConversationKey, int> &ids)
    {
        if (keys.isEmpty())
            return {};
        QVariantList values;
        for (const ConversationKey &key : keys)
            values << key.kind << key.peerA << key.peerB;
        values = paddedValues(values, 3);
        const qsizetype rows = paddedLength(keys.size());
        // Padding repeats the last key, which the IGNORE skips like a conversation that exists.
        const QString insert = m_session.isMariaDb() ? u"INSERT IGNORE"_s : u"INSERT OR IGNORE"_s;
        auto inserted = m_session.executeCached(
            insert
                + u" INTO `Conversations` (`kind`, `peerA`, `peerB`, `maxSeq`) VALUES %1"_s.arg(
                    repeated(u"(?, ?, ?, 0)", rows, u", ")),
            values);
        if (!inserted)
            return inserted.error();
        return m_session.forEachRow(
            u"SELECT `id`, `kind`, `peerA`, `peerB` FROM `Conversations` WHERE %1"_s.arg(
                repeated(u"(`kind` = ? AND `peerA` = ? AND `peerB` = ?)", rows, u" OR ")),
            values, [this, &ids](const QSqlQuery &row) {
                const ConversationKey key { row.value(1).toInt(), row.value(2).toInt(),
                                            row.value(3).toInt() };
                ids.insert(key, row.value(0).toInt());
                m_learned.insert(key, row.value(0).toInt());
            });
    }

    // Multi-row inserts in chunks of powers of two, in input order, so ids follow it.
    Result<void> insert(const QList<NewMessage> &messages, const QList<qsizetype> &accepted,
                        QList<StoreOutcome> &outcomes)
    {
        const QString now = m_session.now();
        qsizetype next = 0;
        for (qsizetype chunk : powerOfTwoChunks(accepted.size())) {
            QVariantList values;
            values.reserve(chunk * 12);
            for (qsizetype k = next; k < next + chunk; ++k) {
                const qsizetype i = accepted[k];
                const NewMessage &message = messages[i];
                const StoredMessage &stored = outcomes[i].message;
                values << message.msgId << message.type << message.sender
                       << (message.groupId != 0 ? QVariant(message.groupId) : QVariant())
                       << message.receiver << message.content << message.timer << message.ext
                       << stored.conversationId << stored.seq << now << now;
            }
            auto inserted = m_session.executeCached(
                u"INSERT INTO `Messages` (`msgId`, `type`, `sender`, `groupId`, `receiver`, "
                "`content`, `timer`, `ext`, `conversationId`, `seq`, `createdAt`, `updatedAt`) "
                "VALUES %1"_s.arg(repeated(u"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", chunk, u", ")),
                values);
            if (!inserted)
                return inserted.error();
            next += chunk;
        }
        for (qsizetype i : accepted)
            fillStored(messages[i], outcomes[i]);
        return {};
    }

    void fillStored(const NewMessage &message, StoreOutcome &outcome) const
    {
        outcome.kind = StoreOutcome::Kind::Stored;
        StoredMessage &stored = outcome.message;
        stored.msgId = message.msgId;
        stored.sender = message.sender;
        stored.groupId = message.groupId;
        stored.receiver = message.groupId != 0 ? message.groupId : message.receiver;
        stored.type = message.type;
        stored.content = message.content;
        stored.timer = message.timer;
        stored.ext = message.ext;
        outcome.recipients = recipientsOf(message.groupId, message.sender, message.receiver);
    }

    // The new rows' ids, by their unique (conversationId, seq).
    Result<void> loadIds(const QList<qsizetype> &accepted, QList<StoreOutcome> &outcomes)
    {
        QVariantList values;
        QHash<std::pair<int, qint64>, qsizetype> byPosition;
        for (qsizetype i : accepted) {
            const StoredMessage &stored = outcomes[i].message;
            values << stored.conversationId << stored.seq;
            byPosition.insert({ stored.conversationId, stored.seq }, i);
        }
        auto loaded = m_session.forEachRow(
            u"SELECT `id`, `conversationId`, `seq` FROM `Messages` WHERE %1"_s.arg(
                pairCondition(u"conversationId", u"seq", accepted.size())),
            paddedValues(values, 2), [&](const QSqlQuery &row) {
                const auto position =
                    byPosition.constFind({ row.value(1).toInt(), row.value(2).toLongLong() });
                if (position != byPosition.cend())
                    outcomes[position.value()].message.id = row.value(0).toLongLong();
            });
        if (!loaded)
            return loaded;
        for (qsizetype i : accepted) {
            if (outcomes[i].message.id == 0)
                return makeError(ErrorCode::Internal, u"A stored message was not found."_s);
        }
        return {};
    }

    Result<void> saveMaxSeq()
    {
        QVariantList cases;
        QVariantList ids;
        for (auto it = m_maxSeq.cbegin(); it != m_maxSeq.cend(); ++it) {
            cases << it.key() << it.value();
            ids << it.key();
        }
        const qsizetype rows = paddedLength(ids.size());
        auto saved = m_session.executeCached(
            u"UPDATE `Conversations` SET `maxSeq` = CASE `id` %1 ELSE `maxSeq` END "
            "WHERE `id` IN (%2)"_s.arg(repeated(u"WHEN ? THEN ?", rows, u" "), inList(rows)),
            paddedValues(cases, 2) + paddedValues(ids));
        if (!saved)
            return saved.error();
        return {};
    }

    DbSession &m_session;
    const SendRules &m_rules;
    const ConversationDirectory *m_directory;
    QHash<ConversationKey, int> &m_learned;
    QHash<qsizetype, StoredMessage> m_existing; // input position → the stored message
    QHash<int, QList<int>> m_members;
    QSet<UserPair> m_memberships; // (group, user)
    QSet<int> m_liveUsers;
    QSet<UserPair> m_blocks; // (blocker, blocked)
    QSet<UserPair> m_friendships; // (lower id, higher id)
    QHash<int, qint64> m_maxSeq; // conversation → its highest seq so far
};

// The batch cut into runs whose msgIds differ, in order (see MessageRun).
QList<QList<NewMessage>> runsOf(const QList<NewMessage> &messages)
{
    QList<QList<NewMessage>> runs(1);
    QSet<QString> keys;
    for (const NewMessage &message : messages) {
        const QString key = msgIdCollationKey(message.msgId);
        if (keys.contains(key)) {
            runs.append(QList<NewMessage>());
            keys.clear();
        }
        keys.insert(key);
        runs.last().append(message);
    }
    return runs;
}

Result<QList<StoreOutcome>> storeInOneTransaction(DbSession &session,
                                                  const QList<NewMessage> &messages,
                                                  const SendRules &rules,
                                                  ConversationDirectory *directory)
{
    QList<StoreOutcome> outcomes;
    QHash<ConversationKey, int> learned;
    auto done = session.transaction([&]() -> Result<void> {
        outcomes.clear();
        learned.clear();
        for (const QList<NewMessage> &run : runsOf(messages)) {
            auto stored = MessageRun(session, rules, directory, learned).store(run);
            if (!stored)
                return stored.error();
            outcomes += stored.value();
        }
        return {};
    });
    if (!done)
        return done.error();
    if (directory)
        directory->learn(learned);
    return outcomes;
}

} // namespace

QString msgIdCollationKey(const QString &msgId)
{
    QString key;
    const QString decomposed = msgId.normalized(QString::NormalizationForm_KD);
    key.reserve(decomposed.size());
    for (QChar c : decomposed) {
        if (!c.isMark())
            key += c;
    }
    while (key.endsWith(u' '))
        key.chop(1);
    return key.toCaseFolded();
}

Result<QList<StoreOutcome>> storeMessages(DbSession &session, const QList<NewMessage> &messages,
                                          const SendRules &rules, ConversationDirectory *directory)
{
    if (messages.isEmpty())
        return QList<StoreOutcome>();
    auto outcomes = storeInOneTransaction(session, messages, rules, directory);
    if (outcomes || outcomes.error().code != ErrorCode::Duplicate || messages.size() == 1)
        return outcomes;
    // Two msgIds the collation key told apart compared equal in the database after all: each
    // message in a transaction of its own then finds the other like any stored one. Some may be
    // committed before another fails, so a failure is that message's refusal, not the batch's.
    QList<StoreOutcome> single;
    for (const NewMessage &message : messages) {
        auto stored = storeInOneTransaction(session, { message }, rules, directory);
        single += stored ? stored.value().first() : refused(stored.error());
        if (!stored && session.isConnectionLost())
            break;
    }
    while (single.size() < messages.size())
        single += refused(makeError(ErrorCode::Unavailable, u"The database is unavailable."_s));
    return single;
}

} // namespace Im::Store
