#include "app/systemdnotifier.h"

#include <chrono>
#include <systemd/sd-daemon.h>

using namespace Qt::StringLiterals;

namespace Im::App {

SystemdNotifier::SystemdNotifier(QObject *parent)
    : QObject(parent)
{
    uint64_t watchdogMicroseconds = 0;
    if (sd_watchdog_enabled(0, &watchdogMicroseconds) <= 0 || watchdogMicroseconds == 0)
        return;
    // Half the limit, as sd_watchdog_enabled(3) advises: one late tick is not yet a restart.
    m_watchdog.setInterval(std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::microseconds(watchdogMicroseconds / 2)));
    connect(&m_watchdog, &QTimer::timeout, this, [] { notify("WATCHDOG=1"); });
    m_watchdog.start();
}

void SystemdNotifier::ready(const QString &status)
{
    notify("READY=1\nSTATUS=" + status.toUtf8());
}

void SystemdNotifier::stopping(const QString &status)
{
    notify("STOPPING=1\nSTATUS=" + status.toUtf8());
}

void SystemdNotifier::status(const QString &status)
{
    notify("STATUS=" + status.toUtf8());
}

void SystemdNotifier::notify(const QByteArray &state)
{
    // A datagram to a local socket that systemd reads; without NOTIFY_SOCKET it returns 0 at once.
    sd_notify(0, state.constData());
}

} // namespace Im::App
