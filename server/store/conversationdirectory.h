#pragma once

#include <QHash>

#include <mutex>
#include <optional>

namespace Im::Store {

//! A conversation's identity in the `Conversations` table: a single chat between two users
//! (peerA < peerB) or a group (peerA = group id, peerB = 0).
struct ConversationKey
{
    int kind = 0;
    int peerA = 0;
    int peerB = 0;

    static constexpr int singleChat = 1;
    static constexpr int groupChat = 2;
    static ConversationKey single(int userA, int userB);
    static ConversationKey group(int groupId);

    friend bool operator==(const ConversationKey &, const ConversationKey &) = default;
};

size_t qHash(const ConversationKey &key, size_t seed = 0);

//! The ids of conversations already created, so a batch of messages does not look them up again.
//! A conversation's id never changes and its row is never deleted, so an entry never goes stale,
//! also across restarts and processes. Learned only from committed transactions. Bounded: when
//! full it starts afresh (the next batches look their conversations up again). Thread-safe: the
//! writer's batches run on database workers.
class ConversationDirectory
{
public:
    explicit ConversationDirectory(qsizetype capacity);
    Q_DISABLE_COPY_MOVE(ConversationDirectory)

    [[nodiscard]] std::optional<int> find(const ConversationKey &key) const;
    void learn(const QHash<ConversationKey, int> &ids);
    [[nodiscard]] qsizetype size() const;

private:
    mutable std::mutex m_mutex;
    QHash<ConversationKey, int> m_ids;
    const qsizetype m_capacity;
};

} // namespace Im::Store
