#pragma once

#include "im/chatmessage.h"
#include "im/result.h"

#include <QFuture>
#include <QList>

namespace Im::Core {

//! Where chat messages are kept: the messaging domain's view of the database. Results come back
//! as futures (finished on another thread); callers continue them on their own.
class MessageStore
{
public:
    virtual ~MessageStore() = default;

    //! Stores \a messages in one transaction, in order: one outcome per message, in input order,
    //! ids ascending in that order. An error means nothing of the batch was stored.
    virtual QFuture<Result<QList<StoreOutcome>>> store(const QList<NewMessage> &messages) = 0;
    //! The messages \a userId can see with id > \a afterId, ascending by id, at most \a limit.
    virtual QFuture<Result<QList<StoredMessage>>> visibleAfter(int userId, qint64 afterId,
                                                               int limit) = 0;
    //! visibleAfter(), with how many such messages there are in all (read together).
    virtual QFuture<Result<PendingPage>> pendingAfter(int userId, qint64 afterId, int limit) = 0;
    //! The messages of \a conversation with fromSeq <= seq <= toSeq, ascending; NotFound when
    //! \a userId does not take part in it.
    virtual QFuture<Result<QList<StoredMessage>>>
    bySeq(int userId, const ConversationRef &conversation, qint64 fromSeq, qint64 toSeq) = 0;
    //! The read cursors of \a conversation as \a userId sees them; NotFound when they do not
    //! take part in it.
    virtual QFuture<Result<ConversationReads>> reads(int userId,
                                                     const ConversationRef &conversation) = 0;
    //! Who has read the group message \a messageId; NotFound unless it is a group message and
    //! \a userId a member of its group.
    virtual QFuture<Result<MessageReaders>> readers(int userId, qint64 messageId) = 0;
    //! Records that \a reader read \a conversation up to message \a messageId; the read cursor
    //! only moves forward. NotFound when the message is not in a conversation of the reader.
    virtual QFuture<Result<ReadMark>> markRead(int reader, const ConversationRef &conversation,
                                               qint64 messageId) = 0;
};

//! Where delivery cursors are kept.
class CursorStore
{
public:
    virtual ~CursorStore() = default;

    //! The device's stored cursor, 0 when it has none.
    virtual QFuture<Result<qint64>> load(int userId, const QString &deviceId) = 0;
    //! The device's stored cursor, recording a 0 cursor for a device seen for the first time.
    virtual QFuture<Result<qint64>> loadOrRecord(int userId, const QString &deviceId) = 0;
    //! Raises each cursor to its value (never lowers one), in one transaction.
    virtual QFuture<Result<void>> raise(const QList<DeliveryCursor> &cursors) = 0;
    //! Raises the device's cursor to \a id, capped at the newest stored message (a client cannot
    //! acknowledge what does not exist yet); the stored cursor after.
    virtual QFuture<Result<qint64>> acknowledgeUpTo(int userId, const QString &deviceId,
                                                    qint64 id) = 0;
};

} // namespace Im::Core
