#pragma once

#include "store/conversationdirectory.h"
#include "store/messagequeries.h"

namespace Im::Store {

//! Stores \a messages in one transaction, each checked on its own: a group send needs membership,
//! a single chat needs an existing receiver who has not blocked the sender (and friendship when
//! \a rules say so). Each stored message gets the next global id (in input order) and the next
//! gap-free seq of its conversation. A msgId that exists already is a Duplicate for the same
//! sender and a Conflict for another, also within the batch. Outcomes are in input order; an
//! Error means nothing was stored.
//!
//! The work is set-based: a few statements per batch, whatever its size (the msgId lookup, one
//! lookup each of memberships, receivers, blocks and friendships, the conversations' `maxSeq`
//! read under a row lock and written back once, multi-row inserts), all prepared once per
//! connection. \a directory, when given, remembers conversation ids across batches.
Result<QList<StoreOutcome>> storeMessages(DbSession &session, const QList<NewMessage> &messages,
                                          const SendRules &rules,
                                          ConversationDirectory *directory = nullptr);

//! A key at least as coarse as the database's comparison of msgIds (MariaDB's
//! utf8mb4_unicode_ci ignores case, accents and trailing spaces): two msgIds with different keys
//! may still compare equal in rare cases, which storeMessages() handles by a slower path.
[[nodiscard]] QString msgIdCollationKey(const QString &msgId);

} // namespace Im::Store
