#pragma once

#include "im/chatmessage.h"
#include "im/result.h"
#include "metrics/histogram.h"

#include <QHash>
#include <QObject>

#include <chrono>
#include <deque>
#include <functional>

namespace Im::Core {

class MessageStore;

//! Figures of the write path, for the admin console.
struct WriterStats
{
    qsizetype waiting = 0; //!< messages queued for the next batch
    qsizetype inBatch = 0; //!< messages in the transaction being committed
    qint64 batches = 0;
    qint64 messages = 0;
    qint64 failedBatches = 0;
    qsizetype lastBatchSize = 0;
    double lastCommitMs = 0;
    qsizetype largestBatch = 0;
    qint64 refused = 0; //!< messages answered 503 because the wait list was full
};

//! The writer's bounds (settings CHAT_WRITER_BATCH, CHAT_WRITER_MAX_WAITING).
struct WriterLimits
{
    int maxBatch = 256; //!< messages per transaction
    qsizetype maxWaiting = 20000; //!< messages queued for a batch; more are refused at once
};

//! Persists chat messages in batches: while one transaction commits, new messages queue up and go
//! together in the next one (group commit), so throughput does not hang on one commit per message.
//! Only one batch is in flight at a time, so ids are handed out in commit order, and the
//! completions run in id order, after the commit: a message pushed from a completion always
//! exists. Batches are formed round-robin over the senders waiting (one message of each in turn,
//! each sender's own in order), so one sender's backlog never delays another's message by more
//! than a batch. Each batch is one MessageStore::store() call (in SQL, a handful of set-based
//! statements). The wait list is
//! bounded: over it a message is refused at once with Unavailable, and nothing queued is dropped.
//! Network thread.
class MessageWriter : public QObject
{
    Q_OBJECT
public:
    using Completion = std::function<void(const Result<StoreOutcome> &)>;

    MessageWriter(MessageStore &store, WriterLimits limits = {}, QObject *parent = nullptr);

    //! Queues \a message; \a done runs on this thread once its batch committed (or failed), or
    //! at once with an Unavailable error when the wait list is full.
    void submit(const NewMessage &message, Completion done);

    [[nodiscard]] WriterStats stats() const;
    //! Seconds from a batch's submission to the database until its outcome is back.
    [[nodiscard]] const Metrics::Histogram &commitSeconds() const { return m_commitSeconds; }
    //! Messages per committed or failed batch.
    [[nodiscard]] const Metrics::Histogram &batchSizes() const { return m_batchSizes; }

private:
    void startBatch();
    void finishBatch(const Result<QList<StoreOutcome>> &outcomes, double commitMs);

    struct Pending
    {
        NewMessage message;
        Completion done;
    };

    MessageStore &m_store;
    const WriterLimits m_limits;
    //! Waiting messages per sender, and the senders in their turn order (each listed once).
    QHash<int, std::deque<Pending>> m_waiting;
    std::deque<int> m_turns;
    qsizetype m_waitingCount = 0;
    QList<Pending> m_batch;
    WriterStats m_stats;
    Metrics::Histogram m_commitSeconds { Metrics::Buckets::latencySeconds() };
    Metrics::Histogram m_batchSizes { Metrics::Buckets::batchSizes() };
};

} // namespace Im::Core
