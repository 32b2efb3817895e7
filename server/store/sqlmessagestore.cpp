#include "store/sqlmessagestore.h"

#include "store/conversationdirectory.h"
#include "store/cursorqueries.h"
#include "store/dbexecutor.h"
#include "store/messagebatch.h"
#include "store/messagequeries.h"
#include "store/readqueries.h"

namespace Im::Store {

SqlMessageStore::SqlMessageStore(DbExecutor &database, Core::SendRules rules,
                                 qsizetype conversationCache)
    : m_database(database)
    , m_rules(rules)
    , m_conversations(std::make_shared<ConversationDirectory>(conversationCache))
{ }

SqlMessageStore::~SqlMessageStore() = default;

QFuture<Result<QList<Core::StoreOutcome>>>
SqlMessageStore::store(const QList<Core::NewMessage> &messages)
{
    return m_database.run<QList<Core::StoreOutcome>>(
        [messages, rules = m_rules, conversations = m_conversations](DbSession &session) {
            return storeMessages(session, messages, rules, conversations.get());
        },
        Retry::Never, Admission::Always);
}

QFuture<Result<QList<Core::StoredMessage>>> SqlMessageStore::visibleAfter(int userId,
                                                                          qint64 afterId, int limit)
{
    return m_database.run<QList<Core::StoredMessage>>([userId, afterId, limit](DbSession &session) {
        return visibleMessagesAfter(session, userId, afterId, limit);
    });
}

QFuture<Result<Core::PendingPage>> SqlMessageStore::pendingAfter(int userId, qint64 afterId,
                                                                 int limit)
{
    return m_database.run<Core::PendingPage>(
        [userId, afterId, limit](DbSession &session) -> Result<Core::PendingPage> {
            auto count = countVisibleMessagesAfter(session, userId, afterId);
            if (!count)
                return count.error();
            auto messages = visibleMessagesAfter(session, userId, afterId, limit);
            if (!messages)
                return messages.error();
            return Core::PendingPage { count.value(), messages.value() };
        });
}

QFuture<Result<QList<Core::StoredMessage>>>
SqlMessageStore::bySeq(int userId, const Core::ConversationRef &conversation, qint64 fromSeq,
                       qint64 toSeq)
{
    return m_database.run<QList<Core::StoredMessage>>(
        [userId, conversation, fromSeq, toSeq](DbSession &session) {
            return messagesBySeq(session, userId, conversation, fromSeq, toSeq);
        });
}

QFuture<Result<Core::ConversationReads>>
SqlMessageStore::reads(int userId, const Core::ConversationRef &conversation)
{
    return m_database.run<Core::ConversationReads>([userId, conversation](DbSession &session) {
        return conversationReads(session, userId, conversation);
    });
}

QFuture<Result<Core::MessageReaders>> SqlMessageStore::readers(int userId, qint64 messageId)
{
    return m_database.run<Core::MessageReaders>([userId, messageId](DbSession &session) {
        return groupMessageReaders(session, userId, messageId);
    });
}

QFuture<Result<Core::ReadMark>>
SqlMessageStore::markRead(int reader, const Core::ConversationRef &conversation, qint64 messageId)
{
    return m_database.run<Core::ReadMark>([reader, conversation, messageId](DbSession &session) {
        return Store::markRead(session, reader, conversation, messageId);
    });
}

QFuture<Result<qint64>> SqlMessageStore::load(int userId, const QString &deviceId)
{
    return m_database.run<qint64>(
        [userId, deviceId](DbSession &session) { return loadCursor(session, userId, deviceId); });
}

QFuture<Result<qint64>> SqlMessageStore::loadOrRecord(int userId, const QString &deviceId)
{
    return m_database.run<qint64>([userId, deviceId](DbSession &session) {
        return loadOrRecordCursor(session, userId, deviceId);
    });
}

QFuture<Result<void>> SqlMessageStore::raise(const QList<Core::DeliveryCursor> &cursors)
{
    return m_database.run<void>(
        [cursors](DbSession &session) { return raiseCursors(session, cursors); }, Retry::Never,
        Admission::Always);
}

QFuture<Result<qint64>> SqlMessageStore::acknowledgeUpTo(int userId, const QString &deviceId,
                                                         qint64 id)
{
    return m_database.run<qint64>([userId, deviceId, id](DbSession &session) {
        return Store::acknowledgeUpTo(session, userId, deviceId, id);
    });
}

} // namespace Im::Store
