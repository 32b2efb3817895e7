// The server as a systemd service runs it (deploy/systemd/im-server.service): Type=notify
// through sd_notify (READY=1, STOPPING=1, watchdog pings) and log lines for the journal. The
// test plays systemd's part: its own notification socket and a stderr file named by
// JOURNAL_STREAM.
#include "serverprocess.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <csignal>
#include <cstring>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace Im::Test;

namespace {

//! A datagram socket like systemd's NOTIFY_SOCKET, collecting what the service sends.
class NotifySocket
{
public:
    explicit NotifySocket(const QString &path)
        : m_path(path)
    {
        m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        sockaddr_un address = {};
        address.sun_family = AF_UNIX;
        const QByteArray encoded = QFile::encodeName(path);
        if (m_fd < 0 || size_t(encoded.size()) >= sizeof(address.sun_path))
            return;
        std::memcpy(address.sun_path, encoded.constData(), size_t(encoded.size()));
        m_bound = ::bind(m_fd, reinterpret_cast<const sockaddr *>(&address), sizeof(address)) == 0;
    }
    ~NotifySocket()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    NotifySocket(const NotifySocket &) = delete;
    NotifySocket &operator=(const NotifySocket &) = delete;

    [[nodiscard]] bool isBound() const { return m_bound; }
    [[nodiscard]] QString path() const { return m_path; }

    //! How many received notifications carry the line \a state; waits up to \a timeoutMs for
    //! at least \a atLeast of them.
    int waitFor(const QByteArray &state, int atLeast = 1, int timeoutMs = 20000)
    {
        int count = 0;
        // The count is the answer, whether or not it reached atLeast in time.
        (void)QTest::qWaitFor(
            [&] {
                receive();
                count = int(std::count_if(m_received.cbegin(), m_received.cend(),
                                          [&state](const QByteArray &datagram) {
                                              return datagram.split('\n').contains(state);
                                          }));
                return count >= atLeast;
            },
            timeoutMs);
        return count;
    }

    [[nodiscard]] QByteArray all() const { return m_received.join("\n--\n"); }

private:
    void receive()
    {
        char buffer[4096];
        for (;;) {
            const ssize_t size = ::recv(m_fd, buffer, sizeof(buffer), 0);
            if (size < 0)
                return;
            m_received.append(QByteArray(buffer, size));
        }
    }

    QString m_path;
    int m_fd = -1;
    bool m_bound = false;
    QList<QByteArray> m_received;
};

QString journalStreamOf(const QString &path)
{
    struct stat status = {};
    if (::stat(QFile::encodeName(path).constData(), &status) != 0)
        return {};
    return u"%1:%2"_s.arg(qulonglong(status.st_dev)).arg(qulonglong(status.st_ino));
}

QList<QByteArray> nonEmptyLinesOf(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<QByteArray> lines = file.readAll().split('\n');
    lines.removeAll(QByteArray());
    return lines;
}

} // namespace

class TestSystemdService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void notifiesReadyWatchdogAndStopping()
    {
        QTemporaryDir folder;
        NotifySocket notify(folder.filePath(u"notify"_s));
        QVERIFY(notify.isBound());
        ServerProcess server(
            { { u"NOTIFY_SOCKET"_s, notify.path() }, { u"WATCHDOG_USEC"_s, u"400000"_s } });
        QVERIFY2(server.start(), server.output().constData());

        QCOMPARE(notify.waitFor("READY=1"), 1);
        QVERIFY2(notify.all().contains("STATUS=listening on http://"), notify.all().constData());
        // Pings at half the watchdog interval: several within a few seconds.
        QVERIFY2(notify.waitFor("WATCHDOG=1", 3, 10000) >= 3, notify.all().constData());
        QCOMPARE(notify.waitFor("STOPPING=1", 1, 0), 0);

        QVERIFY(server.stop(SIGTERM));
        QCOMPARE(server.exitCode(), 0);
        QCOMPARE(notify.waitFor("STOPPING=1"), 1);
        QVERIFY(notify.all().contains("STATUS=draining connections"));
    }

    void withoutNotifySocketItRunsAsBefore()
    {
        ServerProcess server;
        QVERIFY2(server.start(), server.output().constData());
        QVERIFY(server.stop(SIGTERM));
        QCOMPARE(server.exitCode(), 0);
    }

    void logsForTheJournalWithPrioritiesAndNoTimestamps()
    {
        QTemporaryDir folder;
        const QString errorFile = folder.filePath(u"stderr"_s);
        QFile touch(errorFile);
        QVERIFY(touch.open(QIODevice::WriteOnly));
        touch.close();
        // REDIS_HOST is one of the original's settings this server ignores: a warning line.
        ServerProcess server({ { u"JOURNAL_STREAM"_s, journalStreamOf(errorFile) },
                               { u"REDIS_HOST"_s, u"127.0.0.1"_s },
                               { u"LOG_FILE"_s, u"false"_s } });
        server.setStandardErrorFile(errorFile);
        QVERIFY2(server.start(), server.output().constData());
        QVERIFY(server.stop(SIGTERM));

        const QList<QByteArray> lines = nonEmptyLinesOf(errorFile);
        QVERIFY(lines.size() >= 3);
        static const QRegularExpression journalLine(u"^<[2-7]>\\[[a-z.]+\\] "_s);
        for (const QByteArray &line : lines)
            QVERIFY2(journalLine.match(QString::fromUtf8(line)).hasMatch(), line.constData());
        const QByteArray all = lines.join('\n');
        QVERIFY2(all.contains("<6>[im.app] "), all.constData());
        QVERIFY2(all.contains("<4>[im.app] ignoring settings that are not used"), all.constData());
        QVERIFY2(!all.contains("[INFO]") && !all.contains("[20"), all.constData());
    }

    void keepsTimestampsWhenStderrIsNotTheNamedStream()
    {
        QTemporaryDir folder;
        const QString errorFile = folder.filePath(u"stderr"_s);
        // A JOURNAL_STREAM inherited from a service, but stderr was redirected elsewhere.
        ServerProcess server({ { u"JOURNAL_STREAM"_s, u"1:1"_s }, { u"LOG_FILE"_s, u"false"_s } });
        server.setStandardErrorFile(errorFile);
        QVERIFY2(server.start(), server.output().constData());
        QVERIFY(server.stop(SIGTERM));
        const QList<QByteArray> lines = nonEmptyLinesOf(errorFile);
        QVERIFY(!lines.isEmpty());
        for (const QByteArray &line : lines)
            QVERIFY2(line.startsWith("[20"), line.constData());
    }
};

QTEST_GUILESS_MAIN(TestSystemdService)
#include "tst_systemdservice.moc"
