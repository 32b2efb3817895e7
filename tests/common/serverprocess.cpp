#include "serverprocess.h"

#include "testservices.h"

#include <QDeadlineTimer>
#include <QRegularExpression>

#include <csignal>

using namespace Qt::StringLiterals;

namespace Im::Test {

namespace {

QProcessEnvironment cleanEnvironment(const QMap<QString, QString> &settings)
{
    QProcessEnvironment environment;
    const QProcessEnvironment inherited = QProcessEnvironment::systemEnvironment();
    // Only what a process needs to run at all, plus the sanitizer options of the test run.
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

ServerProcess::ServerProcess(QMap<QString, QString> settings, QStringList arguments)
    : m_settings(std::move(settings))
    , m_arguments(std::move(arguments))
{
    if (!m_settings.contains(u"DATA_DIR"_s))
        m_settings.insert(u"DATA_DIR"_s, m_dataDir.path());
    if (!m_settings.contains(u"PORT"_s))
        m_settings.insert(u"PORT"_s, u"0"_s);
    // Tests register many accounts from 127.0.0.1; the sign-up throttle is tested on its own.
    if (!m_settings.contains(u"SIGNUP_MAX_PER_ADDRESS"_s))
        m_settings.insert(u"SIGNUP_MAX_PER_ADDRESS"_s, u"1000000"_s);
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setWorkingDirectory(m_dataDir.path());
}

ServerProcess::~ServerProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

void ServerProcess::setStandardErrorFile(const QString &path)
{
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.setStandardErrorFile(path);
}

QByteArray ServerProcess::output()
{
    m_output += m_process.readAll();
    return m_output;
}

bool ServerProcess::start(int timeoutMs)
{
    m_process.setProcessEnvironment(cleanEnvironment(m_settings));
    m_process.start(TestServices::serverBinary(), m_arguments);
    if (!m_process.waitForStarted(10000))
        return false;
    static const QRegularExpression listening(u"listening on http://[^\\s:]+:(\\d+)"_s);
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        const auto match = listening.match(QString::fromUtf8(output()));
        if (match.hasMatch()) {
            m_port = quint16(match.captured(1).toUInt());
            return true;
        }
        if (m_process.state() == QProcess::NotRunning)
            return false;
        m_process.waitForReadyRead(100);
    }
    return false;
}

bool ServerProcess::stop(int signalNumber, int timeoutMs)
{
    if (m_process.state() == QProcess::NotRunning)
        return true;
    ::kill(pid_t(m_process.processId()), signalNumber);
    const bool finished = m_process.waitForFinished(timeoutMs);
    m_output += m_process.readAll();
    return finished;
}

bool ServerProcess::restart(int timeoutMs)
{
    m_settings.insert(u"PORT"_s, QString::number(m_port));
    m_output.clear(); // start() looks for the new "listening on" line
    return start(timeoutMs);
}

QUrl ServerProcess::url(const QString &path) const
{
    return QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_port).arg(path));
}

bool ServerProcess::createAdmin(const QString &account, const QString &password)
{
    QByteArray output;
    if (runOnce({ u"--create-admin"_s, account }, m_settings, password.toUtf8() + '\n', &output)
        == 0) {
        return true;
    }
    qWarning("--create-admin failed: %s", output.constData());
    return false;
}

int ServerProcess::runOnce(const QStringList &arguments, const QMap<QString, QString> &settings,
                           const QByteArray &input, QByteArray *output)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setProcessEnvironment(cleanEnvironment(settings));
    if (settings.contains(u"DATA_DIR"_s))
        process.setWorkingDirectory(settings.value(u"DATA_DIR"_s));
    process.start(TestServices::serverBinary(), arguments);
    if (!process.waitForStarted(10000))
        return -1;
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished(5000);
        return -1;
    }
    if (output)
        *output = process.readAll();
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

} // namespace Im::Test
