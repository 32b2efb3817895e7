#pragma once

#include <QtGlobal>

namespace Im::SocketIo {

//! Gives freed heap back to the operating system after large releases. The allocator keeps what
//! was freed for reuse, so after a load (slow consumers' buffers, a burst of closed sessions)
//! the process would stay at its peak size. Call it with the size of what was just freed: once
//! a few MiB have been freed, one trim runs shortly after, shared by the releases of the same
//! burst. glibc: malloc_trim(0); AddressSanitizer builds: the sanitizer's allocator purge.
//! Network thread (needs an event loop).
void noteMemoryReleased(qint64 bytes);

} // namespace Im::SocketIo
