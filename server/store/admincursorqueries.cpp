#include "store/admincursorqueries.h"

#include "store/messagequeries.h"

#include <QMap>

#include <algorithm>
#include <tuple>

using namespace Qt::StringLiterals;

namespace Im::Store {

namespace {

constexpr int singleChat = 1;
constexpr int groupChat = 2;

Result<std::optional<QString>> accountOf(DbSession &session, int userId)
{
    // A deleted account keeps its row but has no account name: it is no user any more.
    auto account = session.scalar(
        u"SELECT `account` FROM `Users` WHERE `id` = ? AND `account` IS NOT NULL"_s, { userId });
    if (!account)
        return account.error();
    if (account.value().isNull())
        return std::optional<QString>();
    return std::optional<QString>(account.value().toString());
}

// The newest message id the user can see (visibleMessagesAfter()'s rule), 0 when none: one
// index lookup per branch and per group.
Result<qint64> newestVisibleId(DbSession &session, int userId)
{
    auto newest = session.scalar(
        u"SELECT COALESCE(MAX(v.`newest`), 0) FROM ("
        "SELECT (SELECT m.`id` FROM `Messages` m WHERE m.`groupId` IS NULL AND m.`receiver` = ? "
        "ORDER BY m.`id` DESC LIMIT 1) AS `newest` "
        "UNION ALL SELECT (SELECT m.`id` FROM `Messages` m WHERE m.`groupId` IS NULL AND "
        "m.`sender` = ? AND m.`receiver` <> ? ORDER BY m.`id` DESC LIMIT 1) "
        "UNION ALL SELECT (SELECT m.`id` FROM `Messages` m WHERE m.`groupId` = gm.`groupId` AND "
        "m.`id` > gm.`joinedAfter` ORDER BY m.`id` DESC LIMIT 1) FROM `Members` gm WHERE "
        "gm.`userId` = ?) v"_s,
        { userId, userId, userId, userId });
    if (!newest)
        return newest.error();
    return newest.value().toLongLong();
}

// Messages above \a lastAck, per conversation and in all, counting at most \a atMost.
Result<void> countAckLag(DbSession &session, int userId, qint64 atMost, DeviceCursorState &device)
{
    auto counts = countVisibleMessagesByConversation(session, userId, device.lastAck, atMost + 1);
    if (!counts)
        return counts.error();
    qint64 total = 0;
    for (const qint64 count : std::as_const(counts.value()))
        total += count;
    device.ackLagCapped = total > atMost;
    device.ackLag = std::min(total, atMost);
    device.ackLagByConversation = counts.value();
    return {};
}

// The stored cursors of \a userId merged with the live ones: live devices always, stored ones
// (most recently updated first) up to the limit. Sets \a truncated when some were left out.
Result<QMap<QString, qint64>> deviceCursors(DbSession &session, int userId, const LiveCursors &live,
                                            int maxDevices, bool *truncated)
{
    QMap<QString, qint64> cursors;
    for (auto it = live.cbegin(); it != live.cend(); ++it) {
        if (it.key().first != userId)
            continue;
        if (cursors.size() < maxDevices)
            cursors.insert(it.key().second, it.value());
        else
            *truncated = true;
    }
    auto rows = session.query(u"SELECT `deviceId`, `lastAck` FROM `DeliveryCursors` WHERE "
                              "`userId` = ? ORDER BY `updatedAt` DESC, `deviceId` LIMIT ?"_s,
                              { userId, maxDevices + qsizetype(cursors.size()) + 1 });
    if (!rows)
        return rows.error();
    while (rows.value().next()) {
        const QString deviceId = rows.value().value(0).toString();
        const qint64 lastAck = rows.value().value(1).toLongLong();
        if (const auto known = cursors.find(deviceId); known != cursors.end())
            known.value() = std::max(known.value(), lastAck);
        else if (cursors.size() < maxDevices)
            cursors.insert(deviceId, lastAck);
        else
            *truncated = true;
    }
    return cursors;
}

// The seq of the newest message of \a conversationId with id <= \a id, 0 when none. Walks the
// conversation down from its newest message, so it costs what is above \a id.
Result<qint64> seqAtOrBelow(DbSession &session, int conversationId, qint64 id)
{
    auto seq = session.scalar(u"SELECT `seq` FROM `Messages` WHERE `conversationId` = ? AND "
                              "`id` <= ? ORDER BY `seq` DESC LIMIT 1"_s,
                              { conversationId, id });
    if (!seq)
        return seq.error();
    return seq.value().toLongLong();
}

// The user's conversations, the most recently active first, with their read positions.
Result<QList<ConversationCursorState>> conversationStates(DbSession &session, int userId,
                                                          int maxConversations, bool *truncated)
{
    // readKey: the MessageReads row of a conversation is (sender = peer or group, receiver = me).
    auto rows = session.query(
        u"SELECT v.`conversationId`, v.`peerId`, v.`groupId`, v.`visibleAfter`, c.`maxSeq`, "
        "(SELECT m.`id` FROM `Messages` m WHERE m.`conversationId` = c.`id` AND m.`seq` = "
        "c.`maxSeq`) AS `newestId`, COALESCE(r.`lastRead`, 0), (SELECT m.`seq` FROM `Messages` m "
        "WHERE m.`id` = r.`lastRead` AND m.`conversationId` = c.`id`), (SELECT m.`id` FROM "
        "`Messages` m WHERE m.`conversationId` = c.`id` AND m.`seq` = 1) FROM ("
        "SELECT `id` AS `conversationId`, `peerB` AS `peerId`, 0 AS `groupId`, 0 AS "
        "`visibleAfter`, `peerB` AS `readKey` FROM `Conversations` WHERE `kind` = ? AND "
        "`peerA` = ? "
        "UNION ALL SELECT `id`, `peerA`, 0, 0, `peerA` FROM `Conversations` WHERE `kind` = ? AND "
        "`peerB` = ? "
        "UNION ALL SELECT g.`id`, 0, gm.`groupId`, gm.`joinedAfter`, gm.`groupId` FROM `Members` "
        "gm JOIN `Conversations` g ON g.`kind` = ? AND g.`peerA` = gm.`groupId` AND g.`peerB` = 0 "
        "WHERE gm.`userId` = ?) v JOIN `Conversations` c ON c.`id` = v.`conversationId` "
        "LEFT JOIN `MessageReads` r ON r.`sender` = v.`readKey` AND r.`receiver` = ? "
        "ORDER BY `newestId` DESC, v.`conversationId` LIMIT ?"_s,
        { singleChat, userId, singleChat, userId, groupChat, userId, userId,
          maxConversations + 1 });
    if (!rows)
        return rows.error();
    struct Row
    {
        ConversationCursorState state;
        qint64 visibleAfter = 0;
        qint64 newest = 0;
        QVariant lastReadSeq;
        qint64 first = 0;
    };
    QList<Row> found;
    while (rows.value().next()) {
        if (found.size() == maxConversations) {
            *truncated = true;
            break;
        }
        const QSqlQuery &row = rows.value();
        Row each;
        each.state.conversationId = row.value(0).toInt();
        each.state.peerId = row.value(1).toInt();
        each.state.groupId = row.value(2).toInt();
        each.visibleAfter = row.value(3).toLongLong();
        each.state.newestSeq = row.value(4).toLongLong();
        each.newest = row.value(5).toLongLong();
        each.state.lastReadId = row.value(6).toLongLong();
        each.lastReadSeq = row.value(7);
        each.first = row.value(8).toLongLong();
        found.append(each);
    }
    rows.value().finish();

    QList<ConversationCursorState> states;
    states.reserve(found.size());
    for (Row &each : found) {
        ConversationCursorState &state = each.state;
        // A member sees a group's messages after joinedAfter; the earlier ones count as read.
        state.newestId = each.newest > each.visibleAfter ? each.newest : 0;
        const qint64 readUpTo = std::max(state.lastReadId, each.visibleAfter);
        if (state.newestId == 0 || readUpTo >= each.newest) {
            state.lastReadSeq = state.newestSeq;
        } else if (readUpTo < each.first) {
            state.lastReadSeq = 0;
        } else if (readUpTo == state.lastReadId && !each.lastReadSeq.isNull()) {
            state.lastReadSeq = each.lastReadSeq.toLongLong();
        } else {
            auto seq = seqAtOrBelow(session, state.conversationId, readUpTo);
            if (!seq)
                return seq.error();
            state.lastReadSeq = seq.value();
        }
        states.append(state);
    }
    return states;
}

// Whether the device of cursor row `dc` has a visible message above its cursor: the branches of
// visibleMessagesAfter(), each an index probe. Every device gets a row when it first attaches, so
// idle devices at 0 would otherwise crowd the candidates out.
constexpr QLatin1StringView hasWaitingSql {
    "(EXISTS (SELECT 1 FROM `Messages` m WHERE m.`groupId` IS NULL AND m.`receiver` = dc.`userId` "
    "AND m.`id` > dc.`lastAck`) OR EXISTS (SELECT 1 FROM `Messages` m WHERE m.`groupId` IS NULL "
    "AND m.`sender` = dc.`userId` AND m.`receiver` <> dc.`userId` AND m.`id` > dc.`lastAck`) OR "
    "EXISTS (SELECT 1 FROM `Members` gm JOIN `Messages` m ON m.`groupId` = gm.`groupId` AND "
    "m.`id` > gm.`joinedAfter` AND m.`id` > dc.`lastAck` WHERE gm.`userId` = dc.`userId`))"
};

// When message \a id was stored, in UTC; invalid when it is gone.
Result<QDateTime> storedAt(DbSession &session, qint64 id)
{
    auto created = session.scalar(u"SELECT `createdAt` FROM `Messages` WHERE `id` = ?"_s, { id });
    if (!created)
        return created.error();
    // MariaDB hands a QDateTime, SQLite the text; both are wall time in the session's zone.
    const QDateTime wall = created.value().typeId() == QMetaType::QDateTime
        ? created.value().toDateTime()
        : QDateTime::fromString(created.value().toString(), u"yyyy-MM-dd HH:mm:ss"_s);
    if (!wall.isValid())
        return QDateTime();
    return QDateTime(wall.date(), wall.time(), session.timeZone()).toUTC();
}

// The stored cursors below the newest message, lowest first, at most \a candidates of them.
Result<QList<StuckDevice>> stuckCandidates(DbSession &session, qint64 newest, int candidates,
                                           bool *truncated)
{
    auto rows = session.query(
        u"SELECT dc.`userId`, u.`account`, dc.`deviceId`, dc.`lastAck` FROM `DeliveryCursors` dc "
        "JOIN `Users` u ON u.`id` = dc.`userId` AND u.`account` IS NOT NULL WHERE dc.`lastAck` "
        "< ? AND %1 ORDER BY dc.`lastAck`, dc.`userId`, dc.`deviceId` LIMIT ?"_s.arg(hasWaitingSql),
        { newest, candidates + 1 });
    if (!rows)
        return rows.error();
    QList<StuckDevice> found;
    while (rows.value().next()) {
        if (found.size() == candidates) {
            *truncated = true;
            break;
        }
        StuckDevice device;
        device.userId = rows.value().value(0).toInt();
        device.account = rows.value().value(1).toString();
        device.deviceId = rows.value().value(2).toString();
        device.lastAck = rows.value().value(3).toLongLong();
        found.append(device);
    }
    rows.value().finish();
    return found;
}

} // namespace

Result<std::optional<UserCursorReport>> userCursorReport(DbSession &session, int userId,
                                                         const LiveCursors &live,
                                                         const CursorReportLimits &limits)
{
    using Report = std::optional<UserCursorReport>;
    auto account = accountOf(session, userId);
    if (!account)
        return account.error();
    if (!account.value())
        return Report();
    UserCursorReport report;
    report.userId = userId;
    report.account = *account.value();
    auto newest = newestVisibleId(session, userId);
    if (!newest)
        return newest.error();
    report.newestId = newest.value();
    auto conversations =
        conversationStates(session, userId, limits.conversations, &report.truncated);
    if (!conversations)
        return conversations.error();
    report.conversations = conversations.value();
    auto cursors = deviceCursors(session, userId, live, limits.devices, &report.truncated);
    if (!cursors)
        return cursors.error();
    for (auto it = cursors.value().cbegin(); it != cursors.value().cend(); ++it) {
        DeviceCursorState device;
        device.deviceId = it.key();
        device.lastAck = it.value();
        if (auto counted = countAckLag(session, userId, limits.countedMessages, device); !counted)
            return counted.error();
        report.truncated = report.truncated || device.ackLagCapped;
        report.devices.append(device);
    }
    return Report(report);
}

Result<QList<LaggingDevice>> laggingDevices(DbSession &session, int limit, const LiveCursors &live,
                                            const LaggingLimits &limits)
{
    auto newest = newestMessageId(session);
    if (!newest)
        return newest.error();
    // Only a cursor below the newest message can have anything above it.
    auto rows = session.query(
        u"SELECT dc.`userId`, u.`account`, dc.`deviceId`, dc.`lastAck` FROM `DeliveryCursors` dc "
        "JOIN `Users` u ON u.`id` = dc.`userId` AND u.`account` IS NOT NULL WHERE dc.`lastAck` "
        "< ? AND %1 ORDER BY dc.`lastAck`, dc.`userId`, dc.`deviceId` LIMIT ?"_s.arg(hasWaitingSql),
        { newest.value(), limits.candidates });
    if (!rows)
        return rows.error();
    QList<LaggingDevice> candidates;
    while (rows.value().next()) {
        LaggingDevice device;
        device.userId = rows.value().value(0).toInt();
        device.account = rows.value().value(1).toString();
        device.deviceId = rows.value().value(2).toString();
        device.lastAck = std::max(rows.value().value(3).toLongLong(),
                                  live.value({ device.userId, device.deviceId }, 0));
        candidates.append(device);
    }
    rows.value().finish();

    QList<LaggingDevice> lagging;
    for (LaggingDevice &candidate : candidates) {
        DeviceCursorState state;
        state.lastAck = candidate.lastAck;
        if (auto counted = countAckLag(session, candidate.userId, limits.countedMessages, state);
            !counted) {
            return counted.error();
        }
        candidate.ackLag = state.ackLag;
        candidate.ackLagCapped = state.ackLagCapped;
        if (candidate.ackLag > 0)
            lagging.append(candidate);
    }
    std::sort(lagging.begin(), lagging.end(), [](const LaggingDevice &a, const LaggingDevice &b) {
        if (a.ackLag != b.ackLag)
            return a.ackLag > b.ackLag;
        if (a.userId != b.userId)
            return a.userId < b.userId;
        return a.deviceId < b.deviceId;
    });
    lagging.resize(std::min<qsizetype>(lagging.size(), limit));
    QHash<int, qint64> newestOf;
    for (LaggingDevice &device : lagging) {
        if (!newestOf.contains(device.userId)) {
            auto userNewest = newestVisibleId(session, device.userId);
            if (!userNewest)
                return userNewest.error();
            newestOf.insert(device.userId, userNewest.value());
        }
        device.newestId = newestOf.value(device.userId);
    }
    return lagging;
}

Result<StuckBoard> stuckDevices(DbSession &session, int limit, const LiveCursors &live,
                                const StuckLimits &limits)
{
    auto newest = newestMessageId(session);
    if (!newest)
        return newest.error();
    StuckBoard board;
    auto candidates = stuckCandidates(session, newest.value(), limits.candidates, &board.truncated);
    if (!candidates)
        return candidates.error();
    for (StuckDevice &device : candidates.value()) {
        device.lastAck = std::max(device.lastAck, live.value({ device.userId, device.deviceId }));
        auto first = visibleMessagesAfter(session, device.userId, device.lastAck, 1);
        if (!first)
            return first.error();
        if (first.value().isEmpty())
            continue; // behind the newest message, but none of those is the user's
        device.oldestWaitingId = first.value().first().id;
        auto at = storedAt(session, device.oldestWaitingId);
        if (!at)
            return at.error();
        device.oldestWaitingAt = at.value();
        DeviceCursorState counted;
        counted.lastAck = device.lastAck;
        if (auto done = countAckLag(session, device.userId, limits.countedMessages, counted); !done)
            return done.error();
        device.waiting = counted.ackLag;
        device.waitingCapped = counted.ackLagCapped;
        board.devices.append(device);
    }
    // Ids grow with commit time, so the lowest waiting id is the oldest waiting message.
    std::sort(board.devices.begin(), board.devices.end(),
              [](const StuckDevice &a, const StuckDevice &b) {
                  return std::tie(a.oldestWaitingId, a.userId, a.deviceId)
                      < std::tie(b.oldestWaitingId, b.userId, b.deviceId);
              });
    if (board.devices.size() > limit) {
        board.devices.resize(limit);
        board.truncated = true;
    }
    return board;
}

} // namespace Im::Store
