#pragma once

#include <QHash>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>

namespace Im::SocketIo {

//! The deadlines of many items (sessions, sockets) behind one timer. A timer per item costs
//! a few hundred bytes of every idle session, and starting or stopping one walks all of the
//! thread's timers: thousands of sessions opening or closing at once took quadratic time.
//!
//! \a Key is hashable (a pointer). onDue runs once per item whose deadline passed, earliest
//! first, after the item left the queue, so it may schedule the item again. An item that goes
//! away cancels its deadline first.
template<typename Key>
class DeadlineQueue
{
public:
    using Clock = std::chrono::steady_clock;

    explicit DeadlineQueue(std::function<void(Key)> onDue, Qt::TimerType type = Qt::CoarseTimer)
        : m_onDue(std::move(onDue))
    {
        m_timer.setSingleShot(true);
        m_timer.setTimerType(type);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { fire(); });
    }

    DeadlineQueue(const DeadlineQueue &) = delete;
    DeadlineQueue &operator=(const DeadlineQueue &) = delete;

    //! Sets \a key's deadline \a wait from now, in place of the one it had.
    void schedule(Key key, std::chrono::milliseconds wait)
    {
        cancel(key);
        const auto due = Clock::now() + std::max(wait, std::chrono::milliseconds(0));
        m_byKey.insert(key, m_byTime.emplace(due, key));
        arm();
    }

    void cancel(Key key)
    {
        const auto it = m_byKey.constFind(key);
        if (it == m_byKey.cend())
            return;
        m_byTime.erase(it.value());
        m_byKey.erase(it);
        // The timer stays armed: restarting it per item is what this class avoids; firing with
        // nothing due only arms it for the next deadline.
    }

    [[nodiscard]] bool contains(Key key) const { return m_byKey.contains(key); }
    [[nodiscard]] qsizetype size() const { return m_byKey.size(); }

private:
    using ByTime = std::multimap<Clock::time_point, Key>;

    void arm()
    {
        if (m_byTime.empty())
            return;
        const auto earliest = m_byTime.begin()->first;
        if (m_timer.isActive() && m_armedFor <= earliest)
            return;
        m_armedFor = earliest;
        const auto wait = std::chrono::ceil<std::chrono::milliseconds>(earliest - Clock::now());
        m_timer.start(std::max(wait, std::chrono::milliseconds(0)));
    }

    void fire()
    {
        const auto now = Clock::now();
        // One at a time: a callback may cancel (end) items that were due as well.
        while (!m_byTime.empty() && m_byTime.begin()->first <= now) {
            const Key key = m_byTime.begin()->second;
            m_byTime.erase(m_byTime.begin());
            m_byKey.remove(key);
            m_onDue(key);
        }
        arm();
    }

    std::function<void(Key)> m_onDue;
    ByTime m_byTime;
    QHash<Key, typename ByTime::iterator> m_byKey;
    QTimer m_timer;
    Clock::time_point m_armedFor;
};

} // namespace Im::SocketIo
