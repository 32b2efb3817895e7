#include "store/conversationdirectory.h"

#include <QHashFunctions>

namespace Im::Store {

ConversationKey ConversationKey::single(int userA, int userB)
{
    return { singleChat, std::min(userA, userB), std::max(userA, userB) };
}

ConversationKey ConversationKey::group(int groupId)
{
    return { groupChat, groupId, 0 };
}

size_t qHash(const ConversationKey &key, size_t seed)
{
    return qHashMulti(seed, key.kind, key.peerA, key.peerB);
}

ConversationDirectory::ConversationDirectory(qsizetype capacity)
    : m_capacity(std::max<qsizetype>(1, capacity))
{ }

std::optional<int> ConversationDirectory::find(const ConversationKey &key) const
{
    std::lock_guard lock(m_mutex);
    const auto found = m_ids.constFind(key);
    if (found == m_ids.cend())
        return std::nullopt;
    return found.value();
}

void ConversationDirectory::learn(const QHash<ConversationKey, int> &ids)
{
    std::lock_guard lock(m_mutex);
    if (m_ids.size() + ids.size() > m_capacity)
        m_ids.clear();
    for (auto it = ids.cbegin(); it != ids.cend() && m_ids.size() < m_capacity; ++it)
        m_ids.insert(it.key(), it.value());
}

qsizetype ConversationDirectory::size() const
{
    std::lock_guard lock(m_mutex);
    return m_ids.size();
}

} // namespace Im::Store
