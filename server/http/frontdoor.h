#pragma once

#include "http/lingeringclose.h"
#include "http/trustedproxies.h"

#include <QElapsedTimer>
#include <QHash>
#include <QSocketNotifier>
#include <QTcpServer>

#include <functional>

class QTcpSocket;

namespace Im::Http {

//! The listening socket. It caps open connections in total (below the descriptor limit, so the
//! server's own files and database always have descriptors) and per client address (trusted
//! proxies are exempt: all their clients share their address), closing the ones over the cap at
//! once, and it survives a full descriptor table. It accepts by itself: Qt 6.4's QTcpServer
//! treats EMFILE as temporary and keeps polling the still-readable socket, a busy loop at 100%
//! of a core; this pauses for a moment instead and logs it once per interval.
class FrontDoor : public QTcpServer
{
    Q_OBJECT
public:
    struct Limits
    {
        int maxConnections = 10'000;
        int maxConnectionsPerAddress = 256;
        //! Qt's default (50) overflows under a burst of connections; the kernel then drops
        //! handshakes and clients wait seconds for retransmissions.
        int listenBacklog = 1024;
        //! How a connection the server closes lingers (its sockets' LingeringClose).
        LingeringClose::Limits lingering;
    };
    using ConnectionHandler = std::function<void(QTcpSocket *)>;

    FrontDoor(Limits limits, const TrustedProxies &proxies, ConnectionHandler onConnection,
              QObject *parent = nullptr);

    ~FrontDoor() override;

    //! Listens on \a address:\a port; false with errorString() on failure.
    bool start(const QHostAddress &address, quint16 port);
    //! Stops accepting and closes the listening socket; open connections stay.
    void stop();
    [[nodiscard]] int openConnections() const { return m_open; }

    //! Raises this process's soft limit of open descriptors to its hard limit; returns the limit
    //! now in force.
    static quint64 raiseDescriptorLimit();

private:
    void acceptPending();
    void take(int descriptor);
    void onAcceptError(int error);
    //! True when a line about \a what may be logged now (at most one per interval per kind).
    bool mayLog(int kind);

    Limits m_limits;
    const TrustedProxies &m_proxies;
    ConnectionHandler m_onConnection;
    int m_connectionCap = 0; //!< maxConnections, or less when descriptors are fewer
    int m_open = 0;
    QHash<QHostAddress, int> m_perAddress;
    QSocketNotifier *m_acceptNotifier = nullptr;
    QElapsedTimer m_lastLog[3];
    int m_suppressed[3] = {};
};

} // namespace Im::Http
