#pragma once

#include "im/result.h"
#include "store/dbsession.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace Im::Store {

//! Bounds of the admin cursor queries: one answer never grows past them.
struct CursorReportLimits
{
    int conversations = 500; //!< per user, the most recently active first
    int devices = 32; //!< per user, the most recently updated cursors first
    qint64 countedMessages = 100000; //!< counted per device; past it ackLag is a lower bound
};

//! One device of a user: its delivery cursor and how many visible messages are above it.
struct DeviceCursorState
{
    QString deviceId;
    qint64 lastAck = 0;
    qint64 ackLag = 0; //!< over all the user's conversations (a lower bound when ackLagCapped)
    bool ackLagCapped = false;
    QHash<int, qint64> ackLagByConversation; //!< conversation id → messages above lastAck
};

//! One conversation of a user as its read position sees it. Seqs are gap-free per conversation,
//! so readLag = newestSeq − lastReadSeq is the number of messages after the read position.
struct ConversationCursorState
{
    int conversationId = 0;
    int peerId = 0; //!< single chat
    int groupId = 0; //!< group chat
    qint64 newestId = 0; //!< newest message the user can see, 0 when none
    qint64 newestSeq = 0;
    qint64 lastReadId = 0; //!< the stored read cursor (a message id)
    //! Seq read up to; a group's messages from before the user joined count as read.
    qint64 lastReadSeq = 0;

    [[nodiscard]] bool isGroup() const { return groupId != 0; }
    [[nodiscard]] qint64 readLag() const { return newestSeq - lastReadSeq; }
};

//! Everything the admin console shows about one user's cursors.
struct UserCursorReport
{
    int userId = 0;
    QString account;
    qint64 newestId = 0; //!< the newest message the user can see, 0 when none
    QList<DeviceCursorState> devices; //!< by deviceId
    QList<ConversationCursorState> conversations; //!< the most recently active first
    bool truncated = false; //!< a limit left conversations or devices out, or capped a count
};

//! Cursors the live delivery channels hold but may not have written yet: (userId, deviceId) →
//! lastAck. A report takes the higher of the stored and the live cursor.
using LiveCursors = QHash<std::pair<int, QString>, qint64>;

//! The cursor report of \a userId, nullopt when there is no such (undeleted) user. Devices are the
//! stored cursors plus the live ones of \a live that have none stored yet.
Result<std::optional<UserCursorReport>> userCursorReport(DbSession &session, int userId,
                                                         const LiveCursors &live,
                                                         const CursorReportLimits &limits = {});

//! A device with messages above its cursor.
struct LaggingDevice
{
    int userId = 0;
    QString account;
    QString deviceId;
    qint64 lastAck = 0;
    qint64 newestId = 0; //!< the newest message the user can see
    qint64 ackLag = 0;
    bool ackLagCapped = false; //!< ackLag is a lower bound
};

//! Bounds of laggingDevices(): the ranking looks at the \a candidates lowest stored cursors with
//! a visible message above them and counts at most \a countedMessages per device.
struct LaggingLimits
{
    int candidates = 200;
    qint64 countedMessages = 10000;
};

//! The \a limit devices with the most visible messages above their cursor, most first (ties by
//! user id, then device id); devices without any are left out.
Result<QList<LaggingDevice>> laggingDevices(DbSession &session, int limit, const LiveCursors &live,
                                            const LaggingLimits &limits = {});

//! A device with visible messages above its cursor, for the stuck-delivery board.
struct StuckDevice
{
    int userId = 0;
    QString account;
    QString deviceId;
    qint64 lastAck = 0;
    qint64 waiting = 0; //!< messages above lastAck (a lower bound when waitingCapped)
    bool waitingCapped = false;
    qint64 oldestWaitingId = 0; //!< the first message above lastAck
    QDateTime oldestWaitingAt; //!< when it was stored (second resolution), UTC
};

//! Bounds of stuckDevices(): it looks at the \a candidates lowest stored cursors with a visible
//! message above them and counts at most \a countedMessages per device.
struct StuckLimits
{
    int candidates = 300;
    qint64 countedMessages = 10000;
};

struct StuckBoard
{
    QList<StuckDevice> devices; //!< the oldest waiting message first
    bool truncated = false; //!< candidates or devices past a limit were left out
};

//! The \a limit devices (stored cursors, so also devices that never acked and are offline) whose
//! oldest waiting message is oldest, ties by user id then device id. \a live raises cursors the
//! channels hold but may not have written yet.
Result<StuckBoard> stuckDevices(DbSession &session, int limit, const LiveCursors &live,
                                const StuckLimits &limits = {});

} // namespace Im::Store
