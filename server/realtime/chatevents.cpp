#include "realtime/chatevents.h"

#include "im/futures.h"
#include "messaging/deliveryhub.h"
#include "messaging/messagewriter.h"
#include "messaging/wirecodec.h"
#include "socketio/socketiosocket.h"
#include "store/dbexecutor.h"
#include "store/readqueries.h"

#include <QLoggingCategory>
#include <QPointer>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Im::Realtime {

namespace {

Q_LOGGING_CATEGORY(lcChat, "im.realtime.chat")

const QStringList messageTypes = { u"text"_s, u"image"_s, u"video"_s, u"audio"_s };

void answer(const SocketIo::Ack &ack, int status, const QString &message, qint64 id = 0,
            qint64 seq = 0)
{
    ack({ Messaging::WireCodec::ack(status, message, id, seq) });
}

void refuse(const SocketIo::Ack &ack, const Error &error)
{
    answer(ack, statusCodeFor(error.code), error.message);
}

// The binary payload of an event: its first argument, which must be an attachment.
std::optional<QByteArray> payloadOf(const QVariantList &arguments)
{
    if (arguments.isEmpty() || arguments.first().metaType().id() != QMetaType::QByteArray)
        return std::nullopt;
    return arguments.first().toByteArray();
}

} // namespace

ChatEvents::ChatEvents(Messaging::MessageWriter &writer, Messaging::DeliveryHub &hub,
                       Store::DbExecutor &database, Limits limits, QObject *parent)
    : QObject(parent)
    , m_writer(writer)
    , m_hub(hub)
    , m_database(database)
    , m_limits(limits)
    , m_rates(limits.rates)
{ }

void ChatEvents::bind(SocketIo::SocketIoSocket *socket, const Auth::UserContext &user)
{
    QPointer<ChatEvents> self(this);
    connect(socket, &SocketIo::SocketIoSocket::disconnected, this,
            [this, id = socket->id()] { m_rates.forgetSocket(id); });
    socket->on(u"on-message"_s,
               [self, socket, user](const QVariantList &arguments, const SocketIo::Ack &ack) {
                   if (self && self->admit(socket, user, ack))
                       self->onMessage(socket, user, arguments, ack);
               });
    socket->on(u"on-message:read"_s,
               [self, socket, user](const QVariantList &arguments, const SocketIo::Ack &ack) {
                   if (self && self->admit(socket, user, ack))
                       self->onRead(user, arguments, ack);
               });
    // The original ignored a client's on-notify; it is answered so no client waits in vain.
    socket->on(u"on-notify"_s,
               [self, socket, user](const QVariantList &arguments, const SocketIo::Ack &ack) {
                   if (!self || !self->admit(socket, user, ack))
                       return;
                   const auto payload = payloadOf(arguments);
                   if (payload && Messaging::WireCodec::isNotify(*payload))
                       answer(ack, 200, u"Successfully."_s);
                   else
                       answer(ack, 400, u"Incorrect message format."_s);
               });
}

bool ChatEvents::admit(SocketIo::SocketIoSocket *socket, const Auth::UserContext &user,
                       const SocketIo::Ack &ack)
{
    const EventRateLimiter::Verdict verdict = m_rates.admit(socket->id(), user.id);
    if (verdict == EventRateLimiter::Verdict::Allowed)
        return true;
    answer(ack, 429, u"Too many events; slow down."_s);
    if (verdict == EventRateLimiter::Verdict::Abusive && socket->isConnected()) {
        qCWarning(lcChat) << "disconnecting socket" << socket->id() << "of user" << user.id
                          << "after" << m_rates.settings().abuseLimit << "refused events";
        m_rates.forgetSocket(socket->id());
        // Not from inside the socket's own event dispatch; a DISCONNECT packet, so the acks
        // already queued reach the client first.
        QTimer::singleShot(0, socket, [socket] { socket->disconnect(); });
    }
    return false;
}

void ChatEvents::onMessage(SocketIo::SocketIoSocket *socket, const Auth::UserContext &user,
                           const QVariantList &arguments, const SocketIo::Ack &ack)
{
    const auto payload = payloadOf(arguments);
    if (!payload)
        return answer(ack, 400, u"Incorrect message format."_s);
    auto decoded = Messaging::WireCodec::decodeInbound(*payload);
    if (!decoded)
        return refuse(ack, decoded.error());
    Store::NewMessage message = decoded.value();
    if (message.sender != user.id)
        return answer(ack, 403, u"The sender must be the signed-in user."_s);
    if (message.msgId.isEmpty() || message.msgId.size() > m_limits.maxMsgId)
        return answer(ack, 400, u"msgId must have 1 to %1 characters."_s.arg(m_limits.maxMsgId));
    if (!messageTypes.contains(message.type))
        return answer(ack, 400, u"type must be one of %1."_s.arg(messageTypes.join(u", "_s)));
    if (message.content.size() > m_limits.maxContent)
        return answer(ack, 413,
                      u"content is longer than %1 characters."_s.arg(m_limits.maxContent));
    if (message.ext.toString().size() > m_limits.maxExt)
        return answer(ack, 413, u"ext is longer than %1 characters."_s.arg(m_limits.maxExt));
    if (message.groupId != 0)
        message.receiver = message.groupId; // the original's convention for group messages
    if (!m_rates.reserveMessage(user.id)) {
        return answer(
            ack, 429,
            u"Daily message quota of %1 reached."_s.arg(m_rates.settings().dailyMessages));
    }

    QPointer<ChatEvents> self(this);
    const QString socketId = socket->id();
    const QJsonObject senderInfo = user.publicInfo();
    const int sender = user.id;
    m_writer.submit(
        message,
        [self, ack, socketId, senderInfo, sender](const Result<Store::StoreOutcome> &outcome) {
            // Only what is stored now counts against the quota.
            if (self && (!outcome || outcome->kind != Store::StoreOutcome::Kind::Stored))
                self->m_rates.releaseMessage(sender);
            if (!outcome && outcome.error().code == ErrorCode::Unavailable)
                return answer(ack, 503, outcome.error().message);
            if (!outcome)
                return answer(ack, 500, u"Database Error."_s);
            if (outcome->kind == Store::StoreOutcome::Kind::Refused)
                return refuse(ack, outcome->refusal);
            answer(ack, 200, u"Successfully."_s, outcome->message.id, outcome->message.seq);
            if (!self)
                return;
            Store::StoreOutcome committed = outcome.value();
            if (committed.message.senderInfo.isEmpty())
                committed.message.senderInfo = senderInfo;
            self->m_hub.dispatch(committed, socketId);
        });
}

void ChatEvents::onRead(const Auth::UserContext &user, const QVariantList &arguments,
                        const SocketIo::Ack &ack)
{
    const auto payload = payloadOf(arguments);
    if (!payload)
        return answer(ack, 400, u"Incorrect message format."_s);
    auto receipt = Messaging::WireCodec::decodeReadReceipt(*payload);
    if (!receipt)
        return refuse(ack, receipt.error());
    if (receipt->sender != user.id)
        return answer(ack, 403, u"The sender must be the signed-in user."_s);
    Store::ConversationRef conversation;
    if (receipt->groupId != 0)
        conversation.groupId = int(receipt->groupId);
    else
        conversation.peer = int(receipt->receiver);
    auto marked = m_database.run<Store::ReadMark>(
        [reader = user.id, conversation, id = receipt->id](Store::DbSession &session) {
            return Store::markRead(session, reader, conversation, id);
        });
    QPointer<ChatEvents> self(this);
    whenFinished(marked, this,
                 [self, ack, receipt = receipt.value(), conversation,
                  reader = user.id](Result<Store::ReadMark> mark) {
                     if (!mark) {
                         if (mark.error().code == ErrorCode::Internal
                             || mark.error().code == ErrorCode::Unavailable) {
                             return answer(ack, 500, u"Database error."_s);
                         }
                         return refuse(ack, mark.error());
                     }
                     answer(ack, 200, u"Successfully."_s);
                     // Single chat: the peer learns how far I read; group: the author does.
                     const int target = conversation.isGroup() ? mark->author : conversation.peer;
                     if (!self || target == reader)
                         return;
                     Messaging::WireCodec::ReadReceipt pushed = receipt;
                     pushed.id = mark->lastRead;
                     const QByteArray bytes = Messaging::WireCodec::encodeReadReceipt(pushed);
                     // Best effort, no ack awaited or retried (the desktop client has no
                     // listener for it).
                     for (SocketIo::SocketIoSocket *socket : self->m_hub.socketsOf(target))
                         socket->send(u"on-message:read"_s, { bytes });
                     qCDebug(lcChat) << "read receipt of" << reader << "up to" << mark->lastRead;
                 });
}

} // namespace Im::Realtime
