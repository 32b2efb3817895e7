#include "loadrun.h"

#include "chatsocket.h"
#include "im.pb.h"
#include "processcpu.h"
#include "serverlauncher.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace Im::Bench {

namespace {

// Longest a set-up phase (registration, connection, group creation) may take.
constexpr int phaseTimeoutMs = 120000;
// Registrations retried with another account when the number is taken already.
constexpr int registerAttempts = 5;
const QString password = u"bench1234"_s;
const QString chatEvent = u"on-message"_s;

QTextStream &progress()
{
    static QTextStream err(stderr);
    return err;
}

// An account the client's rule accepts (^1[3-9]\d{9}$), random so runs against one server do
// not collide; consecutive users get consecutive numbers.
QString accountNumber(quint32 base, int index)
{
    return u"139%1"_s.arg((base + quint32(index)) % 100000000, 8, 10, QLatin1Char('0'));
}

QByteArray okAck()
{
    im::wire::AckMessage ack;
    ack.set_statuscode(200);
    ack.set_message("Successfully.");
    return QByteArray::fromStdString(ack.SerializeAsString());
}

} // namespace

LoadRun::LoadRun(BenchOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_random(m_options.seed)
    , m_runTag(QString::number(QRandomGenerator::global()->generate(), 36))
{
    m_clock.start();
    m_phaseDeadline.setSingleShot(true);
    connect(&m_phaseDeadline, &QTimer::timeout, this, [this] {
        abort(u"%1 took longer than %2 s"_s.arg(m_phase).arg(phaseTimeoutMs / 1000));
    });
    m_sweep.setInterval(100);
    connect(&m_sweep, &QTimer::timeout, this, &LoadRun::sweepTimeouts);
    m_drainDeadline.setSingleShot(true);
    connect(&m_drainDeadline, &QTimer::timeout, this, &LoadRun::finishMeasuring);

    m_report.users = m_options.users;
    m_report.messagesPerUser = m_options.messagesPerUser;
    m_report.groupShare = m_options.groupShare;
    m_report.groupSize = m_options.groupSize;
    m_report.concurrency = m_options.concurrency;
}

LoadRun::~LoadRun() = default;

void LoadRun::start()
{
    if (m_options.serverBinary.isEmpty()) {
        onServerReady(m_options.url);
        return;
    }
    startPhase(u"starting %1"_s.arg(m_options.serverBinary));
    m_launcher =
        std::make_unique<ServerLauncher>(m_options.serverBinary, m_options.serverEnvironment);
    connect(m_launcher.get(), &ServerLauncher::ready, this, [this](const QUrl &url) {
        m_phaseDeadline.stop();
        onServerReady(url);
    });
    connect(m_launcher.get(), &ServerLauncher::failed, this,
            [this](const QString &reason) { abort(u"server: %1"_s.arg(reason)); });
    m_launcher->start(phaseTimeoutMs);
}

void LoadRun::onServerReady(const QUrl &url)
{
    m_server = url;
    m_report.server = url.toString();
    if (m_launcher) {
        const QString driver = m_options.serverEnvironment.value(u"DB_DRIVER"_s, u"sqlite"_s);
        m_report.server += u" (started by im-bench, %1)"_s.arg(driver);
    }
    m_rest = std::make_unique<RestClient>(m_server);
    registerUsers();
}

void LoadRun::startPhase(const QString &name)
{
    m_phase = name;
    m_phaseStartNs = m_clock.nsecsElapsed();
    progress() << "im-bench: " << name << "..." << Qt::endl;
    m_phaseDeadline.start(phaseTimeoutMs);
}

void LoadRun::phaseDone(double *seconds)
{
    m_phaseDeadline.stop();
    *seconds = double(m_clock.nsecsElapsed() - m_phaseStartNs) / 1e9;
}

void LoadRun::registerUsers()
{
    startPhase(u"registering %1 users"_s.arg(m_options.users));
    m_users.resize(m_options.users);
    m_phaseOutstanding = m_options.users;
    for (int i = 0; i < m_options.users; ++i)
        registerUser(i, 1);
}

void LoadRun::registerUser(int index, int attempt)
{
    // A fresh random block per attempt; a taken number means another run used it.
    const QString account = accountNumber(QRandomGenerator::global()->generate(), index);
    const QJsonObject body { { u"account"_s, account }, { u"pwd"_s, password } };
    m_rest->post(
        u"/users/create"_s, body, {}, [this, index, attempt, account](const RestReply &reply) {
            if (m_shuttingDown)
                return;
            if (reply.httpStatus == 409 && attempt < registerAttempts)
                return registerUser(index, attempt + 1);
            if (!reply.isOk())
                return abort(u"cannot register %1: %2"_s.arg(account, reply.describe()));
            User &user = m_users[index];
            user.account = account;
            user.session.userId = reply.data().value(u"id"_s).toInteger();
            user.session.token = reply.data().value(u"token"_s).toString().toUtf8();
            if (user.session.userId <= 0 || user.session.token.isEmpty())
                return abort(u"registration answered no id or token: %1"_s.arg(reply.describe()));
            if (--m_phaseOutstanding == 0) {
                phaseDone(&m_report.registerSeconds);
                connectSockets();
            }
        });
}

void LoadRun::connectSockets()
{
    startPhase(u"connecting %1 sockets"_s.arg(m_options.users));
    m_phaseOutstanding = m_options.users;
    for (int i = 0; i < m_users.size(); ++i) {
        auto *socket = new ChatSocket(m_server, m_options.socketPath, m_users[i].session,
                                      "bench-"_ba + QByteArray::number(i), this);
        m_users[i].socket = socket;
        socket->setEventHandler([this, i](const QString &event, const QVariantList &arguments) {
            return onEvent(i, event, arguments);
        });
        connect(socket, &ChatSocket::connected, this, [this] {
            if (--m_phaseOutstanding == 0) {
                phaseDone(&m_report.connectSeconds);
                createGroups();
            }
        });
        connect(socket, &ChatSocket::failed, this, [this, i](const QString &reason) {
            if (m_shuttingDown)
                return;
            const QString failure = u"user %1 (%2): %3"_s.arg(i).arg(m_users[i].account, reason);
            if (!m_measuring)
                return abort(u"socket of %1"_s.arg(failure));
            m_report.socketFailures.append(failure);
            abandonSends(i);
        });
        socket->open();
    }
}

void LoadRun::createGroups()
{
    // Consecutive users form groups of groupSize; a lone user left over sends to peers only.
    const int size = m_options.groupSize;
    if (m_options.groupShare > 0) {
        for (int first = 0; first + 1 < m_users.size(); first += size) {
            Group group;
            for (int i = first; i < std::min<int>(first + size, int(m_users.size())); ++i) {
                group.members.append(i);
                m_users[i].group = int(m_groups.size());
            }
            m_groups.append(group);
        }
    }
    m_report.groups = int(m_groups.size());
    startPhase(u"creating %1 groups"_s.arg(m_groups.size()));
    m_phaseOutstanding = int(m_groups.size());
    if (m_groups.isEmpty()) {
        phaseDone(&m_report.groupSeconds);
        return startSending();
    }
    for (int g = 0; g < m_groups.size(); ++g) {
        const User &creator = m_users[m_groups[g].members.first()];
        QJsonArray members;
        for (int member : std::as_const(m_groups[g].members).sliced(1))
            members.append(m_users[member].session.userId);
        const QJsonObject body { { u"name"_s, u"bench-%1"_s.arg(g) },
                                 { u"type"_s, 1 },
                                 { u"members"_s, members } };
        m_rest->post(u"/groups"_s, body, creator.session, [this, g](const RestReply &reply) {
            if (m_shuttingDown)
                return;
            m_groups[g].id = reply.data().value(u"id"_s).toInteger();
            if (!reply.isOk() || m_groups[g].id <= 0)
                return abort(u"cannot create group %1: %2"_s.arg(g).arg(reply.describe()));
            if (--m_phaseOutstanding == 0) {
                phaseDone(&m_report.groupSeconds);
                startSending();
            }
        });
    }
}

void LoadRun::startSending()
{
    progress() << "im-bench: sending " << qint64(m_options.users) * m_options.messagesPerUser
               << " messages..." << Qt::endl;
    m_measuring = true;
    m_sendStartNs = m_clock.nsecsElapsed();
    m_benchCpuAtStart = ownCpuSeconds();
    if (m_launcher)
        m_serverCpuAtStart = processCpuSeconds(m_launcher->processId());
    m_sweep.start();
    for (int i = 0; i < m_users.size(); ++i)
        pump(i);
    maybeDrained(); // nothing to send at all
}

void LoadRun::pump(int index)
{
    User &user = m_users[index];
    while (user.inFlight < m_options.concurrency && user.sent < m_options.messagesPerUser)
        sendOne(index);
}

void LoadRun::sendOne(int index)
{
    User &user = m_users[index];
    const int sequence = user.sent++;
    ++user.inFlight;
    ++m_report.sends;

    im::wire::InboundChatMessage message;
    const QString msgId = u"%1-%2-%3"_s.arg(m_runTag).arg(index).arg(sequence);
    message.set_msgid(msgId.toStdString());
    message.set_sender(user.session.userId);
    message.set_type("text");
    message.set_content(u"im-bench message %1 of user %2"_s.arg(sequence).arg(index).toStdString());
    message.set_timer(QDateTime::currentMSecsSinceEpoch());

    QList<qint64> receivers;
    qint64 groupId = 0;
    if (user.group >= 0 && m_random.generateDouble() < m_options.groupShare) {
        const Group &group = m_groups[user.group];
        groupId = group.id;
        message.set_groupid(groupId);
        message.set_receiver(groupId);
        for (int member : group.members) {
            if (member != index)
                receivers.append(m_users[member].session.userId);
        }
        ++m_report.groupSends;
    } else {
        int peer = int(m_random.bounded(m_users.size() - 1));
        if (peer >= index)
            ++peer; // anyone but the sender
        message.set_receiver(m_users[peer].session.userId);
        receivers.append(m_users[peer].session.userId);
    }

    const qint64 now = m_clock.nsecsElapsed();
    m_ledger.expect(msgId, now, user.session.userId, groupId, receivers);
    m_pending.insert(msgId, { index, now });
    user.socket->emitWithAck(
        chatEvent, QByteArray::fromStdString(message.SerializeAsString()),
        [this, msgId](const std::optional<QVariantList> &arguments) { onAck(msgId, arguments); });
}

bool LoadRun::settle(const QString &msgId, PendingSend *send)
{
    const auto found = m_pending.find(msgId);
    if (found == m_pending.end())
        return false;
    *send = *found;
    m_pending.erase(found);
    --m_users[send->user].inFlight;
    ++m_settled;
    return true;
}

void LoadRun::onAck(const QString &msgId, const std::optional<QVariantList> &arguments)
{
    PendingSend send;
    if (m_shuttingDown || !settle(msgId, &send))
        return;
    const qint64 now = m_clock.nsecsElapsed();
    im::wire::AckMessage ack;
    if (!arguments) {
        ++m_report.unanswered;
        m_ledger.cancel(msgId);
    } else if (arguments->isEmpty()
               || !ack.ParseFromString(arguments->first().toByteArray().toStdString())) {
        ++m_report.refused;
        ++m_report.refusals[u"undecodable ack"_s];
        m_ledger.cancel(msgId);
    } else if (ack.statuscode() != 200) {
        ++m_report.refused;
        ++m_report.refusals[u"%1 %2"_s.arg(ack.statuscode())
                                .arg(QString::fromStdString(ack.message()))];
        m_ledger.cancel(msgId);
    } else {
        ++m_report.acked;
        m_report.ackLatency.add(now - send.sentNs);
    }
    m_lastAckNs = now;
    if (m_users[send.user].socket->isConnected())
        pump(send.user);
    maybeDrained();
}

void LoadRun::abandonSends(int index)
{
    User &user = m_users[index];
    const int unsent = m_options.messagesPerUser - user.sent;
    user.sent = m_options.messagesPerUser;
    m_report.unanswered += unsent;
    m_settled += unsent;
    maybeDrained();
}

void LoadRun::sweepTimeouts()
{
    const qint64 oldest = m_clock.nsecsElapsed() - qint64(m_options.ackTimeoutMs) * 1000000;
    QStringList expired;
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it) {
        if (it->sentNs < oldest)
            expired.append(it.key());
    }
    QList<int> senders;
    for (const QString &msgId : std::as_const(expired)) {
        PendingSend send;
        settle(msgId, &send);
        ++m_report.timedOut;
        m_ledger.cancel(msgId);
        senders.append(send.user);
    }
    for (int sender : std::as_const(senders)) {
        if (m_users[sender].socket->isConnected())
            pump(sender);
    }
    maybeDrained();
}

QByteArray LoadRun::onEvent(int index, const QString &event, const QVariantList &arguments)
{
    static const QByteArray ok = okAck();
    if (event != chatEvent || !m_measuring)
        return ok; // notifications and receipts: acknowledged, not measured
    im::wire::OutboundChatMessage message;
    if (arguments.isEmpty()
        || !message.ParseFromString(arguments.first().toByteArray().toStdString())) {
        ++m_undecodablePushes;
        return ok;
    }
    const qint64 now = m_clock.nsecsElapsed();
    const auto outcome =
        m_ledger.record(QString::fromStdString(message.msgid()), m_users[index].session.userId,
                        message.sender(), message.has_groupid() ? message.groupid() : 0, now);
    if (outcome == DeliveryLedger::Outcome::Expected) {
        m_lastDeliveryNs = now;
        if (m_ledger.outstanding() == 0)
            maybeDrained();
    }
    return ok;
}

void LoadRun::maybeDrained()
{
    const qint64 total = qint64(m_options.users) * m_options.messagesPerUser;
    if (!m_measuring || m_settled < total)
        return;
    m_sweep.stop();
    if (m_ledger.outstanding() == 0)
        return finishMeasuring();
    if (!m_drainDeadline.isActive()) {
        progress() << "im-bench: all sends answered, waiting for " << m_ledger.outstanding()
                   << " deliveries..." << Qt::endl;
        m_drainDeadline.start(m_options.drainTimeoutMs);
    }
}

void LoadRun::finishMeasuring()
{
    if (!m_measuring)
        return;
    m_measuring = false;
    m_drainDeadline.stop();
    m_report.benchCpuSeconds = ownCpuSeconds() - m_benchCpuAtStart;
    if (m_launcher && m_serverCpuAtStart) {
        if (const auto now = processCpuSeconds(m_launcher->processId()))
            m_report.serverCpuSeconds = *now - *m_serverCpuAtStart;
    }
    m_report.sendSeconds = double(std::max<qint64>(m_lastAckNs - m_sendStartNs, 0)) / 1e9;
    m_report.deliverySeconds = double(std::max<qint64>(m_lastDeliveryNs - m_sendStartNs, 0)) / 1e9;
    using Outcome = DeliveryLedger::Outcome;
    m_report.expectedDeliveries = m_ledger.expected();
    m_report.deliveries = m_ledger.count(Outcome::Expected);
    m_report.missing = m_ledger.outstanding();
    m_report.duplicates = m_ledger.count(Outcome::Duplicate);
    m_report.unexpected = m_ledger.count(Outcome::Unexpected) + m_undecodablePushes;
    m_report.mismatched = m_ledger.count(Outcome::Mismatched);
    m_report.ofFailedSends = m_ledger.count(Outcome::OfFailedSend);
    m_report.deliveryLatency = m_ledger.latency();

    QTextStream out(stdout);
    printReport(out, m_report);
    shutDown(m_report.passed() ? 0 : 1);
}

void LoadRun::abort(const QString &reason)
{
    if (m_shuttingDown)
        return;
    m_aborted = true;
    progress() << "im-bench: " << reason << Qt::endl;
    if (m_launcher) {
        progress() << "--- the server's last output ---\n"
                   << QString::fromUtf8(m_launcher->outputTail()) << Qt::endl;
    }
    shutDown(1);
}

void LoadRun::shutDown(int exitCode)
{
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    m_measuring = false;
    m_phaseDeadline.stop();
    m_sweep.stop();
    m_drainDeadline.stop();
    for (User &user : m_users) {
        if (user.socket)
            user.socket->close();
    }
    if (!m_launcher)
        return Q_EMIT finished(exitCode);
    connect(m_launcher.get(), &ServerLauncher::stopped, this, [this, exitCode](int serverExit) {
        if (serverExit != 0 && !m_aborted) { // (an abort printed the output already)
            progress() << "im-bench: the server exited with status " << serverExit
                       << "\n--- its last output ---\n"
                       << QString::fromUtf8(m_launcher->outputTail()) << Qt::endl;
        }
        Q_EMIT finished(serverExit != 0 ? 1 : exitCode);
    });
    m_launcher->stop();
}

} // namespace Im::Bench
