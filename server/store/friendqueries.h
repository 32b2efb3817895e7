#pragma once

#include "im/friendship.h"
#include "im/result.h"
#include "store/dbsession.h"
#include "store/notifyqueries.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QVariant>

#include <optional>

namespace Im::Store {

Result<bool> areFriends(DbSession &session, int userId, int otherId);

//! The ids of \a userId's friends (either side of the friendship).
Result<QList<int>> friendIdsOf(DbSession &session, int userId);

//! My friends, each the friend's public user row merged with MY settings for them (D-22):
//! `{id, account, avatar, email, regisTime, updateTime, roleId, remark, astrolabe, block,
//! createdAt, updatedAt}`. One statement however many friends there are.
Result<QJsonArray> listFriends(DbSession &session, int me);

Result<std::optional<Core::FriendSettings>> findFriendSettings(DbSession &session, int me,
                                                               int friendId);

//! Applies \a update to my settings row for \a friendId; false when I have no such row.
Result<bool> updateFriendSettings(DbSession &session, int me, int friendId,
                                  const Core::FriendSettingsUpdate &update);

//! Ends the friendship in one transaction: both settings rows, the Friends row, and a DelFriend
//! notify from me to \a friendId, which is returned. PermissionDenied when we are not friends.
Result<Core::StoredNotify> deleteFriendship(DbSession &session, int me, int friendId);

//! Stores a friend request from me to \a target (D-16, D-17): NotFound for an unknown target,
//! PermissionDenied when already friends, Conflict when one from me to them is still pending.
Result<Core::StoredNotify> createFriendRequest(DbSession &session, int me, int target,
                                               const QVariant &remark, const QVariant &ext);

//! Answers the AddFriend request \a notifyId addressed to me (D-23): NotFound when unknown or
//! already answered, PermissionDenied when it is not mine or we are already friends. Agreeing
//! stores the friendship and both settings rows in the same transaction. Returns the updated row.
Result<Core::StoredNotify> answerFriendRequest(DbSession &session, int me, const QString &notifyId,
                                               bool agree);

//! The AddFriend requests I sent, newest first, at most \a limit, with their current status
//! (D-44: a requester sees answers given while it was offline).
Result<QList<Core::StoredNotify>> sentFriendRequests(DbSession &session, int me, int limit = 100);

} // namespace Im::Store
