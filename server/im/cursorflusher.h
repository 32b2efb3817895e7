#pragma once

#include "im/clock.h"
#include "im/result.h"

#include <QFuture>
#include <QHash>
#include <QObject>
#include <QString>

#include <chrono>

namespace Im::Core {

class CursorStore;

//! The one owner of the delivery cursors' writes. Gathers the cursors that advanced on live
//! channels and writes them together: one transaction per
//! `delay` however many acks arrived, each cursor with its highest value only (merged), and never
//! lowered (the store raises). A failed write keeps them and tries again after `retryDelay`; a
//! cursor that advanced while its write ran stays to be written next. Network thread.
class CursorFlusher : public QObject
{
    Q_OBJECT
public:
    struct Settings
    {
        std::chrono::milliseconds delay { 50 };
        std::chrono::milliseconds retryDelay { 1000 };
    };

    CursorFlusher(CursorStore &store, Clock &clock, Settings settings, QObject *parent = nullptr);

    //! \a userId's device \a deviceId acknowledged everything up to \a cursor.
    void note(int userId, const QString &deviceId, qint64 cursor);
    //! An acknowledgement from outside a live channel (POST /events/message/received): raises the
    //! stored cursor at once (capped at the newest message) and answers the device's cursor, which
    //! a live channel may have moved further than what is written yet.
    QFuture<Result<qint64>> acknowledge(int userId, const QString &deviceId, qint64 id);
    //! The cursor noted for the device and not written yet, 0 when none.
    [[nodiscard]] qint64 unwritten(int userId, const QString &deviceId) const;
    [[nodiscard]] qsizetype unwrittenCount() const { return m_dirty.size(); }
    //! Writes what is noted now, unless a write is running (it schedules the next itself).
    void flush();

private:
    void schedule(std::chrono::milliseconds delay);

    CursorStore &m_store;
    Clock &m_clock;
    const Settings m_settings;
    QHash<std::pair<int, QString>, qint64> m_dirty;
    bool m_flushing = false;
    bool m_scheduled = false;
};

} // namespace Im::Core
