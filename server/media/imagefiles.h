#pragma once

#include "im/result.h"

#include <QByteArray>
#include <QString>

namespace Im::Media {

//! The chat image formats accepted: what browsers show with a plain `<img>` and Qt can decode
//! (png, jpeg, gif, webp, bmp; webp only where Qt's plugin is installed). Never SVG, which can
//! carry scripts.
struct CheckedImage
{
    QString suffix; //!< ".png", ".jpg", ... from the detected format, never from the client
    QByteArray thumbnailPng; //!< the 20 px wide placeholder
};

//! The width of the blurred placeholder the client shows while the image loads.
inline constexpr int thumbnailWidth = 20;

//! The largest canvas decoded (IMAGE_MAX_PIXELS): width × height, checked from the header with
//! QImageReader::size() before any pixel is decoded, since a small file can declare a huge one.
inline constexpr qint64 defaultMaxImagePixels = qint64(25) * 1000 * 1000;

//! Checks that \a bytes are a complete image of an accepted format by decoding them, and makes
//! its thumbnail (aspect kept, EXIF orientation applied). Malformed when they are not; TooLarge
//! (before decoding) when the canvas has more than \a maxPixels pixels.
Result<CheckedImage> checkImage(const QByteArray &bytes, qint64 maxPixels = defaultMaxImagePixels);

//! A PNG of \a bytes (any decodable image) scaled to \a width px wide, aspect kept; TooLarge
//! over \a maxPixels.
Result<QByteArray> thumbnailPng(const QByteArray &bytes, int width = thumbnailWidth,
                                qint64 maxPixels = defaultMaxImagePixels);

} // namespace Im::Media
