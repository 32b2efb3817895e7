#include "serverlauncher.h"

#include <QFileInfo>
#include <QProcessEnvironment>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Im::Bench {

namespace {

// Output kept for a failure report.
constexpr qsizetype maxOutputTail = 16 * 1024;

QProcessEnvironment serverEnvironment(const QMap<QString, QString> &settings)
{
    QProcessEnvironment environment;
    const QProcessEnvironment inherited = QProcessEnvironment::systemEnvironment();
    // What a process needs to run at all, plus sanitizer options when the bench runs under them.
    for (const QString &key : { u"PATH"_s, u"HOME"_s, u"LANG"_s, u"ASAN_OPTIONS"_s,
                                u"UBSAN_OPTIONS"_s, u"LSAN_OPTIONS"_s }) {
        if (inherited.contains(key))
            environment.insert(key, inherited.value(key));
    }
    for (auto it = settings.cbegin(); it != settings.cend(); ++it)
        environment.insert(it.key(), it.value());
    return environment;
}

} // namespace

ServerLauncher::ServerLauncher(QString binary, QMap<QString, QString> settings, QObject *parent)
    : QObject(parent)
    , m_binary(binary.contains(u'/') ? QFileInfo(binary).absoluteFilePath() : binary)
{
    m_settings.insert(u"DATA_DIR"_s, m_dataDir.path());
    m_settings.insert(u"PORT"_s, u"0"_s);
    m_settings.insert(u"BIND_ADDRESS"_s, u"127.0.0.1"_s);
    // The bench's users are strangers: they chat and share groups without friend requests.
    m_settings.insert(u"CHAT_REQUIRE_FRIENDSHIP"_s, u"false"_s);
    // Every simulated user registers from this one address.
    m_settings.insert(u"SIGNUP_MAX_PER_ADDRESS"_s, u"1000000"_s);
    m_settings.insert(u"LOGIN_MAX_PER_ADDRESS"_s, u"1000000"_s);
    m_settings.insert(u"GROUP_REQUIRE_FRIENDSHIP"_s, u"false"_s);
    // A load test is the flood the event limits are there to stop.
    m_settings.insert(u"EVENT_RATE_PER_SOCKET"_s, u"0"_s);
    m_settings.insert(u"EVENT_RATE_PER_USER"_s, u"0"_s);
    m_settings.insert(u"MESSAGE_DAILY_QUOTA"_s, u"0"_s);
    // Every socket comes from this one address too, all of them connecting at once.
    m_settings.insert(u"ENGINE_MAX_UNJOINED_PER_ADDRESS"_s, u"0"_s);
    m_settings.insert(u"SOCKET_MAX_PER_ADDRESS"_s, u"0"_s);
    // --devices opens as many sockets per user as asked.
    m_settings.insert(u"SOCKET_MAX_PER_USER"_s, u"0"_s);
    m_settings.insert(settings);
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    // The data directory is the working directory too, so no stray .env file is read.
    m_process.setWorkingDirectory(m_dataDir.path());
    m_process.setProcessEnvironment(serverEnvironment(m_settings));
    m_deadline.setSingleShot(true);
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &ServerLauncher::onOutput);
    connect(&m_process, &QProcess::finished, this, &ServerLauncher::onFinished);
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            Q_EMIT failed(u"cannot start %1: %2"_s.arg(m_binary, m_process.errorString()));
    });
}

ServerLauncher::~ServerLauncher()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

void ServerLauncher::start(int timeoutMs)
{
    if (!m_dataDir.isValid()) {
        Q_EMIT failed(u"cannot create a temporary data directory"_s);
        return;
    }
    connect(&m_deadline, &QTimer::timeout, this, [this, timeoutMs] {
        if (m_ready || m_stopping)
            return;
        Q_EMIT failed(u"the server did not listen within %1 ms"_s.arg(timeoutMs));
    });
    m_deadline.start(timeoutMs);
    m_process.start(m_binary, {});
}

void ServerLauncher::stop(int timeoutMs)
{
    m_stopping = true;
    if (m_process.state() == QProcess::NotRunning) {
        Q_EMIT stopped(m_process.exitCode());
        return;
    }
    m_deadline.disconnect();
    connect(&m_deadline, &QTimer::timeout, this, [this] { m_process.kill(); });
    m_deadline.start(timeoutMs);
    m_process.terminate();
}

void ServerLauncher::onOutput()
{
    m_output += m_process.readAllStandardOutput();
    if (!m_ready) {
        // The fixed line im-server prints once it listens (the port matters, it was 0).
        static const QRegularExpression listening(u"listening on (http://[^\\s:]+:\\d+)"_s);
        const auto match = listening.match(QString::fromUtf8(m_output));
        if (match.hasMatch()) {
            m_ready = true;
            m_deadline.stop();
            Q_EMIT ready(QUrl(match.captured(1)));
        }
    }
    if (m_output.size() > maxOutputTail)
        m_output = m_output.right(maxOutputTail);
}

void ServerLauncher::onFinished(int exitCode, QProcess::ExitStatus status)
{
    m_deadline.stop();
    m_output += m_process.readAllStandardOutput();
    if (m_stopping) {
        Q_EMIT stopped(status == QProcess::NormalExit ? exitCode : -1);
        return;
    }
    Q_EMIT failed(u"the server exited early (status %1)"_s.arg(
        status == QProcess::NormalExit ? exitCode : -1));
}

} // namespace Im::Bench
