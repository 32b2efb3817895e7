#include "media/videosignature.h"

using namespace Qt::StringLiterals;

namespace Im::Media {

namespace {

quint32 bigEndian32(QByteArrayView bytes, qsizetype at)
{
    return quint32(quint8(bytes[at])) << 24 | quint32(quint8(bytes[at + 1])) << 16
        | quint32(quint8(bytes[at + 2])) << 8 | quint32(quint8(bytes[at + 3]));
}

// ISO base media file format (ISO/IEC 14496-12): the first box is `ftyp` with a major brand.
std::optional<VideoContainer> isoBaseMedia(QByteArrayView head)
{
    if (head.size() < 12 || head.sliced(4, 4) != "ftyp")
        return std::nullopt;
    const quint32 boxSize = bigEndian32(head, 0);
    if (boxSize < 16 || boxSize > 4096)
        return std::nullopt;
    const QByteArrayView brand = head.sliced(8, 4);
    if (brand == "qt  ")
        return VideoContainer { ".mov"_L1, "mov"_L1 };
    if (brand.startsWith("3g"))
        return VideoContainer { ".3gp"_L1, "mov"_L1 };
    if (brand == "M4V " || brand == "M4VH" || brand == "M4VP")
        return VideoContainer { ".m4v"_L1, "mov"_L1 };
    // Audio-only and image brands are not videos.
    if (brand.startsWith("M4A") || brand.startsWith("M4B") || brand == "heic" || brand == "mif1"
        || brand == "avif" || brand == "msf1" || brand == "heix") {
        return std::nullopt;
    }
    return VideoContainer { ".mp4"_L1, "mov"_L1 };
}

// Matroska / WebM: the EBML magic, then a DocType element naming the flavour.
std::optional<VideoContainer> matroska(QByteArrayView head)
{
    if (!head.startsWith("\x1a\x45\xdf\xa3"))
        return std::nullopt;
    if (head.indexOf("webm") >= 0)
        return VideoContainer { ".webm"_L1, "matroska"_L1 };
    if (head.indexOf("matroska") >= 0)
        return VideoContainer { ".mkv"_L1, "matroska"_L1 };
    return std::nullopt;
}

} // namespace

std::optional<VideoContainer> detectVideoContainer(QByteArrayView head)
{
    head = head.first(std::min<qsizetype>(head.size(), 64));
    if (auto found = isoBaseMedia(head))
        return found;
    return matroska(head);
}

} // namespace Im::Media
