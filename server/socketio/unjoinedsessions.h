#pragma once

#include <QDeadlineTimer>
#include <QHash>
#include <QHostAddress>
#include <QString>

namespace Im::SocketIo {

//! The Engine.IO sessions that have not joined a namespace yet (nobody has authenticated them),
//! counted per remote address and in total, and the admission of new handshakes against those
//! caps. A handshake flood can then hold at most the caps' worth of sessions, each for the
//! connect timeout. Refusals are logged at most once a minute, with how many there were, so the
//! flood does not flood the log either. Network thread.
class UnjoinedSessions
{
public:
    enum class Verdict { Admit, TooManyFromAddress, TooMany };

    //! \a maxTotal and \a maxPerAddress: 0 for no cap.
    UnjoinedSessions(int maxTotal, int maxPerAddress);

    //! Whether a handshake from \a address may open a session; a refusal is counted and logged.
    [[nodiscard]] Verdict admit(const QHostAddress &address);
    void add(const QHostAddress &address);
    void remove(const QHostAddress &address);
    [[nodiscard]] int count() const { return m_total; }
    [[nodiscard]] qint64 refused() const { return m_refused; }

private:
    void logRefusal(const QHostAddress &address, Verdict verdict);

    const int m_maxTotal;
    const int m_maxPerAddress;
    int m_total = 0;
    QHash<QString, int> m_byAddress;
    qint64 m_refused = 0;
    qint64 m_refusedSinceLog = 0;
    QDeadlineTimer m_nextLog { 0 };
};

} // namespace Im::SocketIo
