#include "http/coalescingtcpsocket.h"

#include <cerrno>
#include <sys/socket.h>
#include <utility>

namespace Im::Http {

namespace {

// A write at least this large goes to QTcpSocket as it is: it shares the caller's QByteArray
// instead of being copied, and one write of this size is worth its own send.
constexpr qint64 passThroughSize = 16 * 1024;

} // namespace

qint64 CoalescingTcpSocket::bytesToWrite() const
{
    return m_gathered.size() + QTcpSocket::bytesToWrite();
}

void CoalescingTcpSocket::disconnectFromHost()
{
    handOverGathered();
    // When the kernel holds everything written, the close lingers (see LingeringClose); with data
    // still queued here, QTcpSocket writes it and closes as it always did.
    // Once: the first call leaves the connected state.
    if (state() == ConnectedState) {
        flush();
        if (QTcpSocket::bytesToWrite() == 0)
            LingeringClose::start(socketDescriptor(), m_lingering);
    }
    QTcpSocket::disconnectFromHost();
}

qint64 CoalescingTcpSocket::writeData(const char *data, qint64 size)
{
    // Behind a queue (back-pressure), while closing or large: QTcpSocket's own path, in order.
    if (state() != ConnectedState || QTcpSocket::bytesToWrite() > 0 || size >= passThroughSize) {
        handOverGathered();
        return QTcpSocket::writeData(data, size);
    }
    m_gathered.append(data, size);
    if (!m_sendQueued) {
        m_sendQueued = true;
        QMetaObject::invokeMethod(this, &CoalescingTcpSocket::sendGathered, Qt::QueuedConnection);
    }
    return size;
}

void CoalescingTcpSocket::sendGathered()
{
    m_sendQueued = false;
    if (m_gathered.isEmpty())
        return;
    qint64 sent = 0;
    if (state() == ConnectedState && QTcpSocket::bytesToWrite() == 0) {
        const int descriptor = int(socketDescriptor());
        while (sent < m_gathered.size()) {
            const ssize_t n = ::send(descriptor, m_gathered.constData() + sent,
                                     size_t(m_gathered.size() - sent), MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n > 0)
                sent += n;
            else if (n < 0 && errno == EINTR)
                continue;
            else
                break; // full (EAGAIN) or failed: QTcpSocket queues the rest or reports the error
        }
    }
    if (sent < m_gathered.size())
        QTcpSocket::writeData(m_gathered.constData() + sent, m_gathered.size() - sent);
    m_gathered = QByteArray(); // nothing kept between passes
    if (sent > 0)
        Q_EMIT bytesWritten(sent);
}

void CoalescingTcpSocket::handOverGathered()
{
    if (m_gathered.isEmpty())
        return;
    const QByteArray gathered = std::exchange(m_gathered, QByteArray());
    QTcpSocket::writeData(gathered.constData(), gathered.size());
}

} // namespace Im::Http
