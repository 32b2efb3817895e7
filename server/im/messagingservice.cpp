#include "im/messagingservice.h"

#include "im/futures.h"
#include "im/messagewriter.h"

#include <QPointer>

using namespace Qt::StringLiterals;

namespace Im::Core {

MessagingService::MessagingService(MessageWriter &writer, MessageStore &store,
                                   MessageFanOut &fanOut, SendQuota &quota, SendLimits limits,
                                   QObject *parent)
    : QObject(parent)
    , m_writer(writer)
    , m_store(store)
    , m_fanOut(fanOut)
    , m_quota(quota)
    , m_limits(limits)
{ }

const QStringList &MessagingService::messageTypes()
{
    static const QStringList types = { u"text"_s, u"image"_s, u"video"_s, u"audio"_s };
    return types;
}

std::optional<Error> MessagingService::brokenRule(const Sender &sender,
                                                  const NewMessage &message) const
{
    if (message.sender != sender.userId)
        return makeError(ErrorCode::PermissionDenied, u"The sender must be the signed-in user."_s);
    if (message.msgId.isEmpty() || message.msgId.size() > m_limits.maxMsgId) {
        return makeError(ErrorCode::Malformed,
                         u"msgId must have 1 to %1 characters."_s.arg(m_limits.maxMsgId));
    }
    if (!messageTypes().contains(message.type)) {
        return makeError(ErrorCode::Malformed,
                         u"type must be one of %1."_s.arg(messageTypes().join(u", "_s)));
    }
    if (message.content.size() > m_limits.maxContent) {
        return makeError(ErrorCode::TooLarge,
                         u"content is longer than %1 characters."_s.arg(m_limits.maxContent));
    }
    if (message.ext.toString().size() > m_limits.maxExt) {
        return makeError(ErrorCode::TooLarge,
                         u"ext is longer than %1 characters."_s.arg(m_limits.maxExt));
    }
    return std::nullopt;
}

void MessagingService::send(const Sender &sender, NewMessage message, SendDone done)
{
    if (const auto broken = brokenRule(sender, message))
        return done(*broken);
    if (message.groupId != 0)
        message.receiver = message.groupId; // the original's convention for group messages
    if (!m_quota.reserveMessage(sender.userId)) {
        return done(
            makeError(ErrorCode::TooManyRequests,
                      u"Daily message quota of %1 reached."_s.arg(m_quota.messagesPerDay())));
    }
    QPointer<MessagingService> self(this);
    m_writer.submit(message,
                    [self, sender, done = std::move(done)](const Result<StoreOutcome> &outcome) {
                        const bool stored = outcome && outcome->kind == StoreOutcome::Kind::Stored;
                        // Only what is stored now counts against the quota.
                        if (self && !stored)
                            self->m_quota.releaseMessage(sender.userId);
                        if (!outcome) {
                            // Over the write path's bounds or the database unreachable: try again
                            // later. Anything else is the database's failure, whose details stay in
                            // the log.
                            if (outcome.error().code == ErrorCode::Unavailable)
                                return done(outcome.error());
                            return done(makeError(ErrorCode::Internal, u"Database Error."_s));
                        }
                        if (outcome->kind == StoreOutcome::Kind::Refused)
                            return done(outcome->refusal);
                        done(outcome);
                        if (!self)
                            return;
                        StoreOutcome committed = outcome.value();
                        if (committed.message.senderInfo.isEmpty())
                            committed.message.senderInfo = sender.publicInfo;
                        self->m_fanOut.dispatch(committed, sender.linkId);
                    });
}

void MessagingService::markRead(int readerId, const ReadReceipt &receipt, ReadDone done)
{
    if (receipt.sender != readerId)
        return done(
            makeError(ErrorCode::PermissionDenied, u"The sender must be the signed-in user."_s));
    ConversationRef conversation;
    if (receipt.groupId != 0)
        conversation.groupId = int(receipt.groupId);
    else
        conversation.peer = int(receipt.receiver);
    whenFinished(m_store.markRead(readerId, conversation, receipt.id), this,
                 [this, readerId, receipt, conversation,
                  done = std::move(done)](const Result<ReadMark> &mark) {
                     if (!mark) {
                         // The database's own words stay in the log; the original's text.
                         if (mark.error().code == ErrorCode::Internal
                             || mark.error().code == ErrorCode::Unavailable) {
                             return done(makeError(ErrorCode::Internal, u"Database error."_s));
                         }
                         return done(mark.error());
                     }
                     done(Result<void>());
                     // Single chat: the peer learns how far I read; group: the author does.
                     const int target = conversation.isGroup() ? mark->author : conversation.peer;
                     if (target == readerId)
                         return;
                     ReadReceipt told = receipt;
                     told.id = mark->lastRead;
                     m_fanOut.dispatchReadReceipt(target, told);
                 });
}

} // namespace Im::Core
