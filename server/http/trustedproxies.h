#pragma once

#include <QByteArrayView>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QStringList>

#include <optional>

namespace Im::Http {

//! The proxies (TRUSTED_PROXIES) whose `X-Forwarded-For` is believed. A request from one of them
//! is attributed to the nearest address in that header that is not itself a trusted proxy, so
//! throttles, limits and logs see the real client; from anyone else the header is ignored.
class TrustedProxies
{
public:
    TrustedProxies() = default;
    //! Parses addresses and subnets (`10.0.0.0/8`, `::1`); nullopt names the first bad entry.
    [[nodiscard]] static std::optional<TrustedProxies> parse(const QStringList &entries,
                                                             QString *badEntry = nullptr);

    [[nodiscard]] bool isEmpty() const { return m_subnets.isEmpty(); }
    [[nodiscard]] bool isTrusted(const QHostAddress &address) const;
    //! The client behind \a peer, given the request's `X-Forwarded-For` value.
    [[nodiscard]] QHostAddress clientAddress(const QHostAddress &peer,
                                             QByteArrayView forwardedFor) const;

private:
    QList<QPair<QHostAddress, int>> m_subnets;
};

} // namespace Im::Http
