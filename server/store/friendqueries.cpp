#include "store/friendqueries.h"

#include "store/columnvalues.h"
#include "store/userqueries.h"

#include <QDateTime>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace Im::Store {

namespace {

// Notifies.type and .status (spec §12); the store sits below the core module, so it names them
// itself.
constexpr int addFriend = 1;
constexpr int delFriend = 2;
constexpr int initial = 1;
constexpr int lastPending = 3; // Readed: anything above is answered
constexpr int fulfilled = 4;
constexpr int rejected = 5;

const QString alreadyFriends = u"It's already a friend relationship, don't repeat submit."_s;

Result<Core::StoredNotify> insertNotify(DbSession &session, int type, int sender, int receiver,
                                        const QVariant &remark, const QVariant &ext)
{
    Core::StoredNotify notify;
    notify.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    notify.type = type;
    notify.sender = sender;
    notify.receiver = receiver;
    notify.status = initial;
    notify.timer = QDateTime::currentMSecsSinceEpoch();
    notify.remark = remark;
    notify.ext = ext;
    notify.createdAt = session.now();
    notify.updatedAt = notify.createdAt;
    auto done = session.run(u"INSERT INTO `Notifies` (`id`, `type`, `sender`, `receiver`, "
                            "`status`, `timer`, `remark`, `ext`, `createdAt`, `updatedAt`) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
                            { notify.id, type, sender, receiver, notify.status, notify.timer,
                              remark, ext, notify.createdAt, notify.updatedAt });
    if (!done)
        return done.error();
    return notify;
}

// Serialises concurrent friend operations of one user on MariaDB (the pending-request check and
// the answer are read-then-write); SQLite transactions are serialised already.
Result<void> lockUser(DbSession &session, int userId)
{
    if (!session.isMariaDb())
        return {};
    return session.run(u"SELECT `id` FROM `Users` WHERE `id` = ? FOR UPDATE"_s, { userId });
}

} // namespace

Result<bool> areFriends(DbSession &session, int userId, int otherId)
{
    auto found = session.scalar(u"SELECT COUNT(*) FROM `Friends` WHERE (`userId` = ? AND "
                                "`friendId` = ?) OR (`userId` = ? AND `friendId` = ?)"_s,
                                { userId, otherId, otherId, userId });
    if (!found)
        return found.error();
    return found.value().toInt() > 0;
}

Result<QList<int>> friendIdsOf(DbSession &session, int userId)
{
    auto rows = session.query(u"SELECT `friendId` FROM `Friends` WHERE `userId` = ? "
                              "UNION SELECT `userId` FROM `Friends` WHERE `friendId` = ?"_s,
                              { userId, userId });
    if (!rows)
        return rows.error();
    QSqlQuery &query = rows.value();
    QList<int> ids;
    while (query.next())
        ids.append(query.value(0).toInt());
    return ids;
}

Result<QJsonArray> listFriends(DbSession &session, int me)
{
    // The union keeps both halves on their indexes; the settings are MINE (D-22). A friendship
    // without my settings row (data from the original) still lists, with default settings.
    auto rows = session.query(
        u"SELECT u.`id`, u.`account`, u.`avatar`, u.`email`, u.`regisTime`, u.`updateTime`, "
        "u.`roleId`, s.`remark`, s.`astrolabe`, s.`block`, s.`createdAt`, s.`updatedAt` "
        "FROM (SELECT `friendId` AS `other` FROM `Friends` WHERE `userId` = ? "
        "UNION ALL SELECT `userId` AS `other` FROM `Friends` WHERE `friendId` = ?) f "
        "JOIN `Users` u ON u.`id` = f.`other` "
        "LEFT JOIN `FriendSettings` s ON s.`userId` = ? AND s.`friendId` = f.`other` "
        "ORDER BY u.`id`"_s,
        { me, me, me });
    if (!rows)
        return rows.error();
    QSqlQuery &query = rows.value();
    QJsonArray friends;
    while (query.next()) {
        friends.append(QJsonObject {
            { u"id"_s, query.value(0).toInt() },
            { u"account"_s, query.value(1).toString() },
            { u"avatar"_s, jsonOrNull(textOrNull(query.value(2))) },
            { u"email"_s, jsonOrNull(textOrNull(query.value(3))) },
            { u"regisTime"_s, wireDateOrNull(query.value(4)) },
            { u"updateTime"_s, wireDateOrNull(query.value(5)) },
            { u"roleId"_s,
              query.value(6).isNull() ? QJsonValue(QJsonValue::Null)
                                      : QJsonValue(query.value(6).toInt()) },
            { u"remark"_s, jsonOrNull(textOrNull(query.value(7))) },
            { u"astrolabe"_s, query.value(8).toInt() != 0 },
            { u"block"_s, query.value(9).toInt() != 0 },
            { u"createdAt"_s, wireDateOrNull(query.value(10)) },
            { u"updatedAt"_s, wireDateOrNull(query.value(11)) },
        });
    }
    return friends;
}

Result<std::optional<Core::FriendSettings>> findFriendSettings(DbSession &session, int me,
                                                               int friendId)
{
    auto rows = session.query(u"SELECT `id`, `userId`, `friendId`, `remark`, `astrolabe`, "
                              "`block`, `createdAt`, `updatedAt` FROM `FriendSettings` "
                              "WHERE `userId` = ? AND `friendId` = ?"_s,
                              { me, friendId });
    if (!rows)
        return rows.error();
    QSqlQuery &query = rows.value();
    if (!query.next())
        return std::optional<Core::FriendSettings>();
    Core::FriendSettings settings;
    settings.id = query.value(0).toInt();
    settings.userId = query.value(1).toInt();
    settings.friendId = query.value(2).toInt();
    settings.remark = textOrNull(query.value(3));
    settings.astrolabe = query.value(4).toInt() != 0;
    settings.block = query.value(5).toInt() != 0;
    settings.createdAt = wireDate(query.value(6));
    settings.updatedAt = wireDate(query.value(7));
    return std::optional<Core::FriendSettings>(std::move(settings));
}

Result<bool> updateFriendSettings(DbSession &session, int me, int friendId,
                                  const Core::FriendSettingsUpdate &update)
{
    bool updated = false;
    auto done = session.transaction([&]() -> Result<void> {
        // Existence is checked apart from the UPDATE: MariaDB reports 0 affected rows when the
        // values do not change, which is not "no resources".
        auto exists = session.scalar(u"SELECT `id` FROM `FriendSettings` WHERE `userId` = ? "
                                     "AND `friendId` = ?"_s,
                                     { me, friendId });
        if (!exists)
            return exists.error();
        if (exists.value().isNull())
            return {};
        QString sql = u"UPDATE `FriendSettings` SET `updatedAt` = ?"_s;
        QVariantList values { session.now() };
        if (update.remark) {
            sql += u", `remark` = ?"_s;
            values.append(update.remark->isNull() ? QVariant() : *update.remark);
        }
        if (update.astrolabe) {
            sql += u", `astrolabe` = ?"_s;
            values.append(*update.astrolabe ? 1 : 0);
        }
        if (update.block) {
            sql += u", `block` = ?"_s;
            values.append(*update.block ? 1 : 0);
        }
        sql += u" WHERE `id` = ?"_s;
        values.append(exists.value());
        if (auto run = session.run(sql, values); !run)
            return run.error();
        updated = true;
        return {};
    });
    if (!done)
        return done.error();
    return updated;
}

Result<Core::StoredNotify> deleteFriendship(DbSession &session, int me, int friendId)
{
    Core::StoredNotify notify;
    auto done = session.transaction([&]() -> Result<void> {
        auto friends = areFriends(session, me, friendId);
        if (!friends)
            return friends.error();
        if (!friends.value())
            return makeError(ErrorCode::PermissionDenied, u"Not yet a friendship."_s);
        const QVariantList pair { me, friendId, friendId, me };
        if (auto removed = session.run(u"DELETE FROM `FriendSettings` WHERE (`userId` = ? AND "
                                       "`friendId` = ?) OR (`userId` = ? AND `friendId` = ?)"_s,
                                       pair);
            !removed) {
            return removed.error();
        }
        if (auto removed = session.run(u"DELETE FROM `Friends` WHERE (`userId` = ? AND "
                                       "`friendId` = ?) OR (`userId` = ? AND `friendId` = ?)"_s,
                                       pair);
            !removed) {
            return removed.error();
        }
        auto inserted = insertNotify(session, delFriend, me, friendId, QVariant(), QVariant());
        if (!inserted)
            return inserted.error();
        notify = std::move(inserted.value());
        return {};
    });
    if (!done)
        return done.error();
    return notify;
}

Result<Core::StoredNotify> createFriendRequest(DbSession &session, int me, int target,
                                               const QVariant &remark, const QVariant &ext)
{
    Core::StoredNotify notify;
    auto done = session.transaction([&]() -> Result<void> {
        if (auto locked = lockUser(session, me); !locked)
            return locked.error();
        auto exists = session.scalar(u"SELECT `id` FROM `Users` WHERE `id` = ?"_s, { target });
        if (!exists)
            return exists.error();
        if (exists.value().isNull())
            return makeError(ErrorCode::NotFound, u"No user found with id %1"_s.arg(target));
        auto friends = areFriends(session, me, target);
        if (!friends)
            return friends.error();
        if (friends.value())
            return makeError(ErrorCode::PermissionDenied, alreadyFriends);
        auto pending = session.scalar(u"SELECT COUNT(*) FROM `Notifies` WHERE `sender` = ? AND "
                                      "`receiver` = ? AND `type` = ? AND `status` <= ?"_s,
                                      { me, target, addFriend, lastPending });
        if (!pending)
            return pending.error();
        if (pending.value().toInt() > 0)
            return makeError(ErrorCode::Conflict, u"A friend request is already pending."_s);
        auto inserted = insertNotify(session, addFriend, me, target, remark, ext);
        if (!inserted)
            return inserted.error();
        notify = std::move(inserted.value());
        return {};
    });
    if (!done)
        return done.error();
    return notify;
}

Result<Core::StoredNotify> answerFriendRequest(DbSession &session, int me, const QString &notifyId,
                                               bool agree)
{
    Core::StoredNotify notify;
    auto done = session.transaction([&]() -> Result<void> {
        if (auto locked = lockUser(session, me); !locked)
            return locked.error();
        auto rows = session.query(selectNotifies() + u"WHERE `id` = ?"_s, { notifyId });
        if (!rows)
            return rows.error();
        if (!rows.value().next())
            return makeError(ErrorCode::NotFound, u"Request has expired."_s);
        notify = notifyFrom(rows.value());
        // Only the receiver answers, and only friend requests (D-23).
        if (notify.receiver != me || notify.type != addFriend)
            return makeError(ErrorCode::PermissionDenied, u"Forbidden resource"_s);
        if (notify.status > lastPending)
            return makeError(ErrorCode::NotFound, u"Request has expired."_s);
        auto friends = areFriends(session, me, notify.sender);
        if (!friends)
            return friends.error();
        if (friends.value())
            return makeError(ErrorCode::PermissionDenied, alreadyFriends);

        notify.status = agree ? fulfilled : rejected;
        notify.updatedAt = session.now();
        auto changed = session.execute(u"UPDATE `Notifies` SET `status` = ?, `updatedAt` = ? "
                                       "WHERE `id` = ? AND `status` <= ?"_s,
                                       { notify.status, notify.updatedAt, notify.id, lastPending });
        if (!changed)
            return changed.error();
        if (changed.value() != 1)
            return makeError(ErrorCode::NotFound, u"Request has expired."_s);
        if (!agree)
            return {};

        const QString now = notify.updatedAt;
        auto inserted = session.run(u"INSERT INTO `Friends` (`userId`, `friendId`, `createdAt`, "
                                    "`updatedAt`) VALUES (?, ?, ?, ?)"_s,
                                    { me, notify.sender, now, now });
        if (!inserted) {
            // The pair key: a concurrent answer made us friends first.
            if (inserted.error().code == ErrorCode::Duplicate)
                return makeError(ErrorCode::PermissionDenied, alreadyFriends);
            return inserted.error();
        }
        // Settings left over from the original's data (no Friends row) would block the insert.
        const QVariantList pair { me, notify.sender, notify.sender, me };
        if (auto stale = session.run(u"DELETE FROM `FriendSettings` WHERE (`userId` = ? AND "
                                     "`friendId` = ?) OR (`userId` = ? AND `friendId` = ?)"_s,
                                     pair);
            !stale) {
            return stale.error();
        }
        for (const auto &[owner, other] :
             { std::pair { me, notify.sender }, std::pair { notify.sender, me } }) {
            auto settings = session.run(
                u"INSERT INTO `FriendSettings` (`userId`, `friendId`, `remark`, `astrolabe`, "
                "`block`, `createdAt`, `updatedAt`) VALUES (?, ?, NULL, 0, 0, ?, ?)"_s,
                { owner, other, now, now });
            if (!settings)
                return settings.error();
        }
        // Crossed requests between the two are settled too: left pending, they would block the
        // next request after an unfriending with a 409.
        return session.run(u"UPDATE `Notifies` SET `status` = ?, `updatedAt` = ? WHERE `type` = ? "
                           "AND `status` <= ? AND `id` <> ? AND ((`sender` = ? AND `receiver` = ?) "
                           "OR (`sender` = ? AND `receiver` = ?))"_s,
                           { fulfilled, now, addFriend, lastPending, notify.id, me, notify.sender,
                             notify.sender, me });
    });
    if (!done)
        return done.error();
    return notify;
}

Result<QList<Core::StoredNotify>> sentFriendRequests(DbSession &session, int me, int limit)
{
    auto rows = session.query(selectNotifies()
                                  + u"WHERE `sender` = ? AND `type` = ? "
                                    "ORDER BY `timer` DESC, `createdAt` DESC LIMIT ?"_s,
                              { me, addFriend, limit });
    if (!rows)
        return rows.error();
    QList<Core::StoredNotify> sent;
    while (rows.value().next())
        sent.append(notifyFrom(rows.value()));
    return sent;
}

} // namespace Im::Store
