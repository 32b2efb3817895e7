#include "media/imagefiles.h"

#include <QBuffer>
#include <QImage>
#include <QImageReader>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Im::Media {

namespace {

// Larger images are refused before decoding (a small file can declare a huge canvas).
constexpr int maxImageSide = 16384;
// Bytes per pixel of the widest format Qt may decode into (RGBA64), for the allocation limit.
constexpr qint64 maxBytesPerPixel = 8;

struct AcceptedFormat
{
    QByteArrayView readerFormat;
    QLatin1StringView suffix;
};

constexpr AcceptedFormat acceptedFormats[] = {
    { "png", ".png"_L1 }, { "jpeg", ".jpg"_L1 },  { "jpg", ".jpg"_L1 },
    { "gif", ".gif"_L1 }, { "webp", ".webp"_L1 }, { "bmp", ".bmp"_L1 },
};

Error notAnImage()
{
    return makeError(ErrorCode::Malformed,
                     u"The file is not a supported image (png, jpeg, gif, webp or bmp)."_s);
}

//! Decodes \a bytes, refusing unknown formats and oversized canvases; \a format receives the
//! reader's format name.
Result<QImage> decode(const QByteArray &bytes, QByteArray *format, qint64 maxPixels)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setAutoTransform(true);
    const QByteArray detected = reader.format().toLower();
    const bool accepted =
        std::any_of(std::begin(acceptedFormats), std::end(acceptedFormats),
                    [&](const AcceptedFormat &f) { return f.readerFormat == detected; });
    if (!accepted)
        return notAnImage();
    const QSize size = reader.size();
    if (size.isValid()
        && (size.width() > maxImageSide || size.height() > maxImageSide
            || qint64(size.width()) * size.height() > maxPixels)) {
        return makeError(ErrorCode::TooLarge,
                         u"The image is too large: %1 x %2 pixels, at most %3 pixels and %4 px "
                         "a side."_s.arg(size.width())
                             .arg(size.height())
                             .arg(maxPixels)
                             .arg(maxImageSide));
    }
    // Qt's own limit (256 MB by default) would otherwise refuse an image within ours with the
    // misleading "not a supported image".
    const qint64 allocationMb = (maxPixels * maxBytesPerPixel) / (1024 * 1024) + 1;
    reader.setAllocationLimit(int(std::min<qint64>(allocationMb, 1 << 30)));
    QImage image = reader.read();
    if (image.isNull())
        return notAnImage();
    if (format)
        *format = detected;
    return image;
}

QByteArray scaledPng(const QImage &image, int width)
{
    const int height =
        std::max(1, int(std::lround(double(image.height()) * width / image.width())));
    const QImage scaled =
        image.scaled(width, height, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    QByteArray png;
    QBuffer out(&png);
    out.open(QIODevice::WriteOnly);
    scaled.save(&out, "PNG");
    return png;
}

} // namespace

Result<CheckedImage> checkImage(const QByteArray &bytes, qint64 maxPixels)
{
    QByteArray format;
    const Result<QImage> image = decode(bytes, &format, maxPixels);
    if (!image)
        return image.error();
    CheckedImage checked;
    for (const AcceptedFormat &accepted : acceptedFormats) {
        if (accepted.readerFormat == format) {
            checked.suffix = accepted.suffix;
            break;
        }
    }
    checked.thumbnailPng = scaledPng(*image, thumbnailWidth);
    return checked;
}

Result<QByteArray> thumbnailPng(const QByteArray &bytes, int width, qint64 maxPixels)
{
    const Result<QImage> image = decode(bytes, nullptr, maxPixels);
    if (!image)
        return image.error();
    return scaledPng(*image, width);
}

} // namespace Im::Media
