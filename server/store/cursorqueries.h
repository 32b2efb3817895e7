#pragma once

#include "im/chatmessage.h"
#include "im/result.h"
#include "store/dbsession.h"

#include <QList>
#include <QString>

namespace Im::Store {

//! One device's delivery cursor: every message visible to `userId` with id <= `lastAck` is held
//! by the device `deviceId` ('' for clients that send no deviceid).
using Core::DeliveryCursor;

//! The device's cursor, 0 when it has none yet.
Result<qint64> loadCursor(DbSession &session, int userId, const QString &deviceId);

//! The device's cursor, recording a 0 cursor first when it has none, so a device that never
//! acknowledges anything is still known to the admin views.
Result<qint64> loadOrRecordCursor(DbSession &session, int userId, const QString &deviceId);

//! Raises each cursor to its `lastAck` in one transaction; a cursor never moves backwards, so a
//! stale or repeated write is harmless.
Result<void> raiseCursors(DbSession &session, const QList<DeliveryCursor> &cursors);

//! The client's cumulative ack (`POST /events/message/received`): raises the device's cursor to
//! \a id, but never above the newest message. Returns the cursor after the change.
Result<qint64> acknowledgeUpTo(DbSession &session, int userId, const QString &deviceId, qint64 id);

//! Every cursor of \a userId, by device.
Result<QList<DeliveryCursor>> cursorsOf(DbSession &session, int userId);

} // namespace Im::Store
