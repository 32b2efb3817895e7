#pragma once

#include <QObject>
#include <QTimer>

namespace Im::App {

//! Tells systemd how the service is doing (`Type=notify`, through libsystemd's sd_notify):
//! READY=1 once it listens, STOPPING=1 when it drains, a STATUS line for `systemctl status`, and
//! WATCHDOG=1 from the event loop at half the unit's `WatchdogSec`, so a loop that stops turning
//! gets the service restarted. Outside systemd (no NOTIFY_SOCKET) every call does nothing.
class SystemdNotifier : public QObject
{
public:
    explicit SystemdNotifier(QObject *parent = nullptr);

    void ready(const QString &status);
    void stopping(const QString &status);
    void status(const QString &status);

private:
    static void notify(const QByteArray &state);

    QTimer m_watchdog;
};

} // namespace Im::App
