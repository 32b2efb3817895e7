#pragma once

#include <QByteArray>
#include <QMap>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace Im::Test {

//! The real im-server executable, started on a free port with a data folder of its own and a
//! clean environment (only what the test passes), the way an operator runs it.
class ServerProcess
{
public:
    //! \a settings become environment variables (PORT, DB_DRIVER, ...); DATA_DIR and PORT=0 are
    //! added unless given.
    explicit ServerProcess(QMap<QString, QString> settings = {}, QStringList arguments = {});
    ~ServerProcess();

    //! Sends stderr to \a path instead of output() (before start()): a file whose device and
    //! inode a test can name, as systemd's JOURNAL_STREAM does.
    void setStandardErrorFile(const QString &path);

    //! Starts the server and waits for its "listening on" line; false on exit or time-out.
    bool start(int timeoutMs = 60000);
    //! Sends \a signalNumber and waits for the exit; false when it does not exit in time.
    bool stop(int signalNumber, int timeoutMs = 20000);
    //! Starts the server again after stop(), on the same port and data folder (a restart).
    bool restart(int timeoutMs = 60000);

    //! Creates an administrator account (`--create-admin`) in this server's database, before or
    //! after start(); false (with a warning giving the output) when that fails.
    bool createAdmin(const QString &account, const QString &password);

    [[nodiscard]] QUrl url(const QString &path) const;
    [[nodiscard]] quint16 port() const { return m_port; }
    [[nodiscard]] QString dataDir() const { return m_dataDir.path(); }
    [[nodiscard]] int exitCode() const { return m_process.exitCode(); }
    [[nodiscard]] QProcess::ExitStatus exitStatus() const { return m_process.exitStatus(); }
    //! Everything the process wrote to stdout and stderr so far.
    [[nodiscard]] QByteArray output();

    //! Runs im-server to completion with \a arguments, \a settings as environment and \a input on
    //! stdin (for --check-config, --create-admin...). Returns the exit code; output in \a output.
    static int runOnce(const QStringList &arguments, const QMap<QString, QString> &settings,
                       const QByteArray &input, QByteArray *output);

private:
    QTemporaryDir m_dataDir;
    QMap<QString, QString> m_settings;
    QStringList m_arguments;
    QProcess m_process;
    QByteArray m_output;
    quint16 m_port = 0;
};

} // namespace Im::Test
