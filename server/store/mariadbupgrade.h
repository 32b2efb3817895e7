#pragma once

#include "im/result.h"
#include "store/dbsession.h"

namespace Im::Store {

//! MariaDB migration 2: brings a database laid out as the original server left it (or as baseline 1
//! creates it) to the port's schema, fixing the defects of the original in place: utf8mb4 tables
//! (D-45), TEXT message content (D-47), text `ext` columns (D-35), foreign keys of Friends to
//! Users.id instead of FriendSettings (D-46), the unique keys the original lacked (Friends pair,
//! FriendSettings owner+friend, MessageReads sender+receiver; D-37), ON DELETE SET NULL for a
//! user's role, and indexes for the offline-message queries. Rows are kept; duplicates that would
//! break a new unique key are merged first, and friendships that point at users who no longer exist
//! are removed (by the rules of originalcleanup.h, counted in the log). Every statement is
//! idempotent.
Result<void> upgradeOriginalSchema(DbSession &session);

} // namespace Im::Store
