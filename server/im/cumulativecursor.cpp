#include "im/cumulativecursor.h"

namespace Im::Core {

bool CumulativeCursor::track(qint64 id)
{
    if (id <= m_highest)
        return false;
    m_highest = id;
    m_outstanding.emplace(id, false);
    return true;
}

bool CumulativeCursor::acknowledge(qint64 id)
{
    const auto found = m_outstanding.find(id);
    if (found == m_outstanding.end())
        return false;
    found->second = true;
    const qint64 before = m_value;
    while (!m_outstanding.empty() && m_outstanding.begin()->second) {
        m_value = m_outstanding.begin()->first;
        m_outstanding.erase(m_outstanding.begin());
    }
    return m_value != before;
}

} // namespace Im::Core
