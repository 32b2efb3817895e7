#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QVariant>

#include <optional>

namespace Im::Core {

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

//! A group with its member count and, when loaded, its members as UserPublic objects
//! (`{id, account, avatar, email, regisTime, updateTime, roleId}`).
struct Group
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

//! What a new group is made of; its creator is the signed-in user, not part of the request.
struct NewGroup
{
    QString name;
    QVariant avatar; //!< null or string
    int type = basicGroup;
    QList<int> members; //!< besides the creator
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

} // namespace Im::Core
