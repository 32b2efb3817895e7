#include "media/videoposter.h"

#include "media/logging.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Im::Media {

namespace {

// ffmpeg's stderr is only read for the duration; a chatty or hostile run cannot grow it further.
constexpr qsizetype maxLogBytes = 64 * 1024;

Error notAVideo()
{
    return makeError(ErrorCode::Malformed, u"The video could not be decoded."_s);
}

} // namespace

double parseFfmpegDuration(const QByteArray &log)
{
    static const QRegularExpression duration(u"Duration: (\\d+):(\\d{2}):(\\d{2}(?:\\.\\d+)?)"_s);
    const auto match = duration.match(QString::fromLatin1(log));
    if (!match.hasMatch())
        return -1;
    return match.captured(1).toDouble() * 3600 + match.captured(2).toDouble() * 60
        + match.captured(3).toDouble();
}

VideoPoster::VideoPoster(Settings settings, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
{ }

VideoPoster::~VideoPoster()
{
    // A poster still being made when its owner goes (shutdown): stop ffmpeg, report nothing.
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
    }
}

Error VideoPoster::ffmpegMissing()
{
    return makeError(ErrorCode::Unavailable,
                     u"Video uploads are unavailable: ffmpeg is not installed on the server."_s);
}

bool VideoPoster::ffmpegAvailable(const QString &ffmpegPath)
{
    if (ffmpegPath.contains(u'/')) {
        const QFileInfo file(ffmpegPath);
        return file.isFile() && file.isExecutable();
    }
    return !QStandardPaths::findExecutable(ffmpegPath).isEmpty();
}

void VideoPoster::start(const QString &videoFile, QLatin1StringView demuxer, Done done)
{
    m_videoFile = videoFile;
    m_demuxer = demuxer;
    m_done = std::move(done);
    // Reading the header is enough for the duration; ffmpeg then exits for want of an output.
    run(Step::Probe, inputArguments({}));
}

QStringList VideoPoster::inputArguments(const QString &seekSeconds) const
{
    QStringList arguments { u"-hide_banner"_s, u"-nostdin"_s, u"-protocol_whitelist"_s,
                            u"file"_s,         u"-f"_s,       m_demuxer };
    if (!seekSeconds.isEmpty())
        arguments << u"-ss"_s << seekSeconds;
    // `file:` keeps a name starting with '-' or containing ':' from being read as anything else.
    arguments << u"-i"_s << u"file:"_s + m_videoFile;
    return arguments;
}

void VideoPoster::extractFrameAt(const QString &seekSeconds)
{
    m_seek = seekSeconds;
    QStringList arguments = inputArguments(seekSeconds);
    arguments << u"-map"_s << u"0:v:0"_s << u"-an"_s << u"-sn"_s << u"-dn"_s << u"-frames:v"_s
              << u"1"_s << u"-f"_s << u"image2pipe"_s << u"-c:v"_s << u"png"_s << u"-"_s;
    run(Step::Extract, arguments);
}

void VideoPoster::run(Step step, const QStringList &arguments)
{
    m_step = step;
    m_stdout.clear();
    m_stderr.clear();
    auto *process = new QProcess(this);
    m_process = process;
    process->setProcessChannelMode(QProcess::SeparateChannels);
    process->setStandardInputFile(QProcess::nullDevice());
    connect(process, &QProcess::readyReadStandardOutput, this, &VideoPoster::onStdout);
    connect(process, &QProcess::readyReadStandardError, this, [this, process] {
        const QByteArray chunk = process->readAllStandardError();
        if (m_stderr.size() < maxLogBytes)
            m_stderr += chunk.first(std::min(chunk.size(), maxLogBytes - m_stderr.size()));
    });
    connect(process, &QProcess::finished, this, &VideoPoster::onFinished);
    connect(process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) {
            qCWarning(lcMedia).noquote() << "cannot start" << m_settings.ffmpegPath;
            fail(ffmpegMissing());
        }
    });
    QTimer::singleShot(m_settings.timeout, process, [this, process] {
        if (process->state() == QProcess::NotRunning)
            return;
        qCWarning(lcMedia) << "ffmpeg took longer than" << m_settings.timeout.count()
                           << "ms - killed";
        process->disconnect(this);
        process->kill();
        fail(makeError(ErrorCode::Unavailable, u"Processing the video took too long."_s));
    });
    process->start(m_settings.ffmpegPath, arguments, QIODevice::ReadOnly);
}

void VideoPoster::onStdout()
{
    if (!m_process)
        return;
    m_stdout += m_process->readAllStandardOutput();
    if (m_stdout.size() > m_settings.maxPosterBytes) {
        m_process->disconnect(this);
        m_process->kill();
        fail(makeError(ErrorCode::Malformed, u"The video's frames are too large."_s));
    }
}

void VideoPoster::onFinished(int exitCode, QProcess::ExitStatus status)
{
    if (!m_process)
        return;
    m_stdout += m_process->readAllStandardOutput();
    m_process->deleteLater();
    m_process = nullptr;
    if (m_step == Step::Probe) {
        // The probe always "fails" (no output named); only a missing duration line matters.
        const double duration = parseFfmpegDuration(m_stderr);
        extractFrameAt(duration > 0 ? QString::number(duration / 2, 'f', 3) : u"0"_s);
        return;
    }
    if (status != QProcess::NormalExit || exitCode != 0 || m_stdout.isEmpty()) {
        // A wrong duration in the header can put the middle past the last frame.
        if (m_seek != "0"_L1) {
            extractFrameAt(u"0"_s);
            return;
        }
        qCInfo(lcMedia) << "ffmpeg could not take a frame, exit code" << exitCode;
        fail(notAVideo());
        return;
    }
    finish(std::move(m_stdout));
}

void VideoPoster::fail(Error error)
{
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->deleteLater();
        m_process = nullptr;
    }
    finish(std::move(error));
}

void VideoPoster::finish(Result<QByteArray> result)
{
    if (!m_done)
        return;
    // Moved out first: the callback may delete this object.
    Done done = std::move(m_done);
    m_done = nullptr;
    done(std::move(result));
}

} // namespace Im::Media
