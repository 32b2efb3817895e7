#pragma once

#include <QObject>

class QSocketNotifier;

namespace Im::App {

//! Turns SIGINT and SIGTERM into a Qt signal on the event loop (self-pipe), so shutdown runs as
//! ordinary code instead of inside an async-signal handler.
class UnixSignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit UnixSignalWatcher(QObject *parent = nullptr);
    ~UnixSignalWatcher() override;

Q_SIGNALS:
    void terminationRequested(int signalNumber);

private:
    void onReadable();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace Im::App
