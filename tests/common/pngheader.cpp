#include "pngheader.h"

#include <QByteArrayView>

namespace Im::Test {

namespace {

// PNG's chunk checksum (ISO 3309 CRC-32).
quint32 crc32(QByteArrayView bytes)
{
    quint32 crc = 0xffffffffu;
    for (const char byte : bytes) {
        crc ^= quint8(byte);
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

void putBigEndian(QByteArray &bytes, qsizetype at, quint32 value)
{
    for (int i = 0; i < 4; ++i)
        bytes[at + i] = char(value >> (24 - 8 * i));
}

} // namespace

QByteArray withDeclaredSize(QByteArray png, quint32 width, quint32 height)
{
    // The signature (8 bytes), IHDR's length and type (8), then width and height.
    putBigEndian(png, 16, width);
    putBigEndian(png, 20, height);
    putBigEndian(png, 29, crc32(QByteArrayView(png).sliced(12, 17))); // IHDR's type and data
    return png;
}

} // namespace Im::Test
