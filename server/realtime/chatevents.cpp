#include "realtime/chatevents.h"

#include "messaging/wirecodec.h"
#include "socketio/socketiosocket.h"

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

void ChatEvents::bind(SocketIo::SocketIoSocket *socket, const Auth::UserContext &user)
{
    connect(socket, &SocketIo::SocketIoSocket::disconnected, this,
            [this, id = socket->id()] { m_rates.forgetSocket(id); });
    // One shared binding for the socket's three handlers: a pointer this small sits inside each
    // std::function, where three copies of the captures would each be an allocation per socket.
    struct Binding
    {
        QPointer<ChatEvents> self;
        SocketIo::SocketIoSocket *socket;
        Auth::UserContext user;
    };
    const auto bound = std::make_shared<const Binding>(Binding { this, socket, user });
    socket->on(u"on-message"_s, [bound](const QVariantList &arguments, const SocketIo::Ack &ack) {
        const Binding &b = *bound;
        if (b.self && b.self->admit(b.socket, b.user, ack))
            b.self->onMessage(b.socket, b.user, arguments, ack);
    });
    socket->on(u"on-message:read"_s,
               [bound](const QVariantList &arguments, const SocketIo::Ack &ack) {
                   const Binding &b = *bound;
                   if (b.self && b.self->admit(b.socket, b.user, ack))
                       b.self->onRead(b.user, arguments, ack);
               });
    // The original ignored a client's on-notify; it is answered so no client waits in vain.
    socket->on(u"on-notify"_s, [bound](const QVariantList &arguments, const SocketIo::Ack &ack) {
        const Binding &b = *bound;
        if (!b.self || !b.self->admit(b.socket, b.user, ack))
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
    const Core::Sender sender { user.id, user.publicInfo(), socket->id() };
    m_messaging.send(sender, decoded.value(), [ack](const Result<Core::StoreOutcome> &outcome) {
        answerSend(ack, outcome);
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
    m_messaging.markRead(user.id, receipt.value(), [ack](const Result<void> &done) {
        if (!done)
            return refuse(ack, done.error());
        answer(ack, 200, u"Successfully."_s);
    });
}

} // namespace Im::Realtime
