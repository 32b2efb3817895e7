#pragma once

#include "im/messagestore.h"

#include <memory>

namespace Im::Store {

class ConversationDirectory;
class DbExecutor;

//! The messaging domain's stores on the SQL database: batches go through storeMessages() (the
//! set-based write path, with the conversation ids remembered across batches), waiting messages
//! are read by visibleMessagesAfter(), conversations' messages and read cursors by messagequeries
//! and readqueries, cursors by cursorqueries. Every call is one job of the executor. A batch and a
//! cursor write are always admitted (they hold accepted sends and acknowledged progress, bounded by
//! the writer and the devices); a catch-up page is a bounded job.
class SqlMessageStore final : public Core::MessageStore, public Core::CursorStore
{
public:
    //! \a conversationCache: how many conversation ids are remembered (CONVERSATION_CACHE_MAX).
    SqlMessageStore(DbExecutor &database, Core::SendRules rules, qsizetype conversationCache);
    ~SqlMessageStore() override;

    QFuture<Result<QList<Core::StoreOutcome>>>
    store(const QList<Core::NewMessage> &messages) override;
    QFuture<Result<QList<Core::StoredMessage>>> visibleAfter(int userId, qint64 afterId,
                                                             int limit) override;
    QFuture<Result<Core::PendingPage>> pendingAfter(int userId, qint64 afterId, int limit) override;
    QFuture<Result<QList<Core::StoredMessage>>> bySeq(int userId,
                                                      const Core::ConversationRef &conversation,
                                                      qint64 fromSeq, qint64 toSeq) override;
    QFuture<Result<Core::ConversationReads>>
    reads(int userId, const Core::ConversationRef &conversation) override;
    QFuture<Result<Core::MessageReaders>> readers(int userId, qint64 messageId) override;
    QFuture<Result<Core::ReadMark>> markRead(int reader, const Core::ConversationRef &conversation,
                                             qint64 messageId) override;
    QFuture<Result<qint64>> load(int userId, const QString &deviceId) override;
    QFuture<Result<qint64>> loadOrRecord(int userId, const QString &deviceId) override;
    QFuture<Result<void>> raise(const QList<Core::DeliveryCursor> &cursors) override;
    QFuture<Result<qint64>> acknowledgeUpTo(int userId, const QString &deviceId,
                                            qint64 id) override;

private:
    DbExecutor &m_database;
    const Core::SendRules m_rules;
    //! Shared with the batch jobs on the database workers.
    const std::shared_ptr<ConversationDirectory> m_conversations;
};

} // namespace Im::Store
