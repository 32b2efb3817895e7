#pragma once

#include <QObject>

#include <chrono>

class QSocketNotifier;

namespace Im::Http {

//! Closes a TCP connection the way a server should when the client may still be sending: the
//! send side is shut (the client reads everything sent and then the end), and what the client
//! still sends is read and dropped until it closes too or the linger time is over. Closing a
//! socket with unread input makes the kernel answer with a reset, and a reset makes the client
//! drop what it had received and not read yet: the last answers, the acks of a flood, the
//! Socket.IO DISCONNECT of a kick. Works on its own duplicate of the descriptor, so the
//! QTcpSocket closes as usual. Bounded in time and in how many linger at once (settings
//! HTTP_LINGER_MS and HTTP_LINGER_MAX).
class LingeringClose : public QObject
{
public:
    struct Limits
    {
        //! Connections lingering at once, over all sockets; beyond it a close is immediate.
        int maxLingering = 1024;
        //! How long input is read and dropped at most; 0 closes at once.
        std::chrono::milliseconds lingerTime { 2000 };
    };

    //! Shuts the send side of \a descriptor (everything written must be in the kernel already)
    //! and lingers on a duplicate within \a limits; false when it did not (lingering is off or
    //! at its cap, or the descriptor is no longer a connected socket), and then the caller
    //! closes as before.
    static bool start(qintptr descriptor, const Limits &limits);
    //! How many connections linger now.
    [[nodiscard]] static int lingering();

private:
    LingeringClose(int descriptor, std::chrono::milliseconds lingerTime);
    ~LingeringClose() override;

    //! Reads and drops what came; ends at the client's end or a failure.
    void drain();
    void end();

    int m_descriptor;
    QSocketNotifier *m_notifier;
};

} // namespace Im::Http
