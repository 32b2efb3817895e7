#pragma once

#include <QLoggingCategory>

namespace Im::Media {

Q_DECLARE_LOGGING_CATEGORY(lcMedia) // "im.media": uploads, thumbnails, ffmpeg (never file contents)

} // namespace Im::Media
