#include "messaging/messagewriter.h"

#include "im/futures.h"
#include "store/dbexecutor.h"

#include <QElapsedTimer>

namespace Im::Messaging {

MessageWriter::MessageWriter(Store::DbExecutor &database, Store::SendRules rules, int maxBatch,
                             QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_rules(rules)
    , m_maxBatch(std::max(1, maxBatch))
{ }

void MessageWriter::submit(const Store::NewMessage &message, Completion done)
{
    m_waiting.push_back({ message, std::move(done) });
    if (m_batch.isEmpty())
        startBatch();
}

WriterStats MessageWriter::stats() const
{
    WriterStats stats = m_stats;
    stats.waiting = qsizetype(m_waiting.size());
    stats.inBatch = m_batch.size();
    return stats;
}

void MessageWriter::startBatch()
{
    QList<Store::NewMessage> messages;
    while (!m_waiting.empty() && m_batch.size() < m_maxBatch) {
        messages.append(m_waiting.front().message);
        m_batch.append(std::move(m_waiting.front()));
        m_waiting.pop_front();
    }
    if (messages.isEmpty())
        return;
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    auto stored = m_database.run<QList<Store::StoreOutcome>>(
        [messages, rules = m_rules](Store::DbSession &session) {
            return Store::storeMessages(session, messages, rules);
        });
    whenFinished(stored, this, [this, timer](Result<QList<Store::StoreOutcome>> outcomes) {
        finishBatch(outcomes, double(timer->nsecsElapsed()) / 1e6);
    });
}

void MessageWriter::finishBatch(const Result<QList<Store::StoreOutcome>> &outcomes, double commitMs)
{
    const QList<Pending> batch = std::exchange(m_batch, {});
    ++m_stats.batches;
    m_stats.lastBatchSize = batch.size();
    m_stats.largestBatch = std::max(m_stats.largestBatch, batch.size());
    m_stats.lastCommitMs = commitMs;
    if (!outcomes)
        ++m_stats.failedBatches;
    for (qsizetype i = 0; i < batch.size(); ++i) {
        if (!outcomes) {
            batch[i].done(outcomes.error());
            continue;
        }
        const Store::StoreOutcome &outcome = outcomes.value()[i];
        if (outcome.kind == Store::StoreOutcome::Kind::Stored)
            ++m_stats.messages;
        batch[i].done(outcome);
    }
    startBatch();
}

} // namespace Im::Messaging
