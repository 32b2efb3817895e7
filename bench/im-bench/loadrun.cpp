#include "loadrun.h"

#include "catchupscenario.h"
#include "chatsocket.h"
#include "chatwire.h"
#include "jsonreport.h"
#include "processcpu.h"
#include "serverlauncher.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace Im::Bench {

namespace {

// Longest a set-up phase may take, plus the allowance per item below: argon2id makes every
// account cost tens of milliseconds of the server's CPU, a busy writer every backlog message
// a few.
constexpr int phaseTimeoutMs = 120000;
constexpr int perAccountMs = 250;
constexpr int perSocketMs = 10;
// Sockets in their handshake at once: thousands opened together would wait in the server's accept
// queue past their handshake timeout.
constexpr qsizetype maxConnectingSockets = 256;
constexpr int perBacklogMessageMs = 10;
const QString freshPassword = u"bench1234"_s;
// Odd pushes described in the report; the counts say how many there were.
constexpr qsizetype maxOddPushes = 5;

QTextStream &progress()
{
    static QTextStream err(stderr);
    return err;
}

int phaseTimeout(qint64 items, int perItemMs)
{
    return int(std::min<qint64>(phaseTimeoutMs + items * perItemMs, 24 * 3600 * 1000));
}

// The device id of a user's device \a index: the same for every account, so a later run with the
// same accounts reconnects the same devices (their delivery cursors) instead of new ones.
QByteArray deviceId(int index)
{
    return "bench-"_ba + QByteArray::number(index);
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
        abort(u"%1 took longer than %2 s"_s.arg(m_phase).arg(m_phaseDeadline.interval() / 1000));
    });
    m_sweep.setInterval(100);
    connect(&m_sweep, &QTimer::timeout, this, &LoadRun::sweepTimeouts);
    m_drainDeadline.setSingleShot(true);
    connect(&m_drainDeadline, &QTimer::timeout, this, [this] {
        m_drainExpired = true;
        maybeDrained();
    });
    m_scheduleTimer.setSingleShot(true);
    m_scheduleTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_scheduleTimer, &QTimer::timeout, this, &LoadRun::onScheduleTick);
    m_catchUpStart.setSingleShot(true);

    m_report.users = m_options.users;
    m_report.devices = m_options.devices;
    m_report.messagesPerUser = m_options.messagesPerUser;
    m_report.groupShare = m_options.groupShare;
    m_report.groupSize = m_options.groupSize;
    m_report.concurrency = m_options.concurrency;
    m_report.rate = m_options.rate;
    m_report.maxOutstanding = m_options.maxOutstanding;
}

LoadRun::~LoadRun() = default;

void LoadRun::start()
{
    if (m_options.serverBinary.isEmpty()) {
        onServerReady(m_options.url);
        return;
    }
    startPhase(u"starting %1"_s.arg(m_options.serverBinary), phaseTimeoutMs);
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
    m_accountSource = std::make_unique<AccountSource>(*m_rest);
    connect(m_accountSource.get(), &AccountSource::failed, this, &LoadRun::abort);
    connect(m_accountSource.get(), &AccountSource::finished, this, &LoadRun::onAccounts);
    getAccounts();
}

void LoadRun::startPhase(const QString &name, int timeoutMs)
{
    m_phase = name;
    m_phaseStartNs = m_clock.nsecsElapsed();
    progress() << "im-bench: " << name << "..." << Qt::endl;
    m_phaseDeadline.start(timeoutMs);
}

void LoadRun::phaseDone(double *seconds)
{
    m_phaseDeadline.stop();
    *seconds = double(m_clock.nsecsElapsed() - m_phaseStartNs) / 1e9;
}

void LoadRun::getAccounts()
{
    // The catch-up device belongs to one more user, the account after the chatting ones.
    const int needed = m_options.users + (m_options.catchUp > 0 ? 1 : 0);
    const int timeout = phaseTimeout(needed, perAccountMs);
    if (m_options.loginBase.isEmpty()) {
        m_report.accountSource = u"registered"_s;
        startPhase(u"registering %1 users"_s.arg(needed), timeout);
        return m_accountSource->registerFresh(needed, freshPassword);
    }
    // With --prepare-accounts the first call registers all of them, the second logs in those
    // this run needs.
    const bool preparing = m_options.prepareAccounts && m_report.accountSource.isEmpty();
    m_report.accountSource =
        m_options.prepareAccounts ? u"prepared and logged in"_s : u"logged in"_s;
    QStringList accounts;
    for (int i = 0; i < (preparing ? m_options.loginCount : needed); ++i)
        accounts.append(AccountSource::namedAccount(m_options.loginBase, i));
    if (preparing) {
        startPhase(u"registering accounts %1..%2 (existing ones are kept)"_s.arg(accounts.first(),
                                                                                 accounts.last()),
                   timeout);
        return m_accountSource->prepare(accounts, m_options.loginPassword);
    }
    startPhase(u"logging in accounts %1..%2"_s.arg(accounts.first(), accounts.last()), timeout);
    m_accountSource->login(accounts, m_options.loginPassword);
}

void LoadRun::onAccounts(const QList<Account> &accounts)
{
    if (m_shuttingDown)
        return;
    if (accounts.value(0).session.userId == 0)
        return getAccounts(); // prepared: now log them in
    phaseDone(&m_report.accountsSeconds);
    m_users.resize(m_options.users);
    for (int i = 0; i < m_options.users; ++i)
        m_users[i].account = accounts[i];
    if (m_options.catchUp > 0)
        m_catchUpAccount = accounts.last();
    connectSockets();
}

qint64 LoadRun::serverPid() const
{
    return m_launcher ? m_launcher->processId() : m_options.serverPid;
}

void LoadRun::connectSockets()
{
    const qsizetype sockets = m_users.size() * m_options.devices;
    m_report.sockets = sockets;
    m_report.serverRssBeforeSocketsKiB = processRssKiB(serverPid());
    startPhase(u"connecting %1 sockets"_s.arg(sockets), phaseTimeout(sockets, perSocketMs));
    m_phaseOutstanding = int(sockets);
    for (int u = 0; u < m_users.size(); ++u) {
        m_users[u].firstDevice = int(m_devices.size());
        for (int d = 0; d < m_options.devices; ++d) {
            const int key = int(m_devices.size());
            auto *socket = new ChatSocket(m_server, m_options.socketPath,
                                          m_users[u].account.session, deviceId(d), this);
            m_devices.append({ u, socket });
            socket->setEventHandler(
                [this, key](const QString &event, const QVariantList &arguments) {
                    return onEvent(key, event, arguments);
                });
            connect(socket, &ChatSocket::connected, this, [this] {
                openNextSocket();
                if (--m_phaseOutstanding == 0) {
                    phaseDone(&m_report.connectSeconds);
                    m_report.serverRssWithSocketsKiB = processRssKiB(serverPid());
                    createGroups();
                }
            });
            connect(socket, &ChatSocket::failed, this,
                    [this, key](const QString &reason) { onDeviceFailed(key, reason); });
        }
    }
    m_nextSocketToOpen = 0;
    while (m_nextSocketToOpen < std::min(m_devices.size(), maxConnectingSockets))
        openNextSocket();
}

void LoadRun::openNextSocket()
{
    if (m_nextSocketToOpen < m_devices.size())
        m_devices[m_nextSocketToOpen++].socket->open();
}

void LoadRun::onDeviceFailed(int device, const QString &reason)
{
    if (m_shuttingDown)
        return;
    const int user = m_devices[device].user;
    const QString failure = u"user %1 (%2) device %3: %4"_s.arg(user)
                                .arg(m_users[user].account.account)
                                .arg(device - m_users[user].firstDevice)
                                .arg(reason);
    if (!m_measuring)
        return abort(u"socket of %1"_s.arg(failure));
    m_report.socketFailures.append(failure);
    abandonSends(user);
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
    startPhase(u"creating %1 groups"_s.arg(m_groups.size()), phaseTimeoutMs);
    m_phaseOutstanding = int(m_groups.size());
    if (m_groups.isEmpty()) {
        phaseDone(&m_report.groupSeconds);
        return fillCatchUp();
    }
    for (int g = 0; g < m_groups.size(); ++g) {
        const User &creator = m_users[m_groups[g].members.first()];
        QJsonArray members;
        for (int member : std::as_const(m_groups[g].members).sliced(1))
            members.append(m_users[member].account.session.userId);
        const QJsonObject body { { u"name"_s, u"bench-%1"_s.arg(g) },
                                 { u"type"_s, 1 },
                                 { u"members"_s, members } };
        m_rest->post(
            u"/groups"_s, body, creator.account.session, [this, g](const RestReply &reply) {
                if (m_shuttingDown)
                    return;
                m_groups[g].id = reply.data().value(u"id"_s).toInteger();
                if (!reply.isOk() || m_groups[g].id <= 0)
                    return abort(u"cannot create group %1: %2"_s.arg(g).arg(reply.describe()));
                if (--m_phaseOutstanding == 0) {
                    phaseDone(&m_report.groupSeconds);
                    fillCatchUp();
                }
            });
    }
}

void LoadRun::fillCatchUp()
{
    if (!m_catchUpAccount)
        return startSending();
    m_catchUp = std::make_unique<CatchUpScenario>(
        *m_catchUpAccount, m_options.catchUp, m_options.catchUpWindow, m_runTag + u"-c"_s, m_clock);
    startPhase(u"storing %1 messages for the catch-up device"_s.arg(m_options.catchUp),
               phaseTimeout(m_options.catchUp, perBacklogMessageMs));
    QList<CatchUpScenario::Sender> senders;
    for (const User &user : std::as_const(m_users))
        senders.append({ m_devices[user.firstDevice].socket, user.account.session.userId });
    connect(m_catchUp.get(), &CatchUpScenario::failed, this, &LoadRun::abort);
    connect(m_catchUp.get(), &CatchUpScenario::filled, this, [this] {
        m_phaseDeadline.stop();
        startSending();
    });
    // Queued: the scenario finishes inside a socket's event handler, which must not be closed
    // under it.
    connect(m_catchUp.get(), &CatchUpScenario::finished, this, &LoadRun::maybeDrained,
            Qt::QueuedConnection);
    connect(&m_catchUpStart, &QTimer::timeout, this, [this] {
        progress() << "im-bench: the catch-up device connects..." << Qt::endl;
        m_catchUp->connectDevice(m_server, m_options.socketPath,
                                 std::max(m_options.drainTimeoutMs, 1000));
    });
    m_catchUp->fill(senders);
}

void LoadRun::startSending()
{
    progress() << "im-bench: sending " << totalSends() << " messages"
               << (m_options.rate > 0 ? u" at %1/s"_s.arg(m_options.rate)
                                      : u", %1 in flight per user"_s.arg(m_options.concurrency))
               << "..." << Qt::endl;
    m_measuring = true;
    m_sendStartNs = m_clock.nsecsElapsed();
    m_benchCpuAtStart = ownCpuSeconds();
    m_serverCpuAtStart = processCpuSeconds(serverPid());
    m_databaseCpuAtStart = processCpuSeconds(m_options.databasePid);
    m_sweep.start();
    if (m_catchUp)
        m_catchUpStart.start(m_options.catchUpAfterMs);
    if (m_options.rate > 0) {
        m_schedule.emplace(m_options.rate, totalSends());
        onScheduleTick();
    } else {
        for (int i = 0; i < m_users.size(); ++i)
            pump(i);
    }
    maybeDrained(); // nothing to send at all
}

qint64 LoadRun::totalSends() const
{
    return qint64(m_options.users) * m_options.messagesPerUser;
}

void LoadRun::pump(int index)
{
    User &user = m_users[index];
    if (m_schedule || user.lost)
        return; // the open loop sends on its schedule only
    while (user.inFlight < m_options.concurrency && user.sent < m_options.messagesPerUser)
        sendOne(index, m_clock.nsecsElapsed());
}

void LoadRun::onScheduleTick()
{
    if (!m_measuring)
        return;
    const qint64 elapsed = m_clock.nsecsElapsed() - m_sendStartNs;
    const qint64 due = m_schedule->dueBy(elapsed);
    while (m_nextScheduled < due) {
        // Send k is the user k mod users', so every user sends at rate / users.
        const qint64 k = m_nextScheduled++;
        const int index = int(k % m_users.size());
        User &user = m_users[index];
        if (user.lost)
            continue; // counted as unanswered already
        if (m_pending.size() >= m_options.maxOutstanding) {
            ++user.sent;
            ++m_report.dropped;
            ++m_settled;
            continue;
        }
        const qint64 dueNs = m_schedule->dueNs(k);
        m_report.maxSendLagMs = std::max(m_report.maxSendLagMs, double(elapsed - dueNs) / 1e6);
        sendOne(index, m_sendStartNs + dueNs);
    }
    if (m_nextScheduled < m_schedule->total()) {
        const qint64 waitNs =
            m_schedule->dueNs(m_nextScheduled) - (m_clock.nsecsElapsed() - m_sendStartNs);
        // Rounded up: waking early would only spin until the send is due.
        m_scheduleTimer.start(int((std::max<qint64>(waitNs, 0) + 999999) / 1000000));
    }
    maybeDrained(); // the last sends may have been dropped
}

void LoadRun::sendOne(int index, qint64 sentNs)
{
    User &user = m_users[index];
    const int sequence = user.sent++;
    ++user.inFlight;
    ++m_report.sends;
    // The user's devices take turns, so each one sends and receives its others' copies.
    const int sendingDevice = user.firstDevice + sequence % m_options.devices;

    const QString msgId = u"%1-m%2-%3"_s.arg(m_runTag).arg(index).arg(sequence);
    qint64 receiver = 0;
    qint64 groupId = 0;
    int peer = -1;
    if (user.group >= 0 && m_random.generateDouble() < m_options.groupShare) {
        groupId = m_groups[user.group].id;
        receiver = groupId;
        ++m_report.groupSends;
    } else {
        peer = int(m_random.bounded(m_users.size() - 1));
        if (peer >= index)
            ++peer; // anyone but the sender
        receiver = m_users[peer].account.session.userId;
    }

    const qint64 sender = user.account.session.userId;
    const bool duringCatchUp = m_catchUp && m_catchUp->isRunning();
    m_ledger.expect(msgId, sentNs, sender, sendingDevice, groupId,
                    receivingDevices(index, sendingDevice, peer), duringCatchUp);
    m_pending.insert(msgId, { index, sentNs, duringCatchUp });
    m_devices[sendingDevice].socket->emitWithAck(
        ChatWire::event,
        ChatWire::encodeMessage(msgId, sender, receiver, groupId,
                                u"im-bench message %1 of user %2"_s.arg(sequence).arg(index)),
        [this, msgId](const std::optional<QVariantList> &arguments) { onAck(msgId, arguments); });
}

QList<qint64> LoadRun::receivingDevices(int user, int sendingDevice, int peer) const
{
    // The server pushes to every device of every recipient but the one that sent it; the
    // recipients of a single chat are both ends, those of a group message every member.
    QList<qint64> devices;
    const auto addDevicesOf = [&](int recipient) {
        const int first = m_users[recipient].firstDevice;
        for (int d = first; d < first + m_options.devices; ++d) {
            if (d != sendingDevice)
                devices.append(d);
        }
    };
    if (peer >= 0) {
        addDevicesOf(peer);
        addDevicesOf(user);
    } else {
        for (int member : m_groups[m_users[user].group].members)
            addDevicesOf(member);
    }
    return devices;
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
    const auto ack = ChatWire::readAck(arguments);
    if (!ack) {
        ++m_report.unanswered;
        m_ledger.cancel(msgId);
    } else if (!ack->stored) {
        ++m_report.refused;
        ++m_report.refusals[ack->refusal];
        m_ledger.cancel(msgId);
    } else {
        ++m_report.acked;
        m_report.ackLatency.add(now - send.sentNs);
        if (send.duringCatchUp)
            m_catchUpAckLatency.add(now - send.sentNs);
    }
    m_lastAckNs = now;
    pump(send.user);
    maybeDrained();
}

void LoadRun::abandonSends(int index)
{
    User &user = m_users[index];
    if (user.lost)
        return;
    user.lost = true;
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
    for (int sender : std::as_const(senders))
        pump(sender);
    maybeDrained();
}

QByteArray LoadRun::onEvent(int device, const QString &event, const QVariantList &arguments)
{
    if (event != ChatWire::event)
        return ChatWire::okAck(); // notifications and receipts: acknowledged, not measured
    const auto push = ChatWire::readPush(arguments);
    if (!push) {
        m_undecodablePushes += m_measuring ? 1 : 0;
        return ChatWire::okAck();
    }
    if (m_catchUp && m_catchUp->isOwnMessage(push->msgId))
        return ChatWire::okAck(); // the backlog's copies to its senders' other devices
    if (!push->msgId.startsWith(m_runTag + u'-')) {
        ++m_report.earlier; // waiting since an earlier run: acked so the cursor moves on
        return ChatWire::okAck();
    }
    if (!m_measuring)
        return ChatWire::okAck();
    const qint64 now = m_clock.nsecsElapsed();
    const auto outcome = m_ledger.record(push->msgId, device, push->sender, push->groupId, now);
    if (outcome == DeliveryLedger::Outcome::Expected) {
        m_lastDeliveryNs = now;
        if (m_ledger.outstanding() == 0)
            maybeDrained();
    } else if ((outcome == DeliveryLedger::Outcome::Unexpected
                || outcome == DeliveryLedger::Outcome::Mismatched)
               && m_report.oddPushes.size() < maxOddPushes) {
        const Device &receiver = m_devices[device];
        m_report.oddPushes.append(u"%1 %2 (sender %3, group %4) to user %5 device %6"_s
                                      .arg(outcome == DeliveryLedger::Outcome::Unexpected
                                               ? u"unexpected"_s
                                               : u"mismatched"_s,
                                           push->msgId)
                                      .arg(push->sender)
                                      .arg(push->groupId)
                                      .arg(m_users[receiver.user].account.session.userId)
                                      .arg(device - m_users[receiver.user].firstDevice));
    }
    return ChatWire::okAck();
}

void LoadRun::maybeDrained()
{
    if (!m_measuring || m_settled < totalSends())
        return;
    m_sweep.stop();
    const bool catchUpDone = !m_catchUp || m_catchUp->isFinished();
    if ((m_ledger.outstanding() == 0 || m_drainExpired) && catchUpDone)
        return finishMeasuring();
    if (m_ledger.outstanding() > 0 && !m_drainExpired && !m_drainDeadline.isActive()) {
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
    m_scheduleTimer.stop();
    const qint64 now = m_clock.nsecsElapsed();
    m_report.measuredSeconds = double(now - m_sendStartNs) / 1e9;
    m_report.benchCpuSeconds = ownCpuSeconds() - m_benchCpuAtStart;
    const auto used = [](std::optional<double> atStart, qint64 pid) -> std::optional<double> {
        const auto atEnd = processCpuSeconds(pid);
        if (!atStart || !atEnd)
            return std::nullopt;
        return *atEnd - *atStart;
    };
    m_report.serverCpuSeconds = used(m_serverCpuAtStart, serverPid());
    m_report.databaseCpuSeconds = used(m_databaseCpuAtStart, m_options.databasePid);
    m_report.sendSeconds = double(std::max<qint64>(m_lastAckNs - m_sendStartNs, 0)) / 1e9;
    m_report.deliverySeconds = double(std::max<qint64>(m_lastDeliveryNs - m_sendStartNs, 0)) / 1e9;
    if (m_schedule)
        m_report.scheduleSeconds = double(m_schedule->total()) / m_options.rate;
    using Outcome = DeliveryLedger::Outcome;
    m_report.expectedDeliveries = m_ledger.expected();
    m_report.deliveries = m_ledger.count(Outcome::Expected);
    m_report.missing = m_ledger.outstanding();
    m_report.duplicates = m_ledger.count(Outcome::Duplicate);
    m_report.unexpected = m_ledger.count(Outcome::Unexpected) + m_undecodablePushes;
    m_report.mismatched = m_ledger.count(Outcome::Mismatched);
    m_report.ofFailedSends = m_ledger.count(Outcome::OfFailedSend);
    m_report.echoes = m_ledger.count(Outcome::Echo);
    m_report.deliveryLatency = m_ledger.latency();
    if (m_catchUp) {
        CatchUpFigures catchUp = m_catchUp->figures();
        catchUp.connectedAfterSeconds =
            double(std::max<qint64>(m_catchUp->openedNs() - m_sendStartNs, 0)) / 1e9;
        catchUp.othersAckLatency = m_catchUpAckLatency;
        catchUp.othersPushLatency = m_ledger.markedLatency();
        m_report.catchUp = catchUp;
    }

    QTextStream out(stdout);
    printReport(out, m_report);
    int exitCode = m_report.passed() ? 0 : 1;
    QString error;
    if (!m_options.jsonPath.isEmpty()
        && !writeJsonReport(m_options.jsonPath, m_options, m_report, &error)) {
        progress() << "im-bench: cannot write " << m_options.jsonPath << ": " << error << Qt::endl;
        exitCode = 1;
    }
    shutDown(exitCode);
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
    m_scheduleTimer.stop();
    m_catchUpStart.stop();
    for (const Device &device : std::as_const(m_devices))
        device.socket->close();
    if (m_catchUp)
        m_catchUp->close();
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
