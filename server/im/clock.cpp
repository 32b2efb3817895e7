#include "im/clock.h"

#include <QDateTime>
#include <QTimer>

namespace Im::Core {

namespace {

class SystemClock final : public Clock
{
public:
    qint64 wallMs() const override { return QDateTime::currentMSecsSinceEpoch(); }
    TimePoint now() const override { return std::chrono::steady_clock::now(); }
    void callAfter(std::chrono::milliseconds delay, QObject *context,
                   std::function<void()> call) override
    {
        QTimer::singleShot(delay, context, std::move(call));
    }
};

} // namespace

Clock &Clock::system()
{
    static SystemClock clock;
    return clock;
}

} // namespace Im::Core
