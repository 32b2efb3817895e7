#pragma once

#include "accountsource.h"
#include "benchreport.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <QUrl>

namespace Im::Bench {

class ChatSocket;

//! One device that comes back to a long backlog while the others chat. fill() stores N messages
//! for an offline user, as fast as the server takes them; connect() then opens that user's
//! device, which the server brings up to date from its delivery cursor, page by page. Every push
//! is acked (the cursor only moves over acked pushes) and checked: each of the N must arrive
//! once, in the order of the message ids the server acked the sends with.
class CatchUpScenario : public QObject
{
    Q_OBJECT
public:
    //! A socket that sends part of the backlog, and the user it belongs to.
    struct Sender
    {
        ChatSocket *socket = nullptr;
        qint64 userId = 0;
    };

    //! \a messages for \a target, at most \a window sends in flight; msgIds begin with
    //! \a msgIdPrefix, so pushes of the backlog are told apart from any other.
    CatchUpScenario(Account target, int messages, int window, QString msgIdPrefix,
                    const QElapsedTimer &clock, QObject *parent = nullptr);
    ~CatchUpScenario() override;

    //! Sends the backlog from \a senders, round-robin; filled() or failed() follows.
    void fill(const QList<Sender> &senders);
    //! Connects the target's device; finished() follows once every message arrived, or nothing
    //! arrived for \a stallTimeoutMs, or the socket failed.
    void connectDevice(const QUrl &server, const QString &socketPath, int stallTimeoutMs);
    void close();

    //! Between connectDevice() and finished().
    [[nodiscard]] bool isRunning() const { return m_openedNs != 0 && !m_finished; }
    [[nodiscard]] bool isFinished() const { return m_finished; }
    //! When connectDevice() was called, on the run's clock; 0 before.
    [[nodiscard]] qint64 openedNs() const { return m_openedNs; }
    [[nodiscard]] bool isOwnMessage(const QString &msgId) const
    {
        return msgId.startsWith(m_prefix);
    }
    //! The figures so far; the latencies of the others are LoadRun's to add.
    [[nodiscard]] const CatchUpFigures &figures() const { return m_figures; }

Q_SIGNALS:
    void filled();
    //! The backlog could not be stored; the scenario is of no use.
    void failed(const QString &reason);
    void finished();

private:
    void sendMore();
    void onFillAck(const QString &msgId, const std::optional<QVariantList> &arguments);
    QByteArray onPush(const QString &event, const QVariantList &arguments);
    void finish(const QString &socketFailure = {});

    Account m_target;
    QString m_prefix;
    int m_window;
    const QElapsedTimer &m_clock;
    QList<Sender> m_senders;
    int m_nextSend = 0;
    int m_inFlight = 0;
    qint64 m_fillStartNs = 0;
    QHash<QString, qint64> m_expected; //!< msgId -> the message id its ack named
    QSet<QString> m_received;
    qint64 m_highestId = 0;
    ChatSocket *m_socket = nullptr;
    QTimer m_stall;
    qint64 m_openedNs = 0;
    bool m_finished = false;
    CatchUpFigures m_figures;
};

} // namespace Im::Bench
