#include "im/messagewriter.h"

#include "im/futures.h"
#include "im/messagestore.h"

#include <QElapsedTimer>

using namespace Qt::StringLiterals;

namespace Im::Core {

MessageWriter::MessageWriter(MessageStore &store, WriterLimits limits, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_limits { std::max(1, limits.maxBatch), std::max<qsizetype>(1, limits.maxWaiting) }
{ }

void MessageWriter::submit(const NewMessage &message, Completion done)
{
    if (m_waitingCount >= m_limits.maxWaiting) {
        ++m_stats.refused;
        done(makeError(ErrorCode::Unavailable, u"Too many messages are waiting; try again."_s));
        return;
    }
    std::deque<Pending> &queue = m_waiting[message.sender];
    if (queue.empty())
        m_turns.push_back(message.sender);
    queue.push_back({ message, std::move(done) });
    ++m_waitingCount;
    if (m_batch.isEmpty())
        startBatch();
}

WriterStats MessageWriter::stats() const
{
    WriterStats stats = m_stats;
    stats.waiting = m_waitingCount;
    stats.inBatch = m_batch.size();
    return stats;
}

void MessageWriter::startBatch()
{
    QList<NewMessage> messages;
    // Round-robin: the sender whose turn it is gives one message and goes to the back of the
    // line while it has more.
    while (!m_turns.empty() && m_batch.size() < m_limits.maxBatch) {
        const int sender = m_turns.front();
        m_turns.pop_front();
        auto queue = m_waiting.find(sender);
        messages.append(queue->front().message);
        m_batch.append(std::move(queue->front()));
        queue->pop_front();
        --m_waitingCount;
        if (queue->empty())
            m_waiting.erase(queue);
        else
            m_turns.push_back(sender);
    }
    if (messages.isEmpty())
        return;
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    auto stored = m_store.store(messages);
    whenFinished(stored, this, [this, timer](Result<QList<StoreOutcome>> outcomes) {
        finishBatch(outcomes, double(timer->nsecsElapsed()) / 1e6);
    });
}

void MessageWriter::finishBatch(const Result<QList<StoreOutcome>> &outcomes, double commitMs)
{
    const QList<Pending> batch = std::exchange(m_batch, {});
    ++m_stats.batches;
    m_stats.lastBatchSize = batch.size();
    m_stats.largestBatch = std::max(m_stats.largestBatch, batch.size());
    m_stats.lastCommitMs = commitMs;
    m_commitSeconds.observe(commitMs / 1000.0);
    m_batchSizes.observe(double(batch.size()));
    if (!outcomes)
        ++m_stats.failedBatches;
    for (qsizetype i = 0; i < batch.size(); ++i) {
        if (!outcomes) {
            batch[i].done(outcomes.error());
            continue;
        }
        const StoreOutcome &outcome = outcomes.value()[i];
        if (outcome.kind == StoreOutcome::Kind::Stored)
            ++m_stats.messages;
        batch[i].done(outcome);
    }
    startBatch();
}

} // namespace Im::Core
