#include "http/lingeringclose.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <QThread>
#include <QTimer>

#include <array>
#include <atomic>
#include <cerrno>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace Im::Http {

namespace {

std::atomic<int> lingeringCount = 0;

//! The application, when on this thread: what still lingers when it ends is closed with it.
QObject *ownerOnThisThread()
{
    QCoreApplication *application = QCoreApplication::instance();
    return application && application->thread() == QThread::currentThread() ? application : nullptr;
}

} // namespace

bool LingeringClose::start(qintptr descriptor, const Limits &limits)
{
    if (descriptor < 0 || limits.lingerTime.count() <= 0 || lingeringCount >= limits.maxLingering)
        return false;
    const int duplicate = ::fcntl(int(descriptor), F_DUPFD_CLOEXEC, 0);
    if (duplicate < 0)
        return false;
    if (::shutdown(duplicate, SHUT_WR) != 0) {
        ::close(duplicate);
        return false;
    }
    new LingeringClose(duplicate, limits.lingerTime); // deletes itself
    return true;
}

int LingeringClose::lingering()
{
    return lingeringCount;
}

LingeringClose::LingeringClose(int descriptor, std::chrono::milliseconds lingerTime)
    : QObject(ownerOnThisThread())
    , m_descriptor(descriptor)
    , m_notifier(new QSocketNotifier(descriptor, QSocketNotifier::Read, this))
{
    ++lingeringCount;
    connect(m_notifier, &QSocketNotifier::activated, this, &LingeringClose::drain);
    QTimer::singleShot(lingerTime, this, &LingeringClose::end);
}

LingeringClose::~LingeringClose()
{
    m_notifier->setEnabled(false);
    ::close(m_descriptor);
    --lingeringCount;
}

void LingeringClose::drain()
{
    std::array<char, 16384> scratch;
    for (;;) {
        const ssize_t n = ::recv(m_descriptor, scratch.data(), scratch.size(), MSG_DONTWAIT);
        if (n > 0)
            continue;
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        end(); // the client's end (0) or a failure
        return;
    }
}

void LingeringClose::end()
{
    m_notifier->setEnabled(false);
    deleteLater();
}

} // namespace Im::Http
