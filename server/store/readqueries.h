#pragma once

#include "im/result.h"
#include "store/dbsession.h"
#include "store/messagequeries.h"

#include <QList>

namespace Im::Store {

using Core::ConversationReads;
using Core::MessageReaders;
using Core::ReadMark;

//! Records that \a reader has read \a conversation up to message \a messageId (README semantics
//! of the original, spec §11.6: row sender = peer or group, receiver = reader). The read cursor
//! only moves forward. NotFound when the message is not in a conversation the reader takes part
//! in (so a read position can never pass the conversation's newest message).
Result<ReadMark> markRead(DbSession &session, int reader, const ConversationRef &conversation,
                          qint64 messageId);

//! Read cursors of a conversation: mine, and the peer's (single chat) — 0 when nothing was read.
//! NotFound when \a me is not a participant of \a conversation.
Result<ConversationReads> conversationReads(DbSession &session, int me,
                                            const ConversationRef &conversation);

//! Who of a group has read the group message \a messageId and who has not (members other than its
//! author, by their read cursors). NotFound unless it is a group message and \a me a member.
Result<MessageReaders> groupMessageReaders(DbSession &session, int me, qint64 messageId);

} // namespace Im::Store
