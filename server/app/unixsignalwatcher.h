#pragma once

#include <QObject>

class QSocketNotifier;

namespace Im::App {

//! Turns SIGINT and SIGTERM (shutdown) and SIGHUP (reopen the log files) into Qt signals on the
//! event loop (self-pipe), so they run as ordinary code instead of inside an async-signal handler.
class UnixSignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit UnixSignalWatcher(QObject *parent = nullptr);
    ~UnixSignalWatcher() override;

Q_SIGNALS:
    void terminationRequested(int signalNumber);
    void reopenRequested();

private:
    void onReadable();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace Im::App
