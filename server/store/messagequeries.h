#pragma once

#include "im/error.h"
#include "im/result.h"
#include "store/dbsession.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QVariant>

namespace Im::Store {

//! A chat message as the client sent it, after the edge checked sizes and the sender's identity.
struct NewMessage
{
    QString msgId;
    int sender = 0;
    int groupId = 0; //!< 0: single chat with `receiver`
    int receiver = 0; //!< a user, or the group for group messages
    QString type;
    QString content;
    qint64 timer = 0;
    QVariant ext; //!< null or text
};

//! A stored message with what a push carries: its id, its seq in the conversation and the
//! author's public user info.
struct StoredMessage
{
    qint64 id = 0;
    qint64 seq = 0;
    int conversationId = 0;
    QString msgId;
    int sender = 0;
    int groupId = 0;
    int receiver = 0;
    QString type;
    QString content;
    qint64 timer = 0;
    QVariant ext;
    QJsonObject senderInfo; //!< UserPublic of the author; empty until joined

    //! `{id, seq, msgId, type, sender, groupId, receiver, content, timer, ext, senderInfo}`.
    [[nodiscard]] QJsonObject toJson() const;
};

//! What storing one message ended with.
struct StoreOutcome
{
    enum class Kind {
        Stored, //!< committed now; push it to `recipients`
        Duplicate, //!< the sender retried a stored msgId: ack again, push nothing
        Refused, //!< not allowed or not possible: ack with `refusal`
    };
    Kind kind = Kind::Refused;
    StoredMessage message;
    QList<int> recipients; //!< Stored: every user whose devices get it, the sender included
    Error refusal;
};

struct SendRules
{
    bool requireFriendship = true; //!< single chat only between friends
};

//! The columns storedMessageFrom() reads: the message's, then its author's public user columns
//! (the author as `u`, the message as `m`).
[[nodiscard]] const QString &storedMessageColumns();
//! A message read from storedMessageColumns() starting at column \a first of \a query.
[[nodiscard]] StoredMessage storedMessageFrom(const QSqlQuery &query, int first = 0);

//! The messages \a userId can see with id > \a afterId, ascending by id, at most \a limit: the
//! single chats they received or sent and the messages of their groups from the time they joined.
Result<QList<StoredMessage>> visibleMessagesAfter(DbSession &session, int userId, qint64 afterId,
                                                  int limit);
//! How many messages visibleMessagesAfter() would return without a limit.
Result<qint64> countVisibleMessagesAfter(DbSession &session, int userId, qint64 afterId);
//! The messages visibleMessagesAfter() would return without a limit, counted per conversation
//! (conversation id → count); counts at most \a atMost messages in all, so a huge backlog costs
//! no more than that (which ones are counted then is unspecified).
Result<QHash<int, qint64>> countVisibleMessagesByConversation(DbSession &session, int userId,
                                                              qint64 afterId, qint64 atMost);

//! Which conversation: a peer user (single chat) or a group.
struct ConversationRef
{
    int peer = 0;
    int groupId = 0;
    [[nodiscard]] bool isGroup() const { return groupId != 0; }
};

//! The messages of \a conversation with fromSeq <= seq <= toSeq, ascending, that \a userId may
//! see: NotFound when the user is not a participant (or member) of it.
Result<QList<StoredMessage>> messagesBySeq(DbSession &session, int userId,
                                           const ConversationRef &conversation, qint64 fromSeq,
                                           qint64 toSeq);

//! The newest message id, 0 for an empty table (a cursor never passes it).
Result<qint64> newestMessageId(DbSession &session);

} // namespace Im::Store
