#include "socketio/unjoinedsessions.h"

#include "socketio/clientaddress.h"
#include "socketio/logging.h"

#include <chrono>

using namespace std::chrono_literals;

namespace Im::SocketIo {

namespace {

constexpr auto logInterval = 60s;

} // namespace

UnjoinedSessions::UnjoinedSessions(int maxTotal, int maxPerAddress)
    : m_maxTotal(maxTotal)
    , m_maxPerAddress(maxPerAddress)
{ }

UnjoinedSessions::Verdict UnjoinedSessions::admit(const QHostAddress &address)
{
    Verdict verdict = Verdict::Admit;
    if (m_maxPerAddress > 0 && m_byAddress.value(clientAddressKey(address)) >= m_maxPerAddress)
        verdict = Verdict::TooManyFromAddress;
    else if (m_maxTotal > 0 && m_total >= m_maxTotal)
        verdict = Verdict::TooMany;
    if (verdict != Verdict::Admit) {
        ++m_refused;
        logRefusal(address, verdict);
    }
    return verdict;
}

void UnjoinedSessions::add(const QHostAddress &address)
{
    ++m_total;
    ++m_byAddress[clientAddressKey(address)];
}

void UnjoinedSessions::remove(const QHostAddress &address)
{
    const auto it = m_byAddress.find(clientAddressKey(address));
    if (it == m_byAddress.end())
        return;
    --m_total;
    if (--*it <= 0)
        m_byAddress.erase(it);
}

void UnjoinedSessions::logRefusal(const QHostAddress &address, Verdict verdict)
{
    ++m_refusedSinceLog;
    if (!m_nextLog.hasExpired())
        return;
    const QString cap = verdict == Verdict::TooManyFromAddress
        ? QStringLiteral("%1 from %2").arg(m_maxPerAddress).arg(address.toString())
        : QStringLiteral("%1 in total").arg(m_maxTotal);
    qCWarning(lcEngine).noquote()
        << "refusing Engine.IO handshakes: unjoined sessions at the cap of" << cap << "-"
        << m_refusedSinceLog << "refused since the last such line (at most one a minute)";
    m_refusedSinceLog = 0;
    m_nextLog.setRemainingTime(logInterval);
}

} // namespace Im::SocketIo
