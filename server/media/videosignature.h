#pragma once

#include <QByteArrayView>
#include <QLatin1StringView>

#include <optional>

namespace Im::Media {

//! A video container recognised by its signature (magic bytes), not by the client's name or type.
struct VideoContainer
{
    QLatin1StringView suffix; //!< ".mp4", ".mov", ".webm", ...: the stored file's suffix
    QLatin1StringView demuxer; //!< the ffmpeg demuxer forced on the file (`-f`), so ffmpeg
                               //!< never guesses a playlist or script format from its content
};

//! The container of \a head (the file's first bytes; 64 are enough), or nullopt when it is not
//! one of the accepted ones: ISO base media (mp4, m4v, mov, 3gp) and Matroska (webm, mkv).
[[nodiscard]] std::optional<VideoContainer> detectVideoContainer(QByteArrayView head);

} // namespace Im::Media
