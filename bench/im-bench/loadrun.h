#pragma once

#include "accountsource.h"
#include "benchoptions.h"
#include "benchreport.h"
#include "deliveryledger.h"
#include "openloopschedule.h"
#include "restclient.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QRandomGenerator>
#include <QTimer>

#include <memory>
#include <optional>

namespace Im::Bench {

class CatchUpScenario;
class ChatSocket;
class ServerLauncher;

//! One bench run, phase after phase, all on the event loop: start the server (optional), get the
//! accounts (register, or log in, prepared first if asked), connect every user's devices, create
//! the groups, store the catch-up backlog (optional), send every message — closed loop, keeping
//! `concurrency` sends per user in flight, or open loop at a fixed offered rate — while the
//! catch-up device connects, wait for the remaining deliveries, report, stop.
class LoadRun : public QObject
{
    Q_OBJECT
public:
    explicit LoadRun(BenchOptions options, QObject *parent = nullptr);
    ~LoadRun() override;

    void start();

Q_SIGNALS:
    //! The run is over and the report printed; \a exitCode is the process's.
    void finished(int exitCode);

private:
    struct User
    {
        Account account;
        int firstDevice = 0; //!< index into m_devices; the user's devices follow it
        int group = -1; //!< index into m_groups, -1 without one
        int sent = 0;
        int inFlight = 0;
        bool lost = false; //!< a device's socket failed: the user sends no more
    };
    struct Device
    {
        int user = 0;
        ChatSocket *socket = nullptr;
    };
    struct Group
    {
        qint64 id = 0;
        QList<int> members; //!< user indices, the creator first
    };
    struct PendingSend
    {
        int user = 0;
        qint64 sentNs = 0; //!< the emission, or in the open loop its due time
        bool duringCatchUp = false;
    };

    void onServerReady(const QUrl &url);
    void getAccounts();
    void onAccounts(const QList<Account> &accounts);
    void connectSockets();
    //! Opens the next socket of m_devices, if any: at most maxConnectingSockets are connecting.
    void openNextSocket();
    //! The server whose CPU and memory are read: the started one, or --server-pid (0: none).
    [[nodiscard]] qint64 serverPid() const;
    void onDeviceFailed(int device, const QString &reason);
    void createGroups();
    void fillCatchUp();
    void startSending();
    void pump(int user);
    void onScheduleTick();
    void sendOne(int user, qint64 sentNs);
    //! Every device that should get a message from \a user's device \a sendingDevice to \a peer
    //! (a user index) or to the user's group (\a peer -1).
    QList<qint64> receivingDevices(int user, int sendingDevice, int peer) const;
    void onAck(const QString &msgId, const std::optional<QVariantList> &arguments);
    //! Settles a pending send; false when it was settled already (e.g. it timed out).
    bool settle(const QString &msgId, PendingSend *send);
    //! A lost socket sends no more: its user's unsent messages count as unanswered.
    void abandonSends(int user);
    void sweepTimeouts();
    QByteArray onEvent(int device, const QString &event, const QVariantList &arguments);
    [[nodiscard]] qint64 totalSends() const;
    void maybeDrained();
    void finishMeasuring();
    void startPhase(const QString &name, int timeoutMs);
    void phaseDone(double *seconds);
    void abort(const QString &reason);
    void shutDown(int exitCode);

    BenchOptions m_options;
    BenchReport m_report;
    QUrl m_server;
    std::unique_ptr<ServerLauncher> m_launcher;
    std::unique_ptr<RestClient> m_rest;
    std::unique_ptr<AccountSource> m_accountSource;
    std::unique_ptr<CatchUpScenario> m_catchUp;
    std::optional<Account> m_catchUpAccount;
    QList<User> m_users;
    QList<Device> m_devices;
    QList<Group> m_groups;
    QHash<QString, PendingSend> m_pending;
    DeliveryLedger m_ledger;
    std::optional<OpenLoopSchedule> m_schedule;
    qint64 m_nextScheduled = 0; //!< the open loop's next send
    QRandomGenerator m_random;
    QString m_runTag; //!< makes msgIds unique across runs against one server
    QElapsedTimer m_clock;
    QTimer m_phaseDeadline;
    QTimer m_sweep;
    QTimer m_drainDeadline;
    QTimer m_scheduleTimer;
    QTimer m_catchUpStart;
    QString m_phase;
    qint64 m_phaseStartNs = 0;
    int m_phaseOutstanding = 0;
    qsizetype m_nextSocketToOpen = 0;
    qint64 m_sendStartNs = 0;
    qint64 m_lastAckNs = 0;
    qint64 m_lastDeliveryNs = 0;
    qint64 m_settled = 0;
    qint64 m_undecodablePushes = 0;
    double m_benchCpuAtStart = 0;
    std::optional<double> m_serverCpuAtStart;
    std::optional<double> m_databaseCpuAtStart;
    LatencySamples m_catchUpAckLatency; //!< of the sends made while the catch-up ran
    bool m_measuring = false;
    bool m_drainExpired = false;
    bool m_shuttingDown = false;
    bool m_aborted = false;
};

} // namespace Im::Bench
