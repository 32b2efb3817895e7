#include "http/frontdoor.h"

#include "http/coalescingtcpsocket.h"
#include "http/logging.h"

#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace std::chrono_literals;

namespace Im::Http {

namespace {

enum LogKind { DescriptorsExhausted, TotalCapReached, AddressCapReached };
constexpr auto logInterval = 10s;
// Descriptors kept back from connections for the server's own files, logs and database.
constexpr int reservedDescriptors = 64;
// Connections the kernel may queue before they are accepted.
// How long accepting pauses after the descriptor table was full.
constexpr auto acceptRetry = 250ms;

QHostAddress plainAddress(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4) : address;
}

} // namespace

FrontDoor::FrontDoor(Limits limits, const TrustedProxies &proxies, ConnectionHandler onConnection,
                     QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
    , m_proxies(proxies)
    , m_onConnection(std::move(onConnection))
{ }

FrontDoor::~FrontDoor()
{
    stop();
}

bool FrontDoor::start(const QHostAddress &address, quint16 port)
{
    // The kernel caps it (net.core.somaxconn).
    setListenBacklogSize(m_limits.listenBacklog);
    if (!listen(address, port))
        return false;
    // Connections never take the descriptors that files, logs and the database need.
    rlimit limit {};
    const qint64 budget = getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY
        ? qint64(limit.rlim_cur) - reservedDescriptors
        : qint64(m_limits.maxConnections);
    m_connectionCap = int(std::clamp<qint64>(budget, 1, m_limits.maxConnections));
    // QTcpServer made and bound the socket; accepting is ours (see the class comment).
    pauseAccepting();
    m_acceptNotifier = new QSocketNotifier(socketDescriptor(), QSocketNotifier::Read, this);
    connect(m_acceptNotifier, &QSocketNotifier::activated, this, &FrontDoor::acceptPending);
    return true;
}

void FrontDoor::stop()
{
    delete m_acceptNotifier;
    m_acceptNotifier = nullptr;
    close();
}

void FrontDoor::acceptPending()
{
    for (;;) {
        const int descriptor =
            ::accept4(int(socketDescriptor()), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (descriptor >= 0) {
            take(descriptor);
            continue;
        }
        if (errno == EINTR || errno == ECONNABORTED)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            return;
        onAcceptError(errno);
        return;
    }
}

void FrontDoor::take(int descriptor)
{
    if (m_open >= m_connectionCap) {
        ::close(descriptor);
        if (mayLog(TotalCapReached))
            qCWarning(lcHttp) << "connection refused:" << m_open
                              << "open, the cap (HTTP_MAX_CONNECTIONS, or the descriptor limit"
                              << "less" << reservedDescriptors << "for files and the database)";
        return;
    }
    auto *socket = new CoalescingTcpSocket(this);
    socket->setLingering(m_limits.lingering);
    if (!socket->setSocketDescriptor(descriptor)) {
        qCWarning(lcHttp) << "cannot take connection:" << socket->errorString();
        delete socket;
        ::close(descriptor);
        return;
    }
    const QHostAddress peer = plainAddress(socket->peerAddress());
    const bool exempt = m_proxies.isTrusted(peer);
    if (!exempt && m_perAddress.value(peer) >= m_limits.maxConnectionsPerAddress) {
        if (mayLog(AddressCapReached))
            qCWarning(lcHttp) << "connection from" << peer.toString()
                              << "refused: HTTP_MAX_CONNECTIONS_PER_ADDRESS"
                              << m_limits.maxConnectionsPerAddress << "reached";
        socket->abort();
        socket->deleteLater();
        return;
    }
    ++m_open;
    if (!exempt)
        ++m_perAddress[peer];
    // Counted until the socket is gone, whoever owns it by then (a WebSocket takes it over).
    connect(socket, &QObject::destroyed, this, [this, peer, exempt] {
        --m_open;
        if (exempt)
            return;
        auto it = m_perAddress.find(peer);
        if (it != m_perAddress.end() && --it.value() <= 0)
            m_perAddress.erase(it);
    });
    m_onConnection(socket);
}

void FrontDoor::onAcceptError(int error)
{
    // Mostly out of descriptors (EMFILE, ENFILE): the pending connection stays readable, so
    // polling on would spin. Wait a moment; connections that close meanwhile free descriptors.
    if (mayLog(DescriptorsExhausted))
        qCWarning(lcHttp) << "cannot accept connections:" << strerror(error) << "- retrying every"
                          << acceptRetry.count() << "ms";
    m_acceptNotifier->setEnabled(false);
    QTimer::singleShot(acceptRetry, m_acceptNotifier,
                       [notifier = m_acceptNotifier] { notifier->setEnabled(true); });
}

bool FrontDoor::mayLog(int kind)
{
    QElapsedTimer &last = m_lastLog[kind];
    if (last.isValid() && last.elapsed() < std::chrono::milliseconds(logInterval).count()) {
        ++m_suppressed[kind];
        return false;
    }
    if (m_suppressed[kind] > 0)
        qCInfo(lcHttp) << m_suppressed[kind] << "more of the next line in the last interval";
    m_suppressed[kind] = 0;
    last.start();
    return true;
}

quint64 FrontDoor::raiseDescriptorLimit()
{
    rlimit limit {};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return 0;
    if (limit.rlim_cur < limit.rlim_max) {
        rlimit raised = limit;
        raised.rlim_cur = limit.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0)
            return raised.rlim_cur;
    }
    return limit.rlim_cur;
}

} // namespace Im::Http
