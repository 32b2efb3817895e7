#pragma once

#include <QtGlobal>

#include <chrono>
#include <functional>

class QObject;

namespace Im::Core {

//! Time as the messaging domain sees it: the wall clock for figures, a monotonic clock for
//! durations, and deferred calls for retries, flushes and batching. Tests drive a fake one, so
//! backoff and flush timing are checked without waiting. Network thread.
class Clock
{
public:
    using TimePoint = std::chrono::steady_clock::time_point;

    virtual ~Clock() = default;

    //! Milliseconds since the epoch.
    [[nodiscard]] virtual qint64 wallMs() const = 0;
    [[nodiscard]] virtual TimePoint now() const = 0;
    //! Calls \a call once, \a delay from now, unless \a context was destroyed first.
    virtual void callAfter(std::chrono::milliseconds delay, QObject *context,
                           std::function<void()> call) = 0;

    //! The real clock, on Qt's timers.
    [[nodiscard]] static Clock &system();
};

} // namespace Im::Core
