#pragma once

#include "im/clock.h"
#include "im/devicelink.h"
#include "im/messagestore.h"
#include "im/usersessions.h"

#include <QPointer>
#include <QPromise>

#include <deque>
#include <map>
#include <memory>

// Fakes of what the messaging domain needs from outside, for its unit tests: a clock the test
// moves, stores whose answers the test gives (in any order it likes), a device link that records
// pushes and is answered by the test.
namespace Im::Test {

//! A clock that stands still until advance(): deferred calls run in due order as time passes.
class FakeClock final : public Core::Clock
{
public:
    qint64 wallMs() const override;
    TimePoint now() const override { return m_now; }
    void callAfter(std::chrono::milliseconds delay, QObject *context,
                   std::function<void()> call) override;

    //! Moves time forward by \a delta, running every call that falls due on the way.
    void advance(std::chrono::milliseconds delta);
    //! Deferred calls not run yet (their contexts may be gone).
    [[nodiscard]] qsizetype pendingCalls() const { return qsizetype(m_calls.size()); }

private:
    struct Call
    {
        QPointer<QObject> context;
        std::function<void()> call;
    };
    TimePoint m_now {};
    std::multimap<TimePoint, Call> m_calls;
};

//! A future the test finishes by hand.
template<typename T>
struct PendingAnswer
{
    std::shared_ptr<QPromise<Result<T>>> promise = std::make_shared<QPromise<Result<T>>>();

    QFuture<Result<T>> start()
    {
        promise->start();
        return promise->future();
    }
    void finish(Result<T> result)
    {
        promise->addResult(std::move(result));
        promise->finish();
    }
};

//! Records every batch and page request; the test answers them.
class FakeMessageStore final : public Core::MessageStore
{
public:
    struct Batch
    {
        QList<Core::NewMessage> messages;
        PendingAnswer<QList<Core::StoreOutcome>> answer;
    };
    struct Page
    {
        int userId = 0;
        qint64 afterId = 0;
        int limit = 0;
        PendingAnswer<QList<Core::StoredMessage>> answer;
    };
    struct CountedPage
    {
        int userId = 0;
        qint64 afterId = 0;
        int limit = 0;
        PendingAnswer<Core::PendingPage> answer;
    };

    QFuture<Result<QList<Core::StoreOutcome>>>
    store(const QList<Core::NewMessage> &messages) override;
    QFuture<Result<QList<Core::StoredMessage>>> visibleAfter(int userId, qint64 afterId,
                                                             int limit) override;
    QFuture<Result<Core::ReadMark>> markRead(int reader, const Core::ConversationRef &conversation,
                                             qint64 messageId) override;
    //! Kept in `pendingPages` for the test to answer.
    QFuture<Result<Core::PendingPage>> pendingAfter(int userId, qint64 afterId, int limit) override;
    //! Recorded in `ranges`, answered at once with no messages.
    QFuture<Result<QList<Core::StoredMessage>>> bySeq(int userId,
                                                      const Core::ConversationRef &conversation,
                                                      qint64 fromSeq, qint64 toSeq) override;
    //! Counted, answered at once with NotFound.
    QFuture<Result<Core::ConversationReads>>
    reads(int userId, const Core::ConversationRef &conversation) override;
    QFuture<Result<Core::MessageReaders>> readers(int userId, qint64 messageId) override;

    //! Answers the oldest open batch: every message stored, with the next ids.
    void storeOldestBatch();
    //! Answers the oldest open batch with \a result (one outcome per message, or an error).
    void answerOldestBatch(Result<QList<Core::StoreOutcome>> result);

    std::deque<Batch> batches; //!< open batches, oldest first
    std::deque<Page> pages; //!< open page requests, oldest first
    struct Read
    {
        int reader = 0;
        Core::ConversationRef conversation;
        qint64 messageId = 0;
        PendingAnswer<Core::ReadMark> answer;
    };
    std::deque<Read> readMarks; //!< open read marks, oldest first
    std::deque<CountedPage> pendingPages; //!< open pendingAfter() requests, oldest first
    struct Range
    {
        int userId = 0;
        Core::ConversationRef conversation;
        qint64 fromSeq = 0;
        qint64 toSeq = 0;
    };
    QList<Range> ranges;
    int readsAsked = 0;
    int readersAsked = 0;
    qint64 nextId = 1;
};

//! Records cursor writes; the test answers them. Stored cursors are kept in `stored`.
class FakeCursorStore final : public Core::CursorStore
{
public:
    struct Write
    {
        QList<Core::DeliveryCursor> cursors;
        PendingAnswer<void> answer;
    };

    //! Answered at once from `stored`, unless `holdLoads`: then kept in `loads` for the test.
    QFuture<Result<qint64>> loadOrRecord(int userId, const QString &deviceId) override;
    //! As loadOrRecord() (the fake records nothing).
    QFuture<Result<qint64>> load(int userId, const QString &deviceId) override;
    QFuture<Result<void>> raise(const QList<Core::DeliveryCursor> &cursors) override;
    //! Answered at once, from `stored` and `newestMessage`.
    QFuture<Result<qint64>> acknowledgeUpTo(int userId, const QString &deviceId,
                                            qint64 id) override;

    struct Load
    {
        int userId = 0;
        QString deviceId;
        PendingAnswer<qint64> answer;
    };

    std::map<std::pair<int, QString>, qint64> stored;
    bool holdLoads = false;
    std::deque<Load> loads; //!< open loads (with holdLoads), oldest first
    qint64 newestMessage = 1000;
    std::deque<Write> writes; //!< open writes, oldest first
};

//! A device whose pushes the test answers.
class FakeDeviceLink final : public Core::DeviceLink
{
    Q_OBJECT
public:
    struct Push
    {
        QByteArray payload;
        AckHandler onAck;
    };

    explicit FakeDeviceLink(QString id = QStringLiteral("fake-link"))
        : m_id(std::move(id))
    { }

    QString linkId() const override { return m_id; }
    bool isConnected() const override { return m_connected; }
    bool isSaturated() const override { return m_saturated; }
    void push(const QByteArray &payload, std::chrono::milliseconds timeout,
              AckHandler onAck) override;
    void pushReadReceipt(const QByteArray &payload) override { readReceipts.append(payload); }
    //! Counted, then the link disconnects.
    void close() override;

    void setSaturated(bool saturated);
    //! The device went: open pushes are answered Disconnected, then the observer is told.
    void drop();
    //! Answers the push of \a payload (the oldest one open) with \a outcome; false when none.
    bool answer(const QByteArray &payload, const Core::PushOutcome &outcome);
    //! The payloads pushed and not answered yet, in push order.
    [[nodiscard]] QList<QByteArray> openPushes() const;

    QList<QByteArray> pushed; //!< every push, retries included, in order
    QList<QByteArray> readReceipts; //!< every read receipt, in order
    int closed = 0; //!< how often close() was called

private:
    const QString m_id;
    std::deque<Push> m_open;
    bool m_saturated = false;
    bool m_connected = true;
};

//! Records what the account and access rules ask of the signed-in sessions; every
//! logoutEverywhere() stays open until the test finishes it.
class RecordingUserSessions final : public Core::UserSessions
{
public:
    QFuture<Result<void>> logoutEverywhere(int userId) override;
    void invalidateUser(int userId) override;
    void invalidateAllUsers() override;

    //! Finishes the oldest open logoutEverywhere() with \a result; false when none is open.
    bool finishLogout(const Result<void> &result = {});

    QStringList asked; //!< "logout everywhere <id>", "reread <id>", "reread all", in order

private:
    std::deque<QPromise<Result<void>>> m_logouts;
};

//! The push payload the tests' encoders give message \a id: its id in digits.
[[nodiscard]] QByteArray payloadOf(qint64 id);
//! The ack a device gives when it holds the message.
[[nodiscard]] Core::PushOutcome delivered();
[[nodiscard]] Core::PushOutcome answered(qint64 status);
[[nodiscard]] Core::PushOutcome timedOut();

//! A message of the single chat between \a sender and \a receiver with id \a id.
[[nodiscard]] Core::StoredMessage storedMessage(qint64 id, int sender = 1, int receiver = 2);
[[nodiscard]] Core::NewMessage newMessage(const QString &msgId, int sender, int receiver = 99);
//! What a store answers for a retried msgId, and for a message its rules refuse.
[[nodiscard]] Core::StoreOutcome duplicateOutcome();
[[nodiscard]] Core::StoreOutcome refusedOutcome(const QString &why);
//! Lets futures' watchers report: runs the posted events.
void settle();

} // namespace Im::Test
