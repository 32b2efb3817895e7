#include "http/trustedproxies.h"

#include <QByteArray>

namespace Im::Http {

namespace {

// IPv4 peers may arrive as IPv4-mapped IPv6 on a dual-stack socket.
QHostAddress normalised(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4) : address;
}

} // namespace

std::optional<TrustedProxies> TrustedProxies::parse(const QStringList &entries, QString *badEntry)
{
    TrustedProxies proxies;
    for (const QString &raw : entries) {
        const QString entry = raw.trimmed();
        if (entry.isEmpty())
            continue;
        QPair<QHostAddress, int> subnet = entry.contains(u'/') ? QHostAddress::parseSubnet(entry)
                                                               : qMakePair(QHostAddress(entry), -1);
        if (subnet.first.isNull()) {
            if (badEntry)
                *badEntry = entry;
            return std::nullopt;
        }
        if (subnet.second < 0)
            subnet.second = subnet.first.protocol() == QAbstractSocket::IPv4Protocol ? 32 : 128;
        proxies.m_subnets.append(subnet);
    }
    return proxies;
}

bool TrustedProxies::isTrusted(const QHostAddress &address) const
{
    const QHostAddress plain = normalised(address);
    return std::any_of(m_subnets.cbegin(), m_subnets.cend(), [&plain](const auto &subnet) {
        return plain.isInSubnet(subnet.first, subnet.second);
    });
}

QHostAddress TrustedProxies::clientAddress(const QHostAddress &peer,
                                           QByteArrayView forwardedFor) const
{
    if (!isTrusted(peer) || forwardedFor.isEmpty())
        return peer;
    // Right to left: each trusted proxy appended the address it got the request from, so the
    // first untrusted one is the client (addresses further left are the client's own claims).
    const QList<QByteArray> hops = forwardedFor.toByteArray().split(',');
    QHostAddress client = peer;
    for (auto it = hops.crbegin(); it != hops.crend(); ++it) {
        const QHostAddress hop(QString::fromLatin1(it->trimmed()));
        if (hop.isNull())
            break;
        client = normalised(hop);
        if (!isTrusted(client))
            break;
    }
    return client;
}

} // namespace Im::Http
