#pragma once

#include "im/group.h"
#include "im/result.h"
#include "store/dbsession.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QVariant>

#include <optional>

namespace Im::Store {

//! Creates a group owned by \a me whose members are \a members plus \a me, in one transaction.
//! PermissionDenied when a member id is no live user or (with \a rules) not my friend, Malformed
//! when the type's limit is passed.
Result<Core::Group> createGroup(DbSession &session, int me, const QString &name,
                                const QVariant &avatar, int type, const QList<int> &members,
                                Core::GroupRules rules);

//! Deletes the group and its member links. NotFound, or PermissionDenied when I am not the
//! creator.
Result<void> deleteGroup(DbSession &session, int me, int groupId);

//! Applies \a update. NotFound, or PermissionDenied when I am not the creator (D-26).
Result<void> updateGroup(DbSession &session, int me, int groupId, const Core::GroupUpdate &update);

//! Adds the \a members not in the group yet (D-25). NotFound; PermissionDenied when I am not the
//! creator, an id is no live user or (with \a rules) not my friend; Malformed when the limit would
//! be passed.
Result<void> addGroupMembers(DbSession &session, int me, int groupId, const QList<int> &members,
                             Core::GroupRules rules);

//! Removes \a members (ids not in the group are ignored). NotFound; PermissionDenied when I am
//! not the creator; Malformed when the creator is among them.
Result<void> removeGroupMembers(DbSession &session, int me, int groupId, const QList<int> &members);

//! I leave the group. NotFound when there is no such group or I am not in it; Malformed for the
//! creator, who deletes the group instead (a group without its creator has nobody to manage it).
Result<void> leaveGroup(DbSession &session, int me, int groupId);

//! The groups I am a member of with their counts: by name ascending with members loaded, or by
//! name descending without. Two statements at most, however many groups.
Result<QList<Core::Group>> listMyGroups(DbSession &session, int me, bool withMembers);

//! One group with its members, whoever asks (the cached form of findGroupForMember). NotFound.
Result<Core::Group> findGroupWithMembers(DbSession &session, int groupId);

//! One group with its members. NotFound, or PermissionDenied when I am not a member (D-26).
Result<Core::Group> findGroupForMember(DbSession &session, int me, int groupId);

//! Whether \a userId is among the members of \a group (loaded with its members).
[[nodiscard]] bool isGroupMember(const QJsonObject &group, int userId);

//! The ids of the groups \a userId is a member of.
Result<QList<int>> groupIdsOfMember(DbSession &session, int userId);

} // namespace Im::Store
