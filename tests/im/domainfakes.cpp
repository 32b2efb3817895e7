#include "domainfakes.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace Im::Test {

qint64 FakeClock::wallMs() const
{
    // A fixed epoch, moving with the steady time.
    return 1'700'000'000'000
        + std::chrono::duration_cast<std::chrono::milliseconds>(m_now.time_since_epoch()).count();
}

void FakeClock::callAfter(std::chrono::milliseconds delay, QObject *context,
                          std::function<void()> call)
{
    m_calls.emplace(m_now + delay, Call { context, std::move(call) });
}

void FakeClock::advance(std::chrono::milliseconds delta)
{
    const TimePoint until = m_now + delta;
    while (!m_calls.empty() && m_calls.begin()->first <= until) {
        auto next = m_calls.extract(m_calls.begin());
        m_now = next.key();
        if (next.mapped().context)
            next.mapped().call();
    }
    m_now = until;
}

QFuture<Result<QList<Core::StoreOutcome>>>
FakeMessageStore::store(const QList<Core::NewMessage> &messages)
{
    batches.push_back({ messages, {} });
    return batches.back().answer.start();
}

QFuture<Result<QList<Core::StoredMessage>>>
FakeMessageStore::visibleAfter(int userId, qint64 afterId, int limit)
{
    pages.push_back({ userId, afterId, limit, {} });
    return pages.back().answer.start();
}

QFuture<Result<Core::ReadMark>>
FakeMessageStore::markRead(int reader, const Core::ConversationRef &conversation, qint64 messageId)
{
    readMarks.push_back({ reader, conversation, messageId, {} });
    return readMarks.back().answer.start();
}

QFuture<Result<Core::PendingPage>> FakeMessageStore::pendingAfter(int userId, qint64 afterId,
                                                                  int limit)
{
    pendingPages.push_back({ userId, afterId, limit, {} });
    return pendingPages.back().answer.start();
}

QFuture<Result<QList<Core::StoredMessage>>>
FakeMessageStore::bySeq(int userId, const Core::ConversationRef &conversation, qint64 fromSeq,
                        qint64 toSeq)
{
    ranges.append({ userId, conversation, fromSeq, toSeq });
    return QtFuture::makeReadyFuture(
        Result<QList<Core::StoredMessage>>(QList<Core::StoredMessage> {}));
}

QFuture<Result<Core::ConversationReads>> FakeMessageStore::reads(int, const Core::ConversationRef &)
{
    ++readsAsked;
    return QtFuture::makeReadyFuture(
        Result<Core::ConversationReads>(Error { ErrorCode::NotFound, u"not yours"_s }));
}

QFuture<Result<Core::MessageReaders>> FakeMessageStore::readers(int, qint64)
{
    ++readersAsked;
    return QtFuture::makeReadyFuture(
        Result<Core::MessageReaders>(Error { ErrorCode::NotFound, u"not yours"_s }));
}

void FakeMessageStore::answerOldestBatch(Result<QList<Core::StoreOutcome>> result)
{
    Batch batch = std::move(batches.front());
    batches.pop_front();
    batch.answer.finish(std::move(result));
}

void FakeMessageStore::storeOldestBatch()
{
    QList<Core::StoreOutcome> outcomes;
    for (const Core::NewMessage &message : batches.front().messages) {
        Core::StoreOutcome outcome;
        outcome.kind = Core::StoreOutcome::Kind::Stored;
        outcome.message = storedMessage(nextId++, message.sender, message.receiver);
        outcome.message.msgId = message.msgId;
        outcome.recipients = { message.sender, message.receiver };
        outcomes.append(outcome);
    }
    answerOldestBatch(outcomes);
}

QFuture<Result<qint64>> FakeCursorStore::loadOrRecord(int userId, const QString &deviceId)
{
    if (holdLoads) {
        loads.push_back({ userId, deviceId, {} });
        return loads.back().answer.start();
    }
    PendingAnswer<qint64> answer;
    auto future = answer.start();
    answer.finish(stored[{ userId, deviceId }]);
    return future;
}

QFuture<Result<qint64>> FakeCursorStore::load(int userId, const QString &deviceId)
{
    return loadOrRecord(userId, deviceId);
}

QFuture<Result<void>> FakeCursorStore::raise(const QList<Core::DeliveryCursor> &cursors)
{
    writes.push_back({ cursors, {} });
    return writes.back().answer.start();
}

QFuture<Result<qint64>> FakeCursorStore::acknowledgeUpTo(int userId, const QString &deviceId,
                                                         qint64 id)
{
    qint64 &cursor = stored[{ userId, deviceId }];
    cursor = std::max(cursor, std::min(id, newestMessage));
    PendingAnswer<qint64> answer;
    auto future = answer.start();
    answer.finish(cursor);
    return future;
}

void FakeDeviceLink::push(const QByteArray &payload, std::chrono::milliseconds, AckHandler onAck)
{
    pushed.append(payload);
    m_open.push_back({ payload, std::move(onAck) });
}

void FakeDeviceLink::close()
{
    ++closed;
    drop();
}

void FakeDeviceLink::drop()
{
    if (!m_connected)
        return;
    m_connected = false;
    while (!m_open.empty()) {
        const AckHandler onAck = std::move(m_open.front().onAck);
        m_open.pop_front();
        onAck({ Core::PushOutcome::Kind::Disconnected, std::nullopt });
    }
    reportDisconnected();
}

void FakeDeviceLink::setSaturated(bool saturated)
{
    m_saturated = saturated;
    if (!saturated)
        reportDrained();
}

bool FakeDeviceLink::answer(const QByteArray &payload, const Core::PushOutcome &outcome)
{
    for (auto it = m_open.begin(); it != m_open.end(); ++it) {
        if (it->payload == payload) {
            const AckHandler onAck = std::move(it->onAck);
            m_open.erase(it);
            onAck(outcome);
            return true;
        }
    }
    return false;
}

QList<QByteArray> FakeDeviceLink::openPushes() const
{
    QList<QByteArray> open;
    for (const Push &push : m_open)
        open.append(push.payload);
    return open;
}

Core::PushOutcome delivered()
{
    return answered(200);
}

Core::PushOutcome answered(qint64 status)
{
    return { Core::PushOutcome::Kind::Answered, status };
}

Core::PushOutcome timedOut()
{
    return { Core::PushOutcome::Kind::TimedOut, std::nullopt };
}

Core::StoredMessage storedMessage(qint64 id, int sender, int receiver)
{
    Core::StoredMessage message;
    message.id = id;
    message.seq = id;
    message.msgId = u"m-%1"_s.arg(id);
    message.sender = sender;
    message.receiver = receiver;
    message.type = u"text"_s;
    message.content = u"hello"_s;
    return message;
}

Core::NewMessage newMessage(const QString &msgId, int sender, int receiver)
{
    Core::NewMessage message;
    message.msgId = msgId;
    message.sender = sender;
    message.receiver = receiver;
    message.type = u"text"_s;
    message.content = u"hello"_s;
    return message;
}

Core::StoreOutcome duplicateOutcome()
{
    Core::StoreOutcome outcome;
    outcome.kind = Core::StoreOutcome::Kind::Duplicate;
    return outcome;
}

Core::StoreOutcome refusedOutcome(const QString &why)
{
    Core::StoreOutcome outcome;
    outcome.kind = Core::StoreOutcome::Kind::Refused;
    outcome.refusal = makeError(ErrorCode::PermissionDenied, why);
    return outcome;
}

QByteArray payloadOf(qint64 id)
{
    return QByteArray::number(id);
}

QFuture<Result<void>> RecordingUserSessions::logoutEverywhere(int userId)
{
    asked.append(QStringLiteral("logout everywhere %1").arg(userId));
    QPromise<Result<void>> &logout = m_logouts.emplace_back();
    logout.start();
    return logout.future();
}

void RecordingUserSessions::invalidateUser(int userId)
{
    asked.append(QStringLiteral("reread %1").arg(userId));
}

void RecordingUserSessions::invalidateAllUsers()
{
    asked.append(QStringLiteral("reread all"));
}

bool RecordingUserSessions::finishLogout(const Result<void> &result)
{
    if (m_logouts.empty())
        return false;
    m_logouts.front().addResult(result);
    m_logouts.front().finish();
    m_logouts.pop_front();
    return true;
}

void settle()
{
    for (int i = 0; i < 3; ++i)
        QCoreApplication::processEvents();
}

} // namespace Im::Test
