#pragma once

#include <QJsonObject>
#include <QString>
#include <QVariant>

#include <optional>

namespace Im::Core {

//! What one user keeps about one friend (a `FriendSettings` row): only its owner reads or
//! changes it (D-22).
struct FriendSettings
{
    int id = 0;
    int userId = 0; //!< the owner
    int friendId = 0;
    QVariant remark; //!< null or string
    bool astrolabe = false;
    bool block = false;
    QString createdAt;
    QString updatedAt;

    //! `{id, userId, friendId, remark, astrolabe, block, createdAt, updatedAt}`, booleans as such.
    [[nodiscard]] QJsonObject toJson() const;
};

//! The fields of a settings update that the request carried; absent ones stay unchanged (D-18).
struct FriendSettingsUpdate
{
    std::optional<QVariant> remark; //!< null clears it
    std::optional<bool> astrolabe;
    std::optional<bool> block;

    [[nodiscard]] bool isEmpty() const { return !remark && !astrolabe && !block; }
};

} // namespace Im::Core
