#pragma once

#include "im/chatmessage.h"
#include "im/result.h"

#include <QFuture>
#include <QObject>

#include <optional>

namespace Im::Core {

class CursorFlusher;
class CursorStore;
class MessageStore;

//! The sizes a history read may have.
struct HistoryLimits
{
    static constexpr int defaultPageSize = 100;
    static constexpr int maxPageSize = 500; //!< messages of one pending page
    static constexpr qint64 maxSeqSpan = 500; //!< seqs of one range
};

//! What a user reads of the stored messages outside the pushes: the page of messages waiting for
//! a device (always above its delivery cursor, written or still in the flusher), the device's
//! cumulative acknowledgement, a conversation's messages by seq, its read cursors and who read a
//! group message. Only participants read a conversation (the store's NotFound), every read has its
//! limit (HistoryLimits: Malformed past them). Network thread.
class MessageHistory : public QObject
{
    Q_OBJECT
public:
    MessageHistory(MessageStore &messages, CursorStore &cursors, CursorFlusher &flusher,
                   QObject *parent = nullptr);

    //! Up to \a pageSize messages of \a userId above both \a afterId and the device's cursor, and
    //! how many there are in all.
    QFuture<Result<PendingPage>> pending(int userId, const QString &deviceId, qint64 afterId,
                                         int pageSize);
    //! The device holds everything up to \a id: its cursor after (through the flusher, the
    //! cursors' one owner).
    QFuture<Result<qint64>> acknowledge(int userId, const QString &deviceId, qint64 id);
    //! The messages of \a conversation from \a fromSeq to \a toSeq, or HistoryLimits::maxSeqSpan
    //! seqs when \a toSeq is not given.
    QFuture<Result<QList<StoredMessage>>> range(int userId, const ConversationRef &conversation,
                                                qint64 fromSeq, std::optional<qint64> toSeq);
    QFuture<Result<ConversationReads>> reads(int userId, const ConversationRef &conversation);
    QFuture<Result<MessageReaders>> readers(int userId, qint64 messageId);

private:
    MessageStore &m_messages;
    CursorStore &m_cursors;
    CursorFlusher &m_flusher;
};

} // namespace Im::Core
