#include "realtime/chatevents.h"

#include "messaging/chatsocketuser.h"
#include "messaging/wirecodec.h"
#include "socketio/socketionamespace.h"
#include "socketio/socketiosocket.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QPointer>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Im::Realtime {

namespace {

Q_LOGGING_CATEGORY(lcChat, "im.realtime.chat")

void answer(const SocketIo::Ack &ack, int status, const QString &message, qint64 id = 0,
            qint64 seq = 0)
{
    ack({ Messaging::WireCodec::ack(status, message, id, seq) });
}

void refuse(const SocketIo::Ack &ack, const Error &error)
{
    answer(ack, statusCodeFor(error.code), error.message);
}

//! The one place a send's outcome becomes its ack.
void answerSend(const SocketIo::Ack &ack, const Result<Core::StoreOutcome> &outcome)
{
    if (!outcome)
        return refuse(ack, outcome.error());
    answer(ack, 200, u"Successfully."_s, outcome->message.id, outcome->message.seq);
}

// The binary payload of an event: its first argument, which must be an attachment.
std::optional<QByteArray> payloadOf(const QVariantList &arguments)
{
    if (arguments.isEmpty() || arguments.first().metaType().id() != QMetaType::QByteArray)
        return std::nullopt;
    return arguments.first().toByteArray();
}

} // namespace

ChatEvents::ChatEvents(Core::MessageWriter &writer, Core::MessageStore &store,
                       Core::MessageFanOut &fanOut, Limits limits, QObject *parent)
    : QObject(parent)
    , m_rates(limits.rates)
    , m_messaging(writer, store, fanOut, m_rates, limits.send)
{ }

void ChatEvents::handleOn(SocketIo::SocketIoNamespace &chat)
{
    // Every socket of the namespace is a chat socket (its authenticator accepts no other), and
    // its user is in its userData: one handler per event serves them all.
    chat.on(u"on-message"_s,
            [self = QPointer(this)](SocketIo::SocketIoSocket *socket, const QVariantList &arguments,
                                    const SocketIo::Ack &ack) {
                const auto user = Messaging::ChatSocketUser::of(*socket);
                if (self && self->admit(socket, user.id, ack))
                    self->onMessage(socket, user.id, user.publicInfoJson, arguments, ack);
            });
    chat.on(u"on-message:read"_s,
            [self = QPointer(this)](SocketIo::SocketIoSocket *socket, const QVariantList &arguments,
                                    const SocketIo::Ack &ack) {
                const int userId = Messaging::ChatSocketUser::of(*socket).id;
                if (self && self->admit(socket, userId, ack))
                    self->onRead(userId, arguments, ack);
            });
    // The original ignored a client's on-notify; it is answered so no client waits in vain.
    chat.on(u"on-notify"_s,
            [self = QPointer(this)](SocketIo::SocketIoSocket *socket, const QVariantList &arguments,
                                    const SocketIo::Ack &ack) {
                if (!self || !self->admit(socket, Messaging::ChatSocketUser::of(*socket).id, ack))
                    return;
                const auto payload = payloadOf(arguments);
                if (payload && Messaging::WireCodec::isNotify(*payload))
                    answer(ack, 200, u"Successfully."_s);
                else
                    answer(ack, 400, u"Incorrect message format."_s);
            });
}

void ChatEvents::unbind(const QString &socketId)
{
    m_rates.forgetSocket(socketId);
}

bool ChatEvents::admit(SocketIo::SocketIoSocket *socket, int userId, const SocketIo::Ack &ack)
{
    const EventRateLimiter::Verdict verdict = m_rates.admit(socket->id(), userId);
    if (verdict == EventRateLimiter::Verdict::Allowed)
        return true;
    answer(ack, 429, u"Too many events; slow down."_s);
    if (verdict == EventRateLimiter::Verdict::Abusive && socket->isConnected()) {
        qCWarning(lcChat) << "disconnecting socket" << socket->id() << "of user" << userId
                          << "after" << m_rates.settings().abuseLimit << "refused events";
        m_rates.forgetSocket(socket->id());
        // Not from inside the socket's own event dispatch; a DISCONNECT packet, so the acks
        // already queued reach the client first.
        QTimer::singleShot(0, socket, [socket] { socket->disconnect(); });
    }
    return false;
}

void ChatEvents::onMessage(SocketIo::SocketIoSocket *socket, int userId,
                           const QByteArray &publicInfoJson, const QVariantList &arguments,
                           const SocketIo::Ack &ack)
{
    const auto payload = payloadOf(arguments);
    if (!payload)
        return answer(ack, 400, u"Incorrect message format."_s);
    auto decoded = Messaging::WireCodec::decodeInbound(*payload);
    if (!decoded)
        return refuse(ack, decoded.error());
    const Core::Sender sender { userId, QJsonDocument::fromJson(publicInfoJson).object(),
                                socket->id() };
    m_messaging.send(sender, decoded.value(), [ack](const Result<Core::StoreOutcome> &outcome) {
        answerSend(ack, outcome);
    });
}

void ChatEvents::onRead(int userId, const QVariantList &arguments, const SocketIo::Ack &ack)
{
    const auto payload = payloadOf(arguments);
    if (!payload)
        return answer(ack, 400, u"Incorrect message format."_s);
    auto receipt = Messaging::WireCodec::decodeReadReceipt(*payload);
    if (!receipt)
        return refuse(ack, receipt.error());
    m_messaging.markRead(userId, receipt.value(), [ack](const Result<void> &done) {
        if (!done)
            return refuse(ack, done.error());
        answer(ack, 200, u"Successfully."_s);
    });
}

} // namespace Im::Realtime
