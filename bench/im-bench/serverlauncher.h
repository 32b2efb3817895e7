#pragma once

#include <QByteArray>
#include <QMap>
#include <QObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrl>

namespace Im::Bench {

//! Runs im-server for the length of a bench run: a free port, a fresh data directory (so SQLite
//! starts empty), CHAT_REQUIRE_FRIENDSHIP=false, GROUP_REQUIRE_FRIENDSHIP=false and the caller's
//! settings, in an environment that holds nothing else of ours, so a run is reproducible.
//! Asynchronous: nothing blocks.
class ServerLauncher : public QObject
{
    Q_OBJECT
public:
    //! \a binary is a path (relative to the current directory, as the server runs in its data
    //! directory) or a name on PATH.
    ServerLauncher(QString binary, QMap<QString, QString> settings, QObject *parent = nullptr);
    ~ServerLauncher() override;

    //! Starts the server; ready() or failed() follows.
    void start(int timeoutMs = 60000);
    //! Asks the server to shut down (SIGTERM), kills it after \a timeoutMs; stopped() follows.
    void stop(int timeoutMs = 20000);

    [[nodiscard]] qint64 processId() const { return m_process.processId(); }
    //! The last lines the server printed, for a failure report.
    [[nodiscard]] QByteArray outputTail() const { return m_output; }

Q_SIGNALS:
    void ready(const QUrl &url);
    void failed(const QString &reason);
    void stopped(int exitCode);

private:
    void onOutput();
    void onFinished(int exitCode, QProcess::ExitStatus status);

    QString m_binary;
    QMap<QString, QString> m_settings;
    QTemporaryDir m_dataDir;
    QProcess m_process;
    QByteArray m_output;
    QTimer m_deadline;
    bool m_ready = false;
    bool m_stopping = false;
};

} // namespace Im::Bench
