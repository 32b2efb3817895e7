#pragma once

#include "im/result.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QProcess>
#include <QString>

#include <chrono>
#include <functional>

namespace Im::Media {

//! Takes a video's poster frame (at half its duration, as the original's fluent-ffmpeg did) as a
//! PNG by running `ffmpeg` twice with QProcess, asynchronously on the calling thread: first to
//! read the duration, then to decode one frame to stdout. Nothing is written to disk. The input
//! format is forced (`-f`) and only the `file` protocol is allowed, so a crafted file cannot make
//! ffmpeg read other files or the network. One use per object.
class VideoPoster : public QObject
{
public:
    struct Settings
    {
        QString ffmpegPath = QStringLiteral("ffmpeg");
        std::chrono::milliseconds timeout { 60000 }; //!< per ffmpeg run
        qint64 maxPosterBytes = 64 * 1024 * 1024;
    };
    //! Called once with the PNG, or Malformed (not a decodable video), Unavailable (ffmpeg
    //! missing, failed or too slow).
    using Done = std::function<void(Result<QByteArray>)>;

    VideoPoster(Settings settings, QObject *parent = nullptr);
    ~VideoPoster() override;

    void start(const QString &videoFile, QLatin1StringView demuxer, Done done);

    //! The Unavailable error for a missing ffmpeg, as the client sees it.
    [[nodiscard]] static Error ffmpegMissing();
    //! Whether \a ffmpegPath names an executable (a path, or a name found on PATH). Blocking
    //! file-system lookups: call from a worker.
    [[nodiscard]] static bool ffmpegAvailable(const QString &ffmpegPath);

private:
    enum class Step { Probe, Extract };
    void extractFrameAt(const QString &seekSeconds);
    void run(Step step, const QStringList &arguments);
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onStdout();
    void fail(Error error);
    void finish(Result<QByteArray> result);
    [[nodiscard]] QStringList inputArguments(const QString &seekSeconds) const;

    Settings m_settings;
    QString m_videoFile;
    QString m_demuxer;
    Done m_done;
    Step m_step = Step::Probe;
    QString m_seek; //!< where the frame is taken, in seconds
    QPointer<QProcess> m_process;
    QByteArray m_stdout;
    QByteArray m_stderr;
};

//! The duration in seconds that ffmpeg reports (`Duration: 00:01:02.50`) in \a log, or a negative
//! number when it does not know it.
[[nodiscard]] double parseFfmpegDuration(const QByteArray &log);

} // namespace Im::Media
