#include "socketio/memoryreturn.h"

#include <QCoreApplication>
#include <QTimer>

#include <chrono>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#if defined(__SANITIZE_ADDRESS__)
#define IM_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define IM_ASAN 1
#endif
#endif

#if defined(IM_ASAN)
// From <sanitizer/allocator_interface.h>, which GCC does not install.
extern "C" void __sanitizer_purge_allocator();
#endif

using namespace std::chrono_literals;

namespace Im::SocketIo {

namespace {

// Below this, trimming costs more than the memory is worth.
constexpr qint64 trimThreshold = 4 * 1024 * 1024;
// Releases of one burst (many sessions closing together) share one trim.
constexpr auto trimDelay = 250ms;

qint64 releasedSinceTrim = 0;
bool trimScheduled = false;

void trimNow()
{
    trimScheduled = false;
    releasedSinceTrim = 0;
#if defined(IM_ASAN)
    __sanitizer_purge_allocator();
#elif defined(__GLIBC__)
    malloc_trim(0);
#endif
}

} // namespace

void noteMemoryReleased(qint64 bytes)
{
    releasedSinceTrim += bytes;
    if (releasedSinceTrim < trimThreshold || trimScheduled || !QCoreApplication::instance())
        return;
    trimScheduled = true;
    QTimer::singleShot(trimDelay, QCoreApplication::instance(), trimNow);
}

} // namespace Im::SocketIo
