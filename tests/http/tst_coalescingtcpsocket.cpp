#include "http/coalescingtcpsocket.h"
#include "http/lingeringclose.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <array>
#include <cerrno>
#include <memory>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Im::Http;

namespace {

//! Accepts into CoalescingTcpSockets, as FrontDoor does.
class Listener : public QTcpServer
{
protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new CoalescingTcpSocket(this);
        if (socket->setSocketDescriptor(descriptor))
            addPendingConnection(socket);
        else
            delete socket;
    }
};

} // namespace

//! The server side's socket, as FrontDoor makes it, and a plain client socket as its peer, over
//! loopback.
class TestCoalescingTcpSocket : public QObject
{
    Q_OBJECT

private:
    Listener m_listener;
    std::unique_ptr<CoalescingTcpSocket> m_socket;
    std::unique_ptr<QTcpSocket> m_peer;

    //! Reads from the peer until \a size bytes came or the connection ended.
    QByteArray readAtPeer(qint64 size)
    {
        QByteArray received;
        (void)QTest::qWaitFor(
            [&] {
                received += m_peer->readAll();
                return received.size() >= size
                    || m_peer->state() == QAbstractSocket::UnconnectedState;
            },
            20000);
        return received + m_peer->readAll();
    }

    //! Bytes that arrived on \a descriptor and nobody read yet.
    static int unreadInKernel(int descriptor)
    {
        int unread = 0;
        return ::ioctl(descriptor, FIONREAD, &unread) == 0 ? unread : -1;
    }

    static QByteArray pattern(int index, int size)
    {
        return QByteArray(size, char('a' + index % 26));
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_listener.listen(QHostAddress::LocalHost));
        m_peer = std::make_unique<QTcpSocket>();
        m_peer->connectToHost(QHostAddress::LocalHost, m_listener.serverPort());
        QVERIFY(m_listener.waitForNewConnection(5000));
        auto *accepted = qobject_cast<CoalescingTcpSocket *>(m_listener.nextPendingConnection());
        QVERIFY(accepted);
        accepted->setParent(nullptr);
        m_socket.reset(accepted);
        QTRY_COMPARE(m_peer->state(), QAbstractSocket::ConnectedState);
    }

    void cleanup()
    {
        m_socket.reset();
        m_peer.reset();
        m_listener.close();
    }

    void gathersThePassAndReportsItWritten()
    {
        QSignalSpy written(m_socket.get(), &QIODevice::bytesWritten);
        QCOMPARE(m_socket->write("one,"), 4);
        QCOMPARE(m_socket->write("two,"), 4);
        QCOMPARE(m_socket->write(QByteArray("three")), 5);
        // Gathered, not sent yet: counted as waiting to be written.
        QCOMPARE(m_socket->bytesToWrite(), 13);
        QCOMPARE(readAtPeer(13), QByteArray("one,two,three"));
        QCOMPARE(m_socket->bytesToWrite(), 0);
        qint64 total = 0;
        for (const QList<QVariant> &signal : std::as_const(written))
            total += signal.at(0).toLongLong();
        QCOMPARE(total, 13);
    }

    void keepsTheOrderUnderBackPressure()
    {
        // The peer reads slower than the socket writes: the kernel's buffers fill, the rest
        // queues in QTcpSocket's buffer, and whenever the kernel takes more, what was gathered
        // must still go out behind what waited before it, small, large and gathered writes alike.
        // Small kernel buffers, so the back-pressure does not depend on this machine's settings.
        m_socket->setSocketOption(QAbstractSocket::SendBufferSizeSocketOption, 64 * 1024);
        m_peer->setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 64 * 1024);
        QByteArray expected;
        QByteArray received;
        QSignalSpy written(m_socket.get(), &QIODevice::bytesWritten);
        for (int pass = 0; pass < 300; ++pass) {
            for (int write = 0; write < 10; ++write) {
                const bool large = write == 9 && pass % 50 == 0;
                const QByteArray chunk =
                    pattern(pass * 10 + write, large ? 48 * 1024 : 3000 + write);
                QCOMPARE(m_socket->write(chunk), chunk.size());
                expected += chunk;
            }
            QCoreApplication::processEvents();
            received += m_peer->read(16 * 1024);
        }
        QVERIFY(m_socket->bytesToWrite() > 0);
        received += readAtPeer(expected.size() - received.size());
        QCOMPARE(received.size(), expected.size());
        QVERIFY(received == expected);
        QTRY_COMPARE(m_socket->bytesToWrite(), 0);
        qint64 total = 0;
        for (const QList<QVariant> &signal : std::as_const(written))
            total += signal.at(0).toLongLong();
        QCOMPARE(total, expected.size());
    }

    void disconnectSendsWhatWasGatheredFirst()
    {
        QCOMPARE(m_socket->write("last words"), 10);
        m_socket->disconnectFromHost();
        QCOMPARE(readAtPeer(10), QByteArray("last words"));
        QTRY_COMPARE(m_peer->state(), QAbstractSocket::UnconnectedState);
    }

    void closeWhileThePeerStillSendsDeliversWhatWasWritten()
    {
        // The server stops reading, so the peer's data waits unread in the kernel: closing on it
        // without lingering answers with a reset, and a client that is still sending then loses
        // what it had not read yet (a flooding socket.io-client lost every ack of its flood).
        m_socket->setReadBufferSize(4096);
        m_peer->write(QByteArray(1024 * 1024, 'x'));
        QTRY_VERIFY(unreadInKernel(int(m_socket->socketDescriptor())) > 0);
        const QByteArray last = pattern(3, 5000);
        m_socket->write(last);
        m_socket->close();
        QCOMPARE(Im::Http::LingeringClose::lingering(), 1);
        // From here the peer is a plain descriptor, without Qt's event loop reading for it.
        const int peer = int(m_peer->socketDescriptor());
        // Until the server's end (or its reset) has arrived.
        pollfd ended { peer, POLLRDHUP, 0 };
        QCOMPARE(::poll(&ended, 1, 5000), 1);
        const QByteArray more(64 * 1024, 'y');
        const ssize_t sent =
            ::send(peer, more.constData(), size_t(more.size()), MSG_DONTWAIT | MSG_NOSIGNAL);
        QVERIFY2(sent > 0 || errno == EAGAIN, qPrintable(qt_error_string(errno))); // no reset
        QByteArray received;
        std::array<char, 8192> chunk;
        for (;;) {
            const ssize_t n = ::recv(peer, chunk.data(), chunk.size(), MSG_DONTWAIT);
            QVERIFY2(n >= 0, qPrintable(qt_error_string(errno))); // data, then the end
            if (n == 0)
                break;
            received.append(chunk.data(), n);
        }
        QCOMPARE(received, last);
        // The peer's close ends the lingering at once, long before its time is over.
        m_peer->abort();
        QTRY_COMPARE_WITH_TIMEOUT(Im::Http::LingeringClose::lingering(), 0, 1000);
    }

    void lingeringEndsAfterItsTime()
    {
        m_socket->setLingering({ 1024, std::chrono::milliseconds(200) });
        m_socket->setReadBufferSize(4096);
        m_peer->write(QByteArray(256 * 1024, 'x'));
        QTRY_VERIFY(unreadInKernel(int(m_socket->socketDescriptor())) > 0);
        // A second descriptor keeps the peer's end open when Qt closes its own on the FIN.
        const int peerHeld = ::dup(int(m_peer->socketDescriptor()));
        QVERIFY(peerHeld >= 0);
        QElapsedTimer lingered;
        lingered.start();
        m_socket->close();
        QCOMPARE(Im::Http::LingeringClose::lingering(), 1);
        // The peer never closes: the set time ends it, not the default 2 s.
        QTRY_COMPARE_WITH_TIMEOUT(Im::Http::LingeringClose::lingering(), 0, 1500);
        ::close(peerHeld);
        QVERIFY(lingered.elapsed() >= 150);
    }

    void noLingeringWhenItIsOff()
    {
        m_socket->setLingering({ 0, std::chrono::milliseconds(2000) });
        m_socket->write("bye");
        m_socket->close();
        QCOMPARE(Im::Http::LingeringClose::lingering(), 0);
        QCOMPARE(readAtPeer(3), QByteArray("bye"));
    }

    void closedSocketRefusesWrites()
    {
        m_socket->abort();
        QTest::ignoreMessage(QtWarningMsg,
                             "QIODevice::write (Im::Http::CoalescingTcpSocket): "
                             "device not open");
        QCOMPARE(m_socket->write("late"), -1);
        QCOMPARE(m_socket->bytesToWrite(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCoalescingTcpSocket)
#include "tst_coalescingtcpsocket.moc"
