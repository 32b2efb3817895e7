#pragma once

#include <QList>
#include <QString>

namespace Im::Admin {

//! The servers the console connected to, most recent first, kept in QSettings
//! ("connection/servers": url and account of each; never a password). At most maxServers; one
//! entry per URL, with the account last used there.
class ServerHistory
{
public:
    static constexpr int maxServers = 10;

    struct Server
    {
        QString url;
        QString account;
        friend bool operator==(const Server &, const Server &) = default;
    };

    //! The remembered servers, most recent first.
    [[nodiscard]] static QList<Server> servers();
    //! Puts \a url with \a account first (moving it up if it was remembered already) and drops
    //! the oldest beyond maxServers.
    static void remember(const QString &url, const QString &account);
    //! Forgets \a url; nothing happens when it was not remembered.
    static void forget(const QString &url);

private:
    static void store(const QList<Server> &servers);
};

} // namespace Im::Admin
