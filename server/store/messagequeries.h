#pragma once

#include "im/chatmessage.h"
#include "im/error.h"
#include "im/result.h"
#include "store/dbsession.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QVariant>

namespace Im::Store {

// The chat message types belong to the messaging domain; the store reads and writes them.
using Core::ConversationRef;
using Core::NewMessage;
using Core::SendRules;
using Core::StoredMessage;
using Core::StoreOutcome;

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

//! The messages of \a conversation with fromSeq <= seq <= toSeq, ascending, that \a userId may
//! see: NotFound when the user is not a participant (or member) of it.
Result<QList<StoredMessage>> messagesBySeq(DbSession &session, int userId,
                                           const ConversationRef &conversation, qint64 fromSeq,
                                           qint64 toSeq);

//! The newest message id, 0 for an empty table (a cursor never passes it).
Result<qint64> newestMessageId(DbSession &session);

} // namespace Im::Store
