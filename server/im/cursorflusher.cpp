#include "im/cursorflusher.h"

#include "im/futures.h"
#include "im/messagestore.h"

#include <QLoggingCategory>

namespace Im::Core {

namespace {

Q_LOGGING_CATEGORY(lcCursors, "im.delivery.cursors")

} // namespace

CursorFlusher::CursorFlusher(CursorStore &store, Clock &clock, Settings settings, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_clock(clock)
    , m_settings(settings)
{ }

void CursorFlusher::note(int userId, const QString &deviceId, qint64 cursor)
{
    qint64 &dirty = m_dirty[{ userId, deviceId }];
    dirty = std::max(dirty, cursor);
    if (!m_flushing)
        schedule(m_settings.delay);
}

QFuture<Result<qint64>> CursorFlusher::acknowledge(int userId, const QString &deviceId, qint64 id)
{
    return thenOn(m_store.acknowledgeUpTo(userId, deviceId, id), this,
                  [this, userId, deviceId](Result<qint64> stored) -> Result<qint64> {
                      if (!stored)
                          return stored;
                      return std::max(stored.value(), unwritten(userId, deviceId));
                  });
}

qint64 CursorFlusher::unwritten(int userId, const QString &deviceId) const
{
    return m_dirty.value({ userId, deviceId });
}

void CursorFlusher::schedule(std::chrono::milliseconds delay)
{
    if (m_scheduled)
        return;
    m_scheduled = true;
    m_clock.callAfter(delay, this, [this] {
        m_scheduled = false;
        flush();
    });
}

void CursorFlusher::flush()
{
    if (m_flushing || m_dirty.isEmpty())
        return;
    QList<DeliveryCursor> cursors;
    cursors.reserve(m_dirty.size());
    for (auto it = m_dirty.cbegin(); it != m_dirty.cend(); ++it)
        cursors.append({ it.key().first, it.key().second, it.value() });
    m_flushing = true;
    whenFinished(m_store.raise(cursors), this, [this, cursors](Result<void> done) {
        m_flushing = false;
        if (done) {
            // Only what did not advance again meanwhile is clean now.
            for (const DeliveryCursor &cursor : cursors) {
                const auto key = std::pair(cursor.userId, cursor.deviceId);
                if (m_dirty.value(key) == cursor.lastAck)
                    m_dirty.remove(key);
            }
        } else {
            qCWarning(lcCursors).noquote() << "cannot write cursors:" << done.error().message;
        }
        if (!m_dirty.isEmpty())
            schedule(done ? m_settings.delay : m_settings.retryDelay);
    });
}

} // namespace Im::Core
