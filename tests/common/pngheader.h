#pragma once

#include <QByteArray>

namespace Im::Test {

//! \a png with its header (IHDR) declaring \a width x \a height, checksum fixed: what an image
//! reader sees before it decodes a pixel. Lets a test offer a huge canvas in a few bytes.
[[nodiscard]] QByteArray withDeclaredSize(QByteArray png, quint32 width, quint32 height);

} // namespace Im::Test
