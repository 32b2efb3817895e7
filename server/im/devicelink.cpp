#include "im/devicelink.h"

#include <utility>

namespace Im::Core {

DeviceLink::~DeviceLink()
{
    reportDisconnected();
}

void DeviceLink::reportDrained()
{
    if (m_observer)
        m_observer->linkDrained();
}

void DeviceLink::reportDisconnected()
{
    if (Observer *observer = std::exchange(m_observer, nullptr))
        observer->linkEnded();
}

} // namespace Im::Core
