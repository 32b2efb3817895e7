#include "catchupscenario.h"

#include "chatsocket.h"
#include "chatwire.h"

using namespace Qt::StringLiterals;

namespace Im::Bench {

CatchUpScenario::CatchUpScenario(Account target, int messages, int window, QString msgIdPrefix,
                                 const QElapsedTimer &clock, QObject *parent)
    : QObject(parent)
    , m_target(std::move(target))
    , m_prefix(std::move(msgIdPrefix))
    , m_window(window)
    , m_clock(clock)
{
    m_figures.messages = messages;
    m_figures.window = window;
    m_stall.setSingleShot(true);
    connect(&m_stall, &QTimer::timeout, this, [this] { finish(); });
}

CatchUpScenario::~CatchUpScenario() = default;

void CatchUpScenario::fill(const QList<Sender> &senders)
{
    m_senders = senders;
    m_fillStartNs = m_clock.nsecsElapsed();
    if (m_figures.messages == 0 || m_senders.isEmpty())
        return Q_EMIT filled();
    sendMore();
}

void CatchUpScenario::sendMore()
{
    while (m_inFlight < m_window && m_nextSend < m_figures.messages) {
        const int k = m_nextSend++;
        const Sender &sender = m_senders[k % m_senders.size()];
        const QString msgId = m_prefix + QString::number(k);
        ++m_inFlight;
        sender.socket->emitWithAck(
            ChatWire::event,
            ChatWire::encodeMessage(msgId, sender.userId, m_target.session.userId, 0,
                                    u"im-bench catch-up message %1"_s.arg(k)),
            [this, msgId](const std::optional<QVariantList> &arguments) {
                onFillAck(msgId, arguments);
            });
    }
}

void CatchUpScenario::onFillAck(const QString &msgId, const std::optional<QVariantList> &arguments)
{
    --m_inFlight;
    const auto ack = ChatWire::readAck(arguments);
    if (ack && ack->stored) {
        ++m_figures.stored;
        m_expected.insert(msgId, ack->messageId);
    } else {
        ++m_figures.fillFailed;
        ++m_figures.fillRefusals[ack ? ack->refusal : u"unanswered (socket lost)"_s];
    }
    if (m_nextSend < m_figures.messages)
        return sendMore();
    if (m_inFlight > 0)
        return;
    m_figures.fillSeconds = double(m_clock.nsecsElapsed() - m_fillStartNs) / 1e9;
    if (m_figures.fillFailed > 0) {
        return Q_EMIT failed(
            u"%1 of %2 backlog messages were not stored"_s.arg(m_figures.fillFailed)
                .arg(m_figures.messages));
    }
    Q_EMIT filled();
}

void CatchUpScenario::connectDevice(const QUrl &server, const QString &socketPath,
                                    int stallTimeoutMs)
{
    m_socket = new ChatSocket(server, socketPath, m_target.session, "bench-0", this);
    m_socket->setEventHandler([this](const QString &event, const QVariantList &arguments) {
        return onPush(event, arguments);
    });
    connect(m_socket, &ChatSocket::failed, this,
            [this](const QString &reason) { finish(u"catch-up device: %1"_s.arg(reason)); });
    // Nothing for this long while messages are missing: report what came.
    m_stall.setInterval(std::max(stallTimeoutMs, 1000));
    m_openedNs = std::max<qint64>(m_clock.nsecsElapsed(), 1);
    m_stall.start();
    m_socket->open();
    if (m_expected.isEmpty())
        finish(); // nothing to wait for
}

QByteArray CatchUpScenario::onPush(const QString &event, const QVariantList &arguments)
{
    if (event != ChatWire::event || m_finished)
        return ChatWire::okAck();
    m_stall.start();
    const auto push = ChatWire::readPush(arguments);
    if (!push) {
        ++m_figures.unexpected;
        return ChatWire::okAck();
    }
    if (!isOwnMessage(push->msgId)) {
        ++m_figures.earlier; // waiting since an earlier run: acked so the cursor moves on
        return ChatWire::okAck();
    }
    const auto expected = m_expected.constFind(push->msgId);
    if (expected == m_expected.cend() || push->sender == m_target.session.userId
        || (expected.value() != 0 && expected.value() != push->id)) {
        ++m_figures.unexpected;
    } else if (m_received.contains(push->msgId)) {
        ++m_figures.duplicates;
    } else {
        m_received.insert(push->msgId);
        // The server reads the backlog in id order: any step back is a reordering.
        if (push->id <= m_highestId)
            ++m_figures.outOfOrder;
        m_highestId = std::max(m_highestId, push->id);
        ++m_figures.received;
        m_figures.seconds = double(m_clock.nsecsElapsed() - m_openedNs) / 1e9;
        if (m_received.size() == m_expected.size())
            finish();
    }
    return ChatWire::okAck();
}

void CatchUpScenario::finish(const QString &socketFailure)
{
    if (m_finished)
        return;
    m_finished = true;
    m_stall.stop();
    m_figures.socketFailure = socketFailure;
    m_figures.missing = m_figures.stored - m_figures.received;
    m_figures.complete = m_figures.missing == 0;
    Q_EMIT finished();
}

void CatchUpScenario::close()
{
    m_stall.stop();
    if (m_socket)
        m_socket->close();
}

} // namespace Im::Bench
