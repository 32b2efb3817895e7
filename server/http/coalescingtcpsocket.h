#pragma once

#include "http/lingeringclose.h"

#include <QByteArray>
#include <QTcpSocket>

namespace Im::Http {

//! A QTcpSocket that gathers the writes of one event-loop pass and hands them to the kernel in
//! one send, keeping no buffer between passes. A plain QTcpSocket keeps a 32 KiB write block for
//! good once it has written anything, which made up most of an idle WebSocket session's memory;
//! and QWebSocket writes a frame's header and payload separately, so gathering them also spares
//! a syscall and a TCP segment per frame. Only when the kernel does not take everything does
//! the rest go to QTcpSocket's own buffer, which then keeps the order and the back-pressure.
//! bytesToWrite() counts the gathered bytes, and bytesWritten() is emitted for what was sent.
class CoalescingTcpSocket : public QTcpSocket
{
    Q_OBJECT
public:
    using QTcpSocket::QTcpSocket;

    [[nodiscard]] qint64 bytesToWrite() const override;
    //! Hands the gathered bytes to QTcpSocket first, so they go out before the FIN, and lingers
    //! on the connection when they are all sent (LingeringClose).
    void disconnectFromHost() override;
    //! How a server-side close lingers (the defaults until set).
    void setLingering(const LingeringClose::Limits &limits) { m_lingering = limits; }

protected:
    qint64 writeData(const char *data, qint64 size) override;

private:
    //! Sends what the pass gathered; what the kernel does not take goes to QTcpSocket's buffer.
    void sendGathered();
    //! Moves the gathered bytes into QTcpSocket's buffer, behind what is already there.
    void handOverGathered();

    QByteArray m_gathered;
    bool m_sendQueued = false;
    LingeringClose::Limits m_lingering;
};

} // namespace Im::Http
