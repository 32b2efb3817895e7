#pragma once

#include "benchoptions.h"
#include "benchreport.h"
#include "deliveryledger.h"
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

class ChatSocket;
class ServerLauncher;

//! One bench run, phase after phase, all on the event loop: start the server (optional),
//! register the users, connect a socket each, create the groups, send every message keeping
//! `concurrency` sends per user in flight, wait for the remaining deliveries, report, stop.
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
        QString account;
        Session session;
        ChatSocket *socket = nullptr;
        int group = -1; //!< index into m_groups, -1 without one
        int sent = 0;
        int inFlight = 0;
    };
    struct Group
    {
        qint64 id = 0;
        QList<int> members; //!< user indices, the creator first
    };
    struct PendingSend
    {
        int user = 0;
        qint64 sentNs = 0;
    };

    void onServerReady(const QUrl &url);
    void registerUsers();
    void registerUser(int index, int attempt);
    void connectSockets();
    void createGroups();
    void startSending();
    void pump(int user);
    void sendOne(int user);
    void onAck(const QString &msgId, const std::optional<QVariantList> &arguments);
    //! Settles a pending send; false when it was settled already (e.g. it timed out).
    bool settle(const QString &msgId, PendingSend *send);
    //! A lost socket sends no more: its user's unsent messages count as unanswered.
    void abandonSends(int user);
    void sweepTimeouts();
    QByteArray onEvent(int user, const QString &event, const QVariantList &arguments);
    void maybeDrained();
    void finishMeasuring();
    void startPhase(const QString &name);
    void phaseDone(double *seconds);
    void abort(const QString &reason);
    void shutDown(int exitCode);

    BenchOptions m_options;
    BenchReport m_report;
    QUrl m_server;
    std::unique_ptr<ServerLauncher> m_launcher;
    std::unique_ptr<RestClient> m_rest;
    QList<User> m_users;
    QList<Group> m_groups;
    QHash<QString, PendingSend> m_pending;
    DeliveryLedger m_ledger;
    QRandomGenerator m_random;
    QString m_runTag; //!< makes msgIds unique across runs against one server
    QElapsedTimer m_clock;
    QTimer m_phaseDeadline;
    QTimer m_sweep;
    QTimer m_drainDeadline;
    QString m_phase;
    qint64 m_phaseStartNs = 0;
    int m_phaseOutstanding = 0;
    qint64 m_sendStartNs = 0;
    qint64 m_lastAckNs = 0;
    qint64 m_lastDeliveryNs = 0;
    qint64 m_settled = 0;
    qint64 m_undecodablePushes = 0;
    double m_benchCpuAtStart = 0;
    std::optional<double> m_serverCpuAtStart;
    bool m_measuring = false;
    bool m_shuttingDown = false;
    bool m_aborted = false;
};

} // namespace Im::Bench
