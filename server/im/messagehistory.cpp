#include "im/messagehistory.h"

#include "im/cursorflusher.h"
#include "im/futures.h"
#include "im/messagestore.h"

#include <memory>

using namespace Qt::StringLiterals;

namespace Im::Core {

namespace {

template<typename T>
QFuture<Result<T>> refused()
{
    return readyError<T>(makeError(ErrorCode::Malformed, u"Incorrect request parameter."_s));
}

//! A user (peer) or a group, exactly one of them.
bool isWellFormed(const ConversationRef &conversation)
{
    return conversation.peer >= 0 && conversation.groupId >= 0
        && (conversation.peer == 0) != (conversation.groupId == 0);
}

} // namespace

MessageHistory::MessageHistory(MessageStore &messages, CursorStore &cursors, CursorFlusher &flusher,
                               QObject *parent)
    : QObject(parent)
    , m_messages(messages)
    , m_cursors(cursors)
    , m_flusher(flusher)
{ }

QFuture<Result<PendingPage>> MessageHistory::pending(int userId, const QString &deviceId,
                                                     qint64 afterId, int pageSize)
{
    if (afterId < 0 || pageSize < 1 || pageSize > HistoryLimits::maxPageSize)
        return refused<PendingPage>();
    // Two steps: the cursor, then the page above it. The promise is dropped (and the future
    // canceled) if this service goes first.
    auto promise = startedPromise<PendingPage>();
    QFuture<Result<PendingPage>> answer = promise->future();
    const auto finish = [promise](Result<PendingPage> page) { settle(promise, std::move(page)); };
    whenFinished(m_cursors.load(userId, deviceId), this,
                 [this, finish, userId, deviceId, afterId, pageSize](Result<qint64> stored) {
                     if (!stored) {
                         finish(stored.error());
                         return;
                     }
                     // Never below what the device acknowledged, written yet or not.
                     const qint64 after = std::max(
                         { stored.value(), m_flusher.unwritten(userId, deviceId), afterId });
                     whenFinished(m_messages.pendingAfter(userId, after, pageSize), this, finish);
                 });
    return answer;
}

QFuture<Result<qint64>> MessageHistory::acknowledge(int userId, const QString &deviceId, qint64 id)
{
    if (id < 0)
        return refused<qint64>();
    return m_flusher.acknowledge(userId, deviceId, id);
}

QFuture<Result<QList<StoredMessage>>> MessageHistory::range(int userId,
                                                            const ConversationRef &conversation,
                                                            qint64 fromSeq,
                                                            std::optional<qint64> toSeq)
{
    const qint64 last = toSeq.value_or(fromSeq + HistoryLimits::maxSeqSpan - 1);
    if (!isWellFormed(conversation) || fromSeq < 1 || last < fromSeq
        || last - fromSeq >= HistoryLimits::maxSeqSpan)
        return refused<QList<StoredMessage>>();
    return m_messages.bySeq(userId, conversation, fromSeq, last);
}

QFuture<Result<ConversationReads>> MessageHistory::reads(int userId,
                                                         const ConversationRef &conversation)
{
    if (!isWellFormed(conversation))
        return refused<ConversationReads>();
    return m_messages.reads(userId, conversation);
}

QFuture<Result<MessageReaders>> MessageHistory::readers(int userId, qint64 messageId)
{
    if (messageId < 1)
        return refused<MessageReaders>();
    return m_messages.readers(userId, messageId);
}

} // namespace Im::Core
