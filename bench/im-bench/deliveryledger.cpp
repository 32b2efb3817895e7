#include "deliveryledger.h"

namespace Im::Bench {

void DeliveryLedger::expect(const QString &msgId, qint64 sentNs, qint64 sender, qint64 origin,
                            qint64 groupId, const QList<qint64> &receivers, bool marked)
{
    Entry entry;
    entry.sentNs = sentNs;
    entry.sender = sender;
    entry.origin = origin;
    entry.groupId = groupId;
    entry.receivers = QSet<qint64>(receivers.cbegin(), receivers.cend());
    entry.awaiting = entry.receivers;
    entry.marked = marked;
    m_expected += entry.awaiting.size();
    m_outstanding += entry.awaiting.size();
    m_entries.insert(msgId, std::move(entry));
}

void DeliveryLedger::cancel(const QString &msgId)
{
    const auto found = m_entries.find(msgId);
    if (found == m_entries.end() || found->canceled)
        return;
    found->canceled = true;
    m_expected -= found->awaiting.size();
    m_outstanding -= found->awaiting.size();
    found->awaiting.clear();
}

DeliveryLedger::Outcome DeliveryLedger::record(const QString &msgId, qint64 receiver, qint64 sender,
                                               qint64 groupId, qint64 nowNs)
{
    const auto classify = [&]() {
        const auto found = m_entries.find(msgId);
        if (found != m_entries.end() && found->origin == receiver && found->sender == sender)
            return Outcome::Echo;
        if (found == m_entries.end() || !found->receivers.contains(receiver))
            return Outcome::Unexpected;
        if (found->sender != sender || found->groupId != groupId)
            return Outcome::Mismatched;
        if (found->canceled)
            return Outcome::OfFailedSend;
        if (!found->awaiting.remove(receiver))
            return Outcome::Duplicate;
        --m_outstanding;
        m_latency.add(nowNs - found->sentNs);
        if (found->marked)
            m_markedLatency.add(nowNs - found->sentNs);
        return Outcome::Expected;
    };
    const Outcome outcome = classify();
    ++m_counts[outcome];
    return outcome;
}

} // namespace Im::Bench
