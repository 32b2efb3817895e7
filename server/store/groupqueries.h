#pragma once

#include "im/result.h"
#include "store/dbsession.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QVariant>

#include <optional>

namespace Im::Store {

//! `Groups.type` (spec §8.5, D-24) and how many members each holds; the port enforces the limits
//! the original only wrote down.
inline constexpr int basicGroup = 1;
inline constexpr int bigGroup = 2;
inline constexpr int maxBasicMembers = 200;
inline constexpr int maxBigMembers = 2000;

//! The member limit of a group of \a type.
[[nodiscard]] constexpr int maxMembersFor(int type)
{
    return type == bigGroup ? maxBigMembers : maxBasicMembers;
}

//! A `Groups` row with its member count and, when loaded, its members as UserPublic objects
//! (`{id, account, avatar, email, regisTime, updateTime, roleId}`).
struct GroupRecord
{
    int id = 0;
    QVariant name; //!< null or string (the column allows NULL; the port never writes it)
    QVariant avatar; //!< null or string
    int type = 0;
    int creator = 0;
    QString createdAt; //!< `YYYY-MM-DD HH:mm:ss`
    QString updatedAt;
    int count = 0;
    std::optional<QJsonArray> members; //!< empty when not loaded

    //! `{id, name, avatar, type, creator, createdAt, updatedAt, count}`, plus `members` when
    //! loaded.
    [[nodiscard]] QJsonObject toJson() const;
};

//! The fields of a group update that the request carried (D-11: only these two).
struct GroupUpdate
{
    std::optional<QString> name;
    std::optional<QVariant> avatar; //!< null clears it

    [[nodiscard]] bool isEmpty() const { return !name && !avatar; }
};

//! Who may be put into a group (GROUP_REQUIRE_FRIENDSHIP).
struct GroupRules
{
    //! Only friends of the one who adds them; otherwise anyone could put strangers in a group.
    bool requireFriendship = true;
};

//! Creates a group owned by \a me whose members are \a members plus \a me, in one transaction.
//! PermissionDenied when a member id is no live user or (with \a rules) not my friend, Malformed
//! when the type's limit is passed.
Result<GroupRecord> createGroup(DbSession &session, int me, const QString &name,
                                const QVariant &avatar, int type, const QList<int> &members,
                                GroupRules rules);

//! Deletes the group and its member links. NotFound, or PermissionDenied when I am not the
//! creator.
Result<void> deleteGroup(DbSession &session, int me, int groupId);

//! Applies \a update. NotFound, or PermissionDenied when I am not the creator (D-26).
Result<void> updateGroup(DbSession &session, int me, int groupId, const GroupUpdate &update);

//! Adds the \a members not in the group yet (D-25). NotFound; PermissionDenied when I am not the
//! creator, an id is no live user or (with \a rules) not my friend; Malformed when the limit would
//! be passed.
Result<void> addGroupMembers(DbSession &session, int me, int groupId, const QList<int> &members,
                             GroupRules rules);

//! Removes \a members (ids not in the group are ignored). NotFound; PermissionDenied when I am
//! not the creator; Malformed when the creator is among them.
Result<void> removeGroupMembers(DbSession &session, int me, int groupId, const QList<int> &members);

//! I leave the group. NotFound when there is no such group or I am not in it; Malformed for the
//! creator, who deletes the group instead (a group without its creator has nobody to manage it).
Result<void> leaveGroup(DbSession &session, int me, int groupId);

//! The groups I am a member of with their counts: by name ascending with members loaded, or by
//! name descending without. Two statements at most, however many groups.
Result<QList<GroupRecord>> listMyGroups(DbSession &session, int me, bool withMembers);

//! One group with its members, whoever asks (the cached form of findGroupForMember). NotFound.
Result<GroupRecord> findGroupWithMembers(DbSession &session, int groupId);

//! One group with its members. NotFound, or PermissionDenied when I am not a member (D-26).
Result<GroupRecord> findGroupForMember(DbSession &session, int me, int groupId);

//! Whether \a userId is among the members of \a group (loaded with its members).
[[nodiscard]] bool isGroupMember(const QJsonObject &group, int userId);

//! The ids of the groups \a userId is a member of.
Result<QList<int>> groupIdsOfMember(DbSession &session, int userId);

} // namespace Im::Store
